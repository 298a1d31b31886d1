import {
  formatFiles,
  getProjects,
  joinPathFragments,
  logger,
  readProjectConfiguration,
  updateProjectConfiguration,
  type ProjectConfiguration,
  type Tree,
} from '@nx/devkit';
import { closestNames, DetectionError, detectProject, generateDockerfile, NODE_LOCKFILE_NAMES, type Detection, type Language } from '@docker-ms/core';
import { BUILD_EXECUTOR, dockerBuildTarget } from '../../utils/docker-build-target';
import { DEFAULT_BUILD_TARGET_NAME, registeredBuildTargetName } from '../../utils/plugin-registration';
import { treeFileReader } from '../../utils/tree-file-reader';
import { contextSources, inferContext } from '@docker-ms/core';
import { contextAllowlist, generatorGraph, prunedManifestsDir, workspaceMemberManifests } from '../../utils/build-context';
import { normalizeOptions, type NormalizedGeneratorOptions } from './normalize-options';
import { nxProjectFacts, type NxProjectFacts } from './nx-metadata';
import { effectiveProject, graphProjectNames } from './project-graph';
import type { DockerfileGeneratorSchema } from './schema';

interface ProjectPlan {
  name: string;
  root: string;
  writes: Array<{ path: string; content: string; onlyIfAbsent?: boolean }>;
  kept: string[];
  target?: { name: string; config: ReturnType<typeof dockerBuildTarget> };
}

/** `nx g docker-ms:dockerfile <project>`: every project is planned (and checked) before anything is written. */
export async function dockerfileGenerator(tree: Tree, schema: DockerfileGeneratorSchema): Promise<void> {
  const options = normalizeOptions(schema);
  const projects = getProjects(tree);
  const names = selectProjects(tree, projects, options);
  const pluginTarget = registeredBuildTargetName(tree);
  const targetName = options.targetName ?? pluginTarget ?? DEFAULT_BUILD_TARGET_NAME;

  const plans: ProjectPlan[] = [];
  const problems: string[] = [];
  for (const name of names) {
    try {
      plans.push(planProject(tree, name, projects.get(name) as ProjectConfiguration, options, targetName, pluginTarget));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const root = (projects.get(name) as ProjectConfiguration).root;
      // one line per problem, each naming its project (core's detection lines already start with the folder)
      const label = (line: string) => (names.length === 1 || line.startsWith(`${root}: `) ? line : `${name}: ${line}`);
      problems.push(...message.split('\n').map(label));
    }
  }
  if (problems.length > 0) {
    throw new Error(problems.join('\n') + (names.length > 1 ? '\nNothing was written.' : ''));
  }

  for (const plan of plans) applyPlan(tree, plan);
  if (!options.skipFormat) await formatFiles(tree);
}

export default dockerfileGenerator;

function selectProjects(tree: Tree, projects: Map<string, ProjectConfiguration>, options: NormalizedGeneratorOptions): string[] {
  if (options.all) {
    if (options.project) logger.info(`--all given: "${options.project}" is included with every other application.`);
    const graphTypes = graphProjectNames(tree);
    const apps = [...projects.entries()]
      .filter(([name, config]) => isApplication(name, effectiveProject(tree, config, name), graphTypes.get(name)))
      .map(([name]) => name)
      .sort();
    if (apps.length === 0) {
      throw new Error('--all: the workspace has no application projects (projectType "application"); name a project instead: nx g docker-ms:dockerfile <project>');
    }
    return apps;
  }
  if (!options.project) {
    throw new Error('Name the project (nx g docker-ms:dockerfile <project>) or pass --all for every application.');
  }
  if (!projects.has(options.project)) {
    const close = closestNames(options.project, projects.keys());
    const hint = close.length > 0 ? `did you mean ${close.map((n) => `"${n}"`).join(', ')}?` : `projects: ${[...projects.keys()].sort().slice(0, 10).join(', ') || 'none'}`;
    throw new Error(`Cannot find project "${options.project}"; ${hint} (nx show projects lists them all)`);
  }
  return [options.project];
}

/** Applications by projectType; a project that says neither (package.json projects often do not) counts when it can be served or started. */
function isApplication(name: string, project: ProjectConfiguration, graphType: 'app' | 'lib' | 'e2e' | undefined): boolean {
  if (project.root === '.' || project.root === '') return false;
  if (/[-_]e2e$/.test(name) || graphType === 'e2e') return false;
  if (project.projectType !== undefined) return project.projectType === 'application';
  return graphType === 'app' || 'serve' in (project.targets ?? {}) || 'start' in (project.targets ?? {});
}

function planProject(
  tree: Tree,
  name: string,
  config: ProjectConfiguration,
  options: NormalizedGeneratorOptions,
  targetName: string,
  pluginTarget: string | undefined,
): ProjectPlan {
  const project = effectiveProject(tree, config, name);
  const root = config.root;
  const existingTarget = project.targets?.[targetName];
  if (existingTarget && existingTarget.executor !== BUILD_EXECUTOR) {
    const runs = existingTarget.executor ?? (existingTarget.command ? `command "${existingTarget.command}"` : 'another executor');
    throw new Error(`Target "${targetName}" of project "${name}" already runs ${runs}; choose another name with --targetName`);
  }
  const plan: ProjectPlan = { name, root, writes: [], kept: [] };
  const facts = nxProjectFacts(project);
  const dockerfilePath = joinPathFragments(root, 'Dockerfile');

  let dockerfile: string;
  let context: string;
  let defaultStage: string | undefined;
  if (tree.exists(dockerfilePath) && !options.overwrite) {
    dockerfile = tree.read(dockerfilePath, 'utf-8') ?? '';
    context = inferContext(contextSources(dockerfile), root, (p) => tree.exists(p));
    plan.kept.push(dockerfilePath);
  } else {
    const generated = generate(tree, name, root, options, facts);
    dockerfile = generated.dockerfile;
    context = generated.context;
    defaultStage = generated.target;
    plan.writes.push({ path: dockerfilePath, content: dockerfile });
    for (const { path, content, onlyIfAbsent } of generated.ignoreFiles) {
      if (tree.exists(path) && (onlyIfAbsent || !options.overwrite)) {
        if (!onlyIfAbsent) plan.kept.push(path);
      } else plan.writes.push({ path, content, onlyIfAbsent });
    }
  }

  // With the plugin registered under this name the target is inferred from the Dockerfile; otherwise it is written.
  if (pluginTarget !== targetName && (!existingTarget || options.overwrite)) {
    plan.target = {
      name: targetName,
      config: dockerBuildTarget({
        projectRoot: root,
        dockerfile,
        context,
        dependsOn: facts.buildTarget,
        defaultStage,
        dockerignore: plan.writes.find((w) => w.path === joinPathFragments(root, 'Dockerfile.dockerignore'))?.content ?? tree.read(joinPathFragments(root, 'Dockerfile.dockerignore'), 'utf-8'),
        kind: (p) => (!tree.exists(p) ? 'missing' : tree.isFile(p) ? 'file' : 'folder'),
      }),
    };
  } else if (existingTarget && pluginTarget !== targetName) {
    plan.kept.push(`target ${targetName}`);
  }
  return plan;
}

interface Generated {
  dockerfile: string;
  /** The stage the options ask to build (core's `target`). */
  target: string;
  context: string;
  ignoreFiles: Array<{ path: string; content: string; onlyIfAbsent?: boolean }>;
}

/** --language, else core detection weighing the Nx hints, else (when detection cannot decide) the build target's language. */
function detect(tree: Tree, name: string, root: string, options: NormalizedGeneratorOptions, facts: NxProjectFacts): Detection {
  const given = options.dockerfileOptions.language as Language | undefined;
  const opts = { workspaceRoot: tree.root, fs: treeFileReader(tree) };
  if (given) return detectProject(root, { ...opts, language: given });
  try {
    return detectProject(root, { ...opts, hints: facts.languageHints });
  } catch (error) {
    const hint = facts.languageHint;
    if (!hint || !(error instanceof DetectionError)) throw error;
    logger.info(`${name}: language ${hint.language} from Nx (${hint.because})`);
    return detectProject(root, { ...opts, language: hint.language });
  }
}

function generate(tree: Tree, name: string, root: string, options: NormalizedGeneratorOptions, facts: NxProjectFacts): Generated {
  const detection = detect(tree, name, root, options, facts);
  const language = detection.language;
  const result = generateDockerfile({
    workspaceRoot: tree.root,
    projectRoot: root,
    fs: treeFileReader(tree),
    detection,
    options: { ...(language === 'node' ? nodeOptions(tree, name, root, facts) : {}), ...options.dockerfileOptions, language },
  });
  const context = buildContext(root, result.options.projectRoot);
  // From the workspace root, BuildKit reads <Dockerfile>.dockerignore beside the file: an allowlist of the app's
  // closure (project graph + root manifests). The legacy builder reads only the context root's .dockerignore.
  const allowlist = () =>
    contextAllowlist(treeFileReader(tree), { project: name, projectRoot: root, language, graph: generatorGraph(tree), exclude: result.dockerignore });
  const ignoreFiles: Generated['ignoreFiles'] =
    context === root
      ? [{ path: joinPathFragments(root, '.dockerignore'), content: result.dockerignore }]
      : context === '.'
        ? [
            { path: joinPathFragments(root, 'Dockerfile.dockerignore'), content: allowlist() },
            { path: '.dockerignore', content: result.dockerignore, onlyIfAbsent: true },
          ]
        : [
            { path: joinPathFragments(root, 'Dockerfile.dockerignore'), content: result.dockerignore },
            { path: '.dockerignore', content: result.dockerignore, onlyIfAbsent: true },
          ];
  return { dockerfile: result.dockerfile, target: result.options.target, context, ignoreFiles };
}

/**
 * Node apps in an Nx workspace usually install from the workspace root's package.json and lockfile, so the
 * image builds from the workspace root: its build runs the project's Nx build target and ships that output.
 */
function nodeOptions(tree: Tree, name: string, root: string, facts: NxProjectFacts): Record<string, unknown> {
  const hasOwn = (file: string) => tree.exists(joinPathFragments(root, file));
  if (root === '.' || (hasOwn('package.json') && NODE_LOCKFILE_NAMES.some(hasOwn))) return {};
  if (!NODE_LOCKFILE_NAMES.some((file) => tree.exists(file)) && hasOwn('package.json')) return {};
  // npm/pnpm/yarn workspaces: the members' manifests go in before the install so their links resolve; otherwise the
  // production install reads the app's own pruned manifests, which the build executor writes with @nx/js
  const members = workspaceMemberManifests(treeFileReader(tree), name, root, generatorGraph(tree));
  return {
    projectRoot: root,
    ...(members.length > 0 ? { workspaceManifests: members } : usesNxJs(tree) ? { manifestsPath: prunedManifestsDir(root) } : {}),
    ...(facts.buildTarget ? { buildCommand: `NX_DAEMON=false NX_NO_CLOUD=true npx nx run ${name}:${facts.buildTarget}` } : {}),
    ...(facts.outputPath ? { outputPath: facts.outputPath } : {}),
    ...(facts.outputPath && facts.entry ? { entry: facts.entry } : {}),
  };
}

function usesNxJs(tree: Tree): boolean {
  try {
    const pkg = JSON.parse(tree.read('package.json', 'utf-8') ?? '{}') as Record<string, Record<string, string> | undefined>;
    return Boolean(pkg.dependencies?.['@nx/js'] ?? pkg.devDependencies?.['@nx/js']);
  } catch {
    return false;
  }
}

/** The build context implied by core's projectRoot (the app folder relative to the context). */
function buildContext(root: string, projectRoot: string): string {
  if (projectRoot === '.') return root;
  if (projectRoot === root) return '.';
  if (root.endsWith(`/${projectRoot}`)) return root.slice(0, -(projectRoot.length + 1));
  throw new Error(`--projectRoot "${projectRoot}" must be the project folder "${root}" relative to the build context (e.g. "${root}" to build from the workspace root)`);
}

function applyPlan(tree: Tree, plan: ProjectPlan): void {
  for (const path of plan.kept) logger.info(`${plan.name}: kept existing ${path} (pass --overwrite to replace it)`);
  for (const { path, content, onlyIfAbsent } of plan.writes) {
    if (tree.exists(path) && (onlyIfAbsent || tree.read(path, 'utf-8') === content)) continue;
    tree.write(path, content);
  }
  if (plan.target) {
    const config = readProjectConfiguration(tree, plan.name);
    const current = JSON.stringify(config.targets?.[plan.target.name]);
    if (current !== JSON.stringify(plan.target.config)) {
      updateProjectConfiguration(tree, plan.name, { ...config, targets: { ...config.targets, [plan.target.name]: plan.target.config } });
    }
  }
}
