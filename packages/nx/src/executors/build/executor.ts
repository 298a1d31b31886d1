// Nx forks a process for every run of this executor, so what it loads is paid on every build: only core's build
// entry and node built-ins here (no @nx/devkit at run time; build-entry.spec.ts checks the whole import graph).
import { join, posix, relative } from 'node:path';
import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { BuildOptionsError, closestNames, colorEnabled, planBuild, rememberingProbe, runBuild, styler } from '@docker-ms/core/build';
import { defaultMetadataFile } from '../../utils/output-paths';
import { closeRun } from './close-run';
import { prepareContext } from './prepare-context';
import type { BuildExecutorSchema } from './schema';

// Nx's logger.info/warn/error print through these same console methods
const logger = { info: (line: string) => console.info(line), warn: (line: string) => console.warn(line), error: (line: string) => console.error(line) };

/** Flags of `nx run` / `nx run-many` that Nx may pass on to the executor with the target's options. */
export const NX_GLOBAL_FLAGS = [
  'skipNxCache', 'skip-nx-cache', 'skipRemoteCache', 'skip-remote-cache', 'excludeTaskDependencies', 'exclude-task-dependencies',
  'outputStyle', 'output-style', 'nxBail', 'nx-bail', 'nxIgnoreCycles', 'nx-ignore-cycles', 'tui', 'tuiAutoExit', 'tui-auto-exit',
  'parallel', 'maxParallel', 'max-parallel', 'graph', 'batch', 'runner', 'skipSync', 'skip-sync',
];

/**
 * Target options → core build options, relative to the project: the Dockerfile and context default to the
 * project root, the image name to the project, the metadata file to the path the target declares as output.
 */
export function toBuildOptions(options: BuildExecutorSchema, context: ExecutorContext): Record<string, unknown> {
  const root = (context.projectName && context.projectsConfigurations?.projects[context.projectName]?.root) || '.';
  const input: Record<string, unknown> = { ...options };
  // Nx's global flags reach the executor among the options; --verbose means something to the build, the others do not
  for (const flag of NX_GLOBAL_FLAGS) delete input[flag];
  if (context.isVerbose && input.verbose === undefined) input.verbose = true;
  // Nx's command line reads --no-cache as cache: false (and fills noCache's default beside it)
  if (typeof input.cache === 'boolean') {
    input.noCache = !input.cache;
    delete input.cache;
  }
  input.context ??= root;
  input.file ??= posix.join(String(input.context), 'Dockerfile');
  input.name ??= context.projectName;
  input.metadataFile ??= defaultMetadataFile(root);
  return input;
}

/** An Nx configuration the target does not define, which may name a Dockerfile stage. */
function stageConfiguration(context: ExecutorContext): string | undefined {
  const configuration = context.configurationName;
  return configuration && !(configuration in (context.target?.configurations ?? {})) ? configuration : undefined;
}

/** Other tasks of this target in the run: `nx run-many -t docker-build -c production` gives every project the configuration. */
function runsWithOthers(context: ExecutorContext): boolean {
  const tasks = Object.values(context.taskGraph?.tasks ?? {});
  return tasks.filter((t) => t.target.target === context.targetName && t.target.project !== context.projectName).length > 0;
}

const buildExecutor: PromiseExecutor<BuildExecutorSchema> = async (options, context) => {
  const tty = process.stdout.isTTY === true;
  const style = styler(colorEnabled(process.env, tty));
  const log = (line: string) => logger.info(line);
  const configuration = stageConfiguration(context);
  try {
    // a configuration named after a stage builds it, tagged <project>:<stage> so <project>:latest stays the runnable image
    const plan = planBuild(toBuildOptions(options, context), { cwd: context.root, preferredStage: configuration, tagByStage: true });
    if (configuration && !plan.stages.includes(configuration)) {
      // Nx runs an unknown configuration with the defaults: a typo of a stage, or a single run, must not build another stage
      const file = relative(context.root, plan.options.file ?? '');
      const [close] = closestNames(configuration, plan.stages, 1);
      const what = `configuration "${configuration}" is not a stage of ${file}${close ? `; did you mean '${close}'?` : ''} (stages: ${plan.stages.join(', ')})`;
      if (close || !runsWithOthers(context)) {
        logger.error(style.red(`${what}; run ${context.projectName}:${context.targetName}:<stage>`));
        closeRun(context, false, style).forEach(log);
        return { success: false };
      }
      logger.warn(style.yellow(`${what}; building the default stage`));
    }
    for (const line of prepareContext(plan, context)) log(line);
    // the engine clients' answers are kept in node_modules/.cache, where build tools keep theirs (four processes per build otherwise)
    const probe = rememberingProbe(join(context.root, 'node_modules/.cache/docker-ms/engine-probes.json'));
    const { success } = await runBuild(plan, { log, tty, color: colorEnabled(process.env, tty), probe });
    closeRun(context, success, style).forEach(log);
    return { success };
  } catch (error) {
    if (error instanceof BuildOptionsError) error.problems.forEach(log);
    else logger.error(error instanceof Error ? error.message : String(error));
    closeRun(context, false, style).forEach(log);
    return { success: false };
  }
};

export default buildExecutor;
