import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseDockerfile, type DockerfileModel } from '../dockerfile/parse';
import { listStages } from '../dockerfile/stages';
import { contextSources } from '../dockerfile/copy-sources';
import { lockfileSyncProblem } from '../context/lockfile-sync';
import { nodeFileReader } from '../detect/file-reader';
import { NODE_LOCKFILE_NAMES } from '../options/lockfiles';
import { buildxMetadataPath, dockerfilePath } from './command';
import { checkMetadataFile } from './metadata-file';
import { BuildOptions, BuildOptionsError, DEFAULT_STAGE, NAME_PLACEHOLDER, parseBuildOptions } from './options';
import { sanitizeImageName } from './tag';
import { didYouMean } from '../text/closest-names';

/** What a build plan starts from besides the options. */
export interface BuildSetup {
  /** Folder that relative file/context/metadataFile paths start from. */
  cwd: string;
  /** A stage to build when the options name none, if the Dockerfile has it (an Nx configuration named after a stage). */
  preferredStage?: string;
  /** Default-tag a stage other than the default one `<name>:<stage>`, so `<name>:latest` stays the runnable image. */
  tagByStage?: boolean;
}

/** A build decided once: options validated, Dockerfile read and parsed, stage and tags resolved. */
export interface BuildPlan {
  cwd: string;
  /** Valid options with `file` and `metadataFile` absolute, `target` the resolved stage and `tags` defaulted. */
  options: BuildOptions;
  dockerfile: DockerfileModel;
  /** The Dockerfile's named stages, in order. */
  stages: string[];
}

/** The options are valid but do not fit the files: no Dockerfile, or a stage it does not have. */
export class BuildPlanError extends BuildOptionsError {}

/** The image name for the default tag: the `name` option, else the Dockerfile's folder name. */
export function defaultImageName(options: Pick<BuildOptions, 'name' | 'file' | 'context'>, cwd: string): string {
  return sanitizeImageName(options.name ?? basename(dirname(resolve(cwd, dockerfilePath(options)))));
}

/**
 * Default tag `<name>:latest`: the local tag `docker run <name>` finds. Pushing requires explicit tags,
 * so this default never leaves the machine.
 */
export function defaultTags(options: BuildOptions, cwd: string): string[] {
  return options.tags.length || options.push ? options.tags : [`${defaultImageName(options, cwd)}:latest`];
}

/** Resolve `stage` against the Dockerfile's stages: the given one (checked), else runtime, else the last. */
export function resolveStage(dockerfile: string | DockerfileModel, stage: string | undefined, file: string): string | undefined {
  const stages = listStages(dockerfile);
  const names = stages.map((s) => s.name).filter((n): n is string => !!n);
  if (stage) {
    const found = names.find((n) => n.toLowerCase() === stage.toLowerCase());
    if (found) return found;
    throw new BuildPlanError([
      names.length
        ? `target: '${stage}' is not a stage of ${file}${didYouMean(stage, names)} (stages: ${names.join(', ')})`
        : `target: '${stage}' is not a stage of ${file}, which has no named stages; remove target`,
    ]);
  }
  return defaultStage(stages.map((s) => s.name));
}

/** The stage built when none is named: `runtime` when the file has it, else the last stage (undefined when unnamed). */
export function defaultStage(stageNames: ReadonlyArray<string | null>): string | undefined {
  return stageNames.find((n) => n?.toLowerCase() === DEFAULT_STAGE) ?? stageNames.at(-1) ?? undefined;
}

/** A lockfile the Dockerfile copies that does not record its package.json's dependencies: the install would refuse it mid-build. */
function lockfileProblem(dockerfile: DockerfileModel, context: string): string | null {
  const fs = nodeFileReader(context);
  for (const source of new Set(contextSources(dockerfile))) {
    const path = source.replace(/\*$/, '').replace(/^\.\//, '');
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (!NODE_LOCKFILE_NAMES.includes(name)) continue;
    const problem = lockfileSyncProblem(fs, path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '', name);
    if (problem) return problem;
  }
  return null;
}

/**
 * Validate the options and fit them to the Dockerfile: throws BuildOptionsError for bad options and
 * BuildPlanError (one of them) when the Dockerfile is missing or lacks the stage.
 */
export function planBuild(input: unknown, setup: BuildSetup): BuildPlan {
  const { cwd } = setup;
  const given = parseBuildOptions(input);
  const file = resolve(cwd, dockerfilePath(given));
  if (!existsSync(file)) throw new BuildPlanError([`file: no Dockerfile at ${file}; name the right one, or write one with docker-ms dockerfile`]);
  const dockerfile = parseDockerfile(readFileSync(file, 'utf8'));
  const stages = listStages(dockerfile).map((s) => s.name).filter((n): n is string => !!n);
  const preferred = given.target === undefined && setup.preferredStage && stages.includes(setup.preferredStage) ? setup.preferredStage : given.target;
  const target = resolveStage(dockerfile, preferred, file);
  let tags = defaultTags(given, cwd).map((t) => t.replaceAll(NAME_PLACEHOLDER, defaultImageName(given, cwd)));
  if (setup.tagByStage && given.tags.length === 0 && !given.push && target && target !== resolveStage(dockerfile, undefined, file)) {
    tags = [`${defaultImageName(given, cwd)}:${target}`];
  }
  const outOfSync = lockfileProblem(dockerfile, resolve(cwd, given.context));
  if (outOfSync) throw new BuildPlanError([outOfSync]);
  // per-app cache refs: `type=registry,ref=registry.example.com/cache/{name}` names each app's own cache
  const perApp = (refs: string[]) => refs.map((r) => r.replaceAll(NAME_PLACEHOLDER, defaultImageName(given, cwd)));
  const options: BuildOptions = { ...given, file, target, tags, cacheFrom: perApp(given.cacheFrom), cacheTo: perApp(given.cacheTo) };
  if (options.metadataFile) {
    options.metadataFile = resolve(cwd, options.metadataFile);
    // before anything runs: never a link, never a file docker-ms did not write (--metadata-file Dockerfile)
    try {
      checkMetadataFile(options.metadataFile, options.push ? [buildxMetadataPath(options.metadataFile)] : []);
    } catch (error) {
      throw new BuildPlanError([(error as Error).message]);
    }
  }
  return { cwd, options, dockerfile, stages };
}
