import { joinPathFragments, logger, readProjectConfiguration, updateProjectConfiguration, type ProjectConfiguration, type Tree } from '@nx/devkit';
import { DetectionError, detectProject, generateDockerfile, type Detection, type Language } from '@docker-ms/core';
import { BUILD_EXECUTOR, dockerBuildTarget } from '../../utils/docker-build-target';
import { unsafeTreeWrites } from '../../utils/safe-tree-writes';
import { treeBuildContext, treeFileReader, treePathKind } from '../../utils/tree-file-reader';
import { contextIgnoreFiles, type IgnoreFile } from './ignore-files';
import { nodeBuildOptions } from './node-build';
import type { NormalizedGeneratorOptions } from './normalize-options';
import { nxProjectFacts, type NxProjectFacts } from './nx-metadata';
import { effectiveProject } from './project-graph';

export interface ProjectPlan {
  name: string;
  root: string;
  writes: Array<{ path: string; content: string; onlyIfAbsent?: boolean }>;
  kept: string[];
  target?: { name: string; config: ReturnType<typeof dockerBuildTarget> };
}

/** What one project gets: files to write or keep and its docker-build target; throws before anything is written. */
export function planProject(
  tree: Tree,
  name: string,
  config: ProjectConfiguration,
  options: NormalizedGeneratorOptions,
  targetName: string,
  pluginTarget: string | undefined,
): ProjectPlan {
  const project = effectiveProject(tree, config, name);
  const existingTarget = project.targets?.[targetName];
  if (existingTarget && existingTarget.executor !== BUILD_EXECUTOR) {
    const runs = existingTarget.executor ?? (existingTarget.command ? `command "${existingTarget.command}"` : 'another executor');
    throw new Error(`Target "${targetName}" of project "${name}" already runs ${runs}; choose another name with --targetName`);
  }
  const plan: ProjectPlan = { name, root: config.root, writes: [], kept: [] };
  const facts = nxProjectFacts(project, (path) => tree.exists(path));
  const dockerfile = planDockerfile(tree, plan, options, facts);
  const unsafe = unsafeTreeWrites(tree, plan.writes.map((w) => w.path));
  if (unsafe.length > 0) throw new Error(unsafe.join('\n'));
  // With the plugin registered under this name the target is inferred from the Dockerfile; otherwise it is written.
  if (pluginTarget !== targetName && (!existingTarget || options.overwrite)) {
    plan.target = { name: targetName, config: planTarget(tree, plan, dockerfile, facts) };
  } else if (existingTarget && pluginTarget !== targetName) {
    plan.kept.push(`target ${targetName}`);
  }
  return plan;
}

interface PlannedDockerfile {
  text: string;
  /** Workspace-relative build context. */
  buildContext: string;
  /** The stage a generated file builds by default (unknown for a kept file). */
  defaultStage?: string;
}

/** Keep the project's Dockerfile (its build context read from its COPY sources), or generate it with its ignore files. */
function planDockerfile(tree: Tree, plan: ProjectPlan, options: NormalizedGeneratorOptions, facts: NxProjectFacts): PlannedDockerfile {
  const { name, root } = plan;
  const dockerfilePath = joinPathFragments(root, 'Dockerfile');
  if (tree.exists(dockerfilePath) && !options.overwrite) {
    const text = tree.read(dockerfilePath, 'utf-8') ?? '';
    plan.kept.push(dockerfilePath);
    return { text, buildContext: treeBuildContext(tree, text, root) };
  }
  const generated = generate(tree, name, root, options, facts);
  plan.writes.push({ path: dockerfilePath, content: generated.dockerfile });
  for (const { path, content, onlyIfAbsent } of generated.ignoreFiles) {
    if (tree.exists(path) && (onlyIfAbsent || !options.overwrite)) {
      if (!onlyIfAbsent) plan.kept.push(path);
    } else plan.writes.push({ path, content, onlyIfAbsent });
  }
  return { text: generated.dockerfile, buildContext: generated.buildContext, defaultStage: generated.stage };
}

function planTarget(tree: Tree, plan: ProjectPlan, dockerfile: PlannedDockerfile, facts: NxProjectFacts): ReturnType<typeof dockerBuildTarget> {
  const { root } = plan;
  const ignorePath = joinPathFragments(root, 'Dockerfile.dockerignore');
  return dockerBuildTarget({
    projectRoot: root,
    dockerfile: dockerfile.text,
    context: dockerfile.buildContext,
    dependsOn: facts.buildTarget,
    defaultStage: dockerfile.defaultStage,
    dockerignore: plan.writes.find((w) => w.path === ignorePath)?.content ?? tree.read(ignorePath, 'utf-8'),
    kind: treePathKind(tree),
  });
}

interface Generated {
  dockerfile: string;
  /** The stage the options ask to build (core's `target` option). */
  stage: string;
  buildContext: string;
  ignoreFiles: IgnoreFile[];
}

/** --language, else core detection weighing the Nx hints, else (when detection cannot decide) the build target's language. */
function detect(tree: Tree, name: string, root: string, options: NormalizedGeneratorOptions, facts: NxProjectFacts): Detection {
  const given = options.dockerfileOptions.language as Language | undefined;
  const opts = { workspaceRoot: tree.root, fs: treeFileReader(tree) };
  const framework = facts.staticSite ? { framework: facts.staticSite.hint } : {};
  if (given) return detectProject(root, { ...opts, ...framework, language: given });
  try {
    return detectProject(root, { ...opts, ...framework, hints: facts.languageHints });
  } catch (error) {
    const hint = facts.languageHint;
    if (!hint || !(error instanceof DetectionError)) throw error;
    logger.info(`${name}: language ${hint.language} from Nx (${hint.because})`);
    return detectProject(root, { ...opts, ...framework, language: hint.language });
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
    options: { ...(language === 'node' ? nodeBuildOptions(tree, name, root, facts) : {}), ...options.dockerfileOptions, language },
  });
  for (const warning of [...result.detection.listen.warnings, ...facts.warnings]) logger.warn(`${name}: ${warning}`);
  const buildContext = buildContextOf(root, result.options.projectRoot);
  const ignoreFiles = contextIgnoreFiles(tree, { project: name, root, context: buildContext, language, dockerignore: result.dockerignore });
  return { dockerfile: result.dockerfile, stage: result.options.target, buildContext, ignoreFiles };
}

/** Write the plan: files that changed, and the target when it differs. */
export function applyPlan(tree: Tree, plan: ProjectPlan): void {
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

/** The build context implied by core's projectRoot (the app folder relative to the context). */
function buildContextOf(root: string, projectRoot: string): string {
  if (projectRoot === '.') return root;
  if (projectRoot === root) return '.';
  if (root.endsWith(`/${projectRoot}`)) return root.slice(0, -(projectRoot.length + 1));
  throw new Error(`--projectRoot "${projectRoot}" must be the project folder "${root}" relative to the build context (e.g. "${root}" to build from the workspace root)`);
}

