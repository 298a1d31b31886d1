import { formatFiles, getProjects, joinPathFragments, logger, type ProjectConfiguration, type Tree } from '@nx/devkit';
import { closestNames, pinBaseImages, pinChangeLines } from '@docker-ms/core';
import { DEFAULT_BUILD_TARGET_NAME, addPluginByDefault, registerPlugin, registeredBuildTargetName } from '../../utils/plugin-registration';
import { normalizeOptions, type NormalizedGeneratorOptions } from './normalize-options';
import { applyPlan, planProject, type ProjectPlan } from './plan-project';
import { effectiveProject, graphProjectNames } from './project-graph';
import { withRememberedReads } from '../../utils/tree-file-reader';
import type { DockerfileGeneratorSchema } from './schema';

/** `nx g docker-ms:dockerfile <project>`: every project is planned (and checked) before anything is written. */
export async function dockerfileGenerator(tree: Tree, schema: DockerfileGeneratorSchema): Promise<void> {
  const options = normalizeOptions(schema);
  const projects = getProjects(tree);
  const names = selectProjects(tree, projects, options);
  // Nx's addPlugin convention: register the plugin and let it infer docker-build, rather than write the target
  const registered = registeredBuildTargetName(tree);
  const register = registered === undefined && (options.addPlugin ?? addPluginByDefault(tree));
  const pluginTarget = register ? (options.targetName ?? DEFAULT_BUILD_TARGET_NAME) : registered;
  const targetName = options.targetName ?? pluginTarget ?? DEFAULT_BUILD_TARGET_NAME;

  const plans: ProjectPlan[] = [];
  const problems: string[] = [];
  withRememberedReads(tree, () => {
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
  });
  if (options.dockerfileOptions.pinDigests === true && problems.length === 0) {
    for (const plan of plans) {
      const write = plan.writes.find((w) => w.path === joinPathFragments(plan.root, 'Dockerfile'));
      if (!write) continue;
      const pinned = await pinBaseImages(write.content);
      problems.push(...pinned.problems.map((line) => (names.length === 1 ? line : `${plan.name}: ${line}`)));
      write.content = pinned.text;
      for (const line of pinChangeLines(pinned)) logger.info(`${plan.name}: ${line}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(problems.join('\n') + (names.length > 1 ? '\nNothing was written.' : ''));
  }

  if (register) registerPlugin(tree, targetName);
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
