import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { joinPathFragments, logger, type ExecutorContext, type PromiseExecutor } from '@nx/devkit';
import { defaultImageName, listStages, parseBuildOptions, resolveTarget, runBuild } from '@docker-ms/core';
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

/**
 * A configuration named after a stage builds that stage (when it does not set target itself), and its default
 * tag says so (`api:build`), so `api:latest` stays the runnable image.
 */
function applyStage(input: Record<string, unknown>, context: ExecutorContext): void {
  let options;
  try {
    options = parseBuildOptions(input);
  } catch {
    return; // runBuild reports bad options, one line each
  }
  const file = resolve(context.root, options.file ?? joinPathFragments(options.context, 'Dockerfile'));
  if (!existsSync(file)) return; // runBuild says which file is missing
  const text = readFileSync(file, 'utf8');
  const stages = listStages(text).map((s) => s.name);
  const configuration = context.configurationName;
  if (configuration && !(configuration in (context.target?.configurations ?? {}))) {
    if (input.target === undefined && stages.includes(configuration)) input.target = configuration;
    // Nx runs an unknown configuration with the defaults; say so rather than build another stage quietly
    else logger.warn(`configuration "${configuration}" is not a stage of ${options.file ?? 'the Dockerfile'} (stages: ${stages.filter(Boolean).join(', ')}); building the default stage`);
  }
  const hasTags = options.tags.length > 0;
  if (hasTags || options.push) return;
  try {
    const stage = resolveTarget(text, input.target as string | undefined, file);
    if (stage && stage !== resolveTarget(text, undefined, file)) input.tags = [`${defaultImageName(options, context.root)}:${stage}`];
  } catch {
    // an unknown stage: runBuild lists the real ones
  }
}

const buildExecutor: PromiseExecutor<BuildExecutorSchema> = async (options, context) => {
  const input = toBuildOptions(options, context);
  applyStage(input, context);
  try {
    for (const line of prepareContext(input, context)) logger.info(line);
    const result = await runBuild(input, { cwd: context.root, log: (line) => logger.info(line) });
    return { success: result.success };
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    return { success: false };
  }
};

export default buildExecutor;
