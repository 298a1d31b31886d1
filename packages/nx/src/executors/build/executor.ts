import { relative } from 'node:path';
import { joinPathFragments, logger, type ExecutorContext, type PromiseExecutor } from '@nx/devkit';
import { BuildOptionsError, planBuild, runBuild } from '@docker-ms/core';
import { defaultMetadataFile } from '../../utils/docker-build-target';
import { prepareContext } from './prepare-context';
import type { BuildExecutorSchema } from './schema';

/**
 * Target options → core build options, relative to the project: the Dockerfile and context default to the
 * project root, the image name to the project, the metadata file to the path the target declares as output.
 */
export function toBuildOptions(options: BuildExecutorSchema, context: ExecutorContext): Record<string, unknown> {
  const root = (context.projectName && context.projectsConfigurations?.projects[context.projectName]?.root) || '.';
  const input: Record<string, unknown> = { ...options };
  // Nx's command line reads --no-cache as cache: false (and fills noCache's default beside it)
  if (typeof input.cache === 'boolean') {
    input.noCache = !input.cache;
    delete input.cache;
  }
  input.context ??= root;
  input.file ??= joinPathFragments(String(input.context), 'Dockerfile');
  input.name ??= context.projectName;
  input.metadataFile ??= defaultMetadataFile(root);
  return input;
}

/** An Nx configuration the target does not define, which may name a Dockerfile stage. */
function stageConfiguration(context: ExecutorContext): string | undefined {
  const configuration = context.configurationName;
  return configuration && !(configuration in (context.target?.configurations ?? {})) ? configuration : undefined;
}

const buildExecutor: PromiseExecutor<BuildExecutorSchema> = async (options, context) => {
  const log = (line: string) => logger.info(line);
  const configuration = stageConfiguration(context);
  try {
    // a configuration named after a stage builds it, tagged <project>:<stage> so <project>:latest stays the runnable image
    const plan = planBuild(toBuildOptions(options, context), { cwd: context.root, preferredStage: configuration, tagByStage: true });
    if (configuration && !plan.stages.includes(configuration)) {
      // Nx runs an unknown configuration with the defaults; say so rather than build another stage quietly
      const file = relative(context.root, plan.options.file ?? '');
      logger.warn(`configuration "${configuration}" is not a stage of ${file} (stages: ${plan.stages.join(', ')}); building the default stage`);
    }
    for (const line of prepareContext(plan, context)) log(line);
    return { success: (await runBuild(plan, { log })).success };
  } catch (error) {
    if (error instanceof BuildOptionsError) error.problems.forEach(log);
    else logger.error(error instanceof Error ? error.message : String(error));
    return { success: false };
  }
};

export default buildExecutor;
