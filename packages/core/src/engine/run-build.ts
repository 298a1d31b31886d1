import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { buildKitFeatures } from '../dockerfile/buildkit-features';
import { listStages } from '../dockerfile/stages';
import { buildCommand, buildxMetadataPath, Command, dockerfilePath, formatCommand } from './command';
import { gitLabels } from './git-labels';
import { inspectImage } from './inspect';
import { BuildOptions, BuildOptionsError, DEFAULT_TARGET, parseBuildOptions } from './options';
import { EngineError, EngineProbe, LEGACY_FIX, ResolvedEngine, resolveEngine } from './resolve';
import { run, RunResult } from './spawn';
import { sanitizeImageName } from './tag';

export interface BuildContext {
  /** Folder that relative file/context/metadataFile paths start from. */
  cwd: string;
  /** Receives our own lines and the engine's output, line by line. */
  log: (line: string) => void;
  /** Base environment for the engine (copied); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Engine probing; default looks at the real machine through spawn.ts. */
  probe?: EngineProbe;
}

export interface BuildResult {
  success: boolean;
  tags: string[];
  seconds: number;
  imageId?: string;
  size?: number;
  digest?: string;
  target?: string;
  metadataFile?: string;
  /** The build command as run (or as it would run, on a dry run). */
  command?: string;
  /** The one line that says what went wrong. */
  error?: string;
}

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

/** Resolve `target` against the Dockerfile's stages: the given one (checked), else runtime, else the last. */
export function resolveTarget(text: string, target: string | undefined, file: string): string | undefined {
  const stages = listStages(text);
  const names = stages.map((s) => s.name).filter((n): n is string => !!n);
  if (target) {
    const found = names.find((n) => n.toLowerCase() === target.toLowerCase());
    if (found) return found;
    throw new BuildOptionsError([
      names.length
        ? `target: '${target}' is not a stage of ${file}; stages: ${names.join(', ')}`
        : `target: '${target}' is not a stage of ${file}, which has no named stages; remove target`,
    ]);
  }
  return names.find((n) => n.toLowerCase() === DEFAULT_TARGET) ?? stages[stages.length - 1]?.name ?? undefined;
}

function requireBuildKitCheck(text: string, file: string, engine: ResolvedEngine): void {
  if (engine.buildKit) return;
  const [first] = buildKitFeatures(text);
  if (first) {
    throw new EngineError(
      `${file}:${first.line} uses ${first.feature}, which needs BuildKit, but ${engine.description} cannot run it: ${LEGACY_FIX}; or regenerate the Dockerfile with cacheMounts: false`,
    );
  }
}

/** One line for a failed engine run. */
function failureLine(result: RunResult, cmd: Command, engine: ResolvedEngine, what: string): string {
  const output = `${result.stderr}\n${result.stdout}`;
  if (result.notFound) return `${cmd.command} was not found; install it or pass another engine (auto, docker, buildx, podman, buildah)`;
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|error during connect/i.test(output)) {
    return `the Docker daemon is not running (${engine.command} cannot connect); start dockerd, or pass engine podman or buildah`;
  }
  if (/buildx component is missing|buildx.*not installed/i.test(output)) return `${engine.command} needs the buildx plugin for BuildKit: ${LEGACY_FIX}`;
  return `${what} failed (exit ${result.code}) with ${engine.description}; see the output above`;
}

function lineWriter(log: (line: string) => void) {
  let pending = '';
  return {
    write(chunk: string) {
      const parts = (pending + chunk).split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const part of parts) log(part);
    },
    flush() {
      if (pending) log(pending);
      pending = '';
    },
  };
}

function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return 'size unknown';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}

function readPushedDigest(metadataFile: string): string | undefined {
  try {
    return JSON.parse(readFileSync(buildxMetadataPath(metadataFile), 'utf8'))['containerimage.digest'];
  } catch {
    return undefined;
  }
}

/**
 * Build an image: validate options, resolve the engine and client, check target and tags, spawn the engine
 * (streaming its output), inspect the image, print one summary line and write the metadata JSON.
 */
export async function runBuild(input: unknown, context: BuildContext): Promise<BuildResult> {
  const started = Date.now();
  const { cwd, log } = context;
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  let tags: string[] = [];
  const fail = (error: string, extra: Partial<BuildResult> = {}): BuildResult => {
    for (const line of error.split('\n')) log(line);
    return { success: false, tags, seconds: seconds(), error, ...extra };
  };

  let options: BuildOptions;
  let engine: ResolvedEngine;
  let cmd: ReturnType<typeof buildCommand>;
  try {
    options = parseBuildOptions(input);
    tags = defaultTags(options, cwd);
    const file = resolve(cwd, dockerfilePath(options));
    if (!existsSync(file)) return fail(`no Dockerfile at ${file}; pass file (or write one with docker-ms dockerfile)`);
    const text = readFileSync(file, 'utf8');
    const target = resolveTarget(text, options.target, file);
    engine = await resolveEngine(options.engine, context.probe, context.env ?? process.env);
    requireBuildKitCheck(text, file, engine);
    const labels = options.gitLabels ? await gitLabels(resolve(cwd, options.context)) : {};
    options = { ...options, file, target, tags, labels: { ...labels, ...options.labels } };
    if (options.metadataFile) options.metadataFile = resolve(cwd, options.metadataFile);
    cmd = buildCommand(options, engine, context.env ?? process.env);
  } catch (error) {
    if (error instanceof BuildOptionsError || error instanceof EngineError) return fail(error.message);
    throw error;
  }

  const envShown = engine.kind === 'docker' ? { DOCKER_BUILDKIT: cmd.env.DOCKER_BUILDKIT } : {};
  const shown = formatCommand(cmd, envShown);
  for (const warning of cmd.warnings) log(`warning: ${warning}`);
  if (options.dryRun) {
    log(`dry run (${engine.description}): ${shown}`);
    for (const push of cmd.pushes) log(`dry run: ${formatCommand(push)}`);
    return { success: true, tags, seconds: 0, target: options.target, command: shown };
  }

  // A failed build must not leave the previous build's metadata behind as if it were this one's.
  if (options.metadataFile) rmSync(options.metadataFile, { force: true });
  log(`building with ${engine.description}: ${shown}`);
  const out = lineWriter(log);
  const result = await run(cmd.command, cmd.args, { cwd, env: cmd.env, onOutput: (chunk) => out.write(chunk) });
  out.flush();
  if (result.code !== 0) return fail(failureLine(result, cmd, engine, 'build'), { command: shown, target: options.target });

  for (const push of cmd.pushes) {
    const pushed = await run(push.command, push.args, { cwd, env: cmd.env, onOutput: (chunk) => out.write(chunk) });
    out.flush();
    if (pushed.code !== 0) return fail(failureLine(pushed, push, engine, `push of ${push.args[1]}`), { command: shown, target: options.target });
  }

  const facts = tags[0] ? await inspectImage(engine, tags[0]) : null;
  const digest = (options.push && options.metadataFile && engine.kind === 'buildx' ? readPushedDigest(options.metadataFile) : undefined)
    ?? (options.push ? facts?.digest ?? undefined : undefined);
  const built: BuildResult = {
    success: true,
    tags,
    seconds: seconds(),
    imageId: facts?.id,
    size: facts?.size ?? undefined,
    digest,
    target: options.target,
    command: shown,
  };
  if (options.metadataFile) {
    mkdirSync(dirname(options.metadataFile), { recursive: true });
    const metadata = { imageId: built.imageId ?? null, tags, size: built.size ?? null, target: built.target ?? null, engine: engine.kind, ...(digest ? { digest } : {}) };
    writeFileSync(options.metadataFile, JSON.stringify(metadata, null, 2) + '\n');
    built.metadataFile = options.metadataFile;
  }
  const id = built.imageId ? built.imageId.replace(/^sha256:/, '').slice(0, 12) : 'not in the local store';
  log(`built ${tags.join(', ')} (image ${id}, ${formatSize(built.size)}) in ${built.seconds} s with ${engine.description}`);
  return built;
}
