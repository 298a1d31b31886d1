import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildKitFeatures } from '../dockerfile/buildkit-features';
import { styler } from '../text/style';
import { failureLine, lineWriter, readPushedDigest, writeMetadata } from './build-report';
import { countSteps } from './build-steps';
import { buildCommand, BuildCommand, formatCommand } from './command';
import { gitLabels } from './git-labels';
import { inspectImage } from './inspect';
import { BuildOptionsError } from './options';
import { planBuild, type BuildPlan, type BuildSetup } from './plan-build';
import { EngineError, EngineProbe, LEGACY_FIX, ResolvedEngine, resolveEngine } from './resolve';
import { resolveProgress } from './progress';
import { baseImages, figuresMetadata, oneStageSize, reduction, sizeTable, type BuildFigures } from './size-report';
import { run } from './spawn';

/** Where a build reports and what it may ask of the machine. */
export interface BuildRuntime {
  /** Receives our own lines and the engine's output, line by line. */
  log: (line: string) => void;
  /** Base environment for the engine (copied); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Engine probing; default looks at the real machine through spawn.ts. */
  probe?: EngineProbe;
  /** Our output is a terminal: progress auto becomes the engine's live display (spawned on our stdio). */
  tty?: boolean;
  /** Colour our own lines (see colorEnabled). */
  color?: boolean;
  /** Print the size table after the build (default true; a caller building several images prints one table at the end). */
  sizeTable?: boolean;
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
  /** Size, bases, one-stage comparison, time and cache hits (after a real build). */
  figures?: BuildFigures;
}

/** `docker 20.10.24`, `buildx 0.13.1 (docker 28.2.2)`: which engine, without the why (that is --verbose). */
function engineName(engine: ResolvedEngine): string {
  const name = engine.kind === 'buildx' ? 'docker buildx' : engine.kind;
  return `${name}${engine.version ? ` ${engine.version}` : ''}${engine.kind === 'docker' && !engine.buildKit ? ' (legacy builder)' : ''}`;
}

/** The engine that runs the plan, checked against the Dockerfile's BuildKit-only constructs. */
async function engineFor(plan: BuildPlan, runtime: BuildRuntime): Promise<ResolvedEngine> {
  const engine = await resolveEngine(plan.options.engine, runtime.probe, runtime.env ?? process.env);
  const [first] = engine.buildKit ? [] : buildKitFeatures(plan.dockerfile);
  if (first) {
    throw new EngineError(
      `${plan.options.file}:${first.line} uses ${first.feature}, which needs BuildKit, but ${engine.description} cannot run it: ${LEGACY_FIX}; or regenerate the Dockerfile with cacheMounts: false`,
    );
  }
  return engine;
}

/** The exact command: the plan's options plus the git labels (user labels win). */
async function commandFor(plan: BuildPlan, engine: ResolvedEngine, runtime: BuildRuntime, progress: BuildPlan['options']['progress']): Promise<BuildCommand> {
  const options = { ...plan.options, progress };
  const labels = options.gitLabels ? await gitLabels(resolve(plan.cwd, options.context)) : {};
  return buildCommand({ ...options, labels: { ...labels, ...options.labels } }, engine, runtime.env ?? process.env);
}

/**
 * Build a planned image: resolve the engine and client, spawn it (streaming its output) and the pushes,
 * inspect the image, print one summary line and write the metadata JSON.
 */
export async function runBuild(plan: BuildPlan, runtime: BuildRuntime): Promise<BuildResult> {
  const started = Date.now();
  const { cwd, options } = plan;
  const { tags, target } = options;
  const env = runtime.env ?? process.env;
  const style = styler(runtime.color ?? false);
  const log = runtime.log;
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const fail = (error: string, extra: Partial<BuildResult> = {}): BuildResult => {
    for (const line of error.split('\n')) log(style.red(line));
    return { success: false, tags, seconds: seconds(), error, ...extra };
  };
  const progress = resolveProgress(options.progress, options.quiet, runtime.tty, env);

  let engine: ResolvedEngine;
  let cmd: BuildCommand;
  try {
    engine = await engineFor(plan, runtime);
    cmd = await commandFor(plan, engine, runtime, progress);
  } catch (error) {
    if (error instanceof BuildOptionsError || error instanceof EngineError) return fail(error.message);
    throw error;
  }

  const envShown = engine.kind === 'docker' ? { DOCKER_BUILDKIT: cmd.env.DOCKER_BUILDKIT } : {};
  const shown = formatCommand(cmd, envShown);
  for (const warning of cmd.warnings) log(style.yellow(`warning: ${warning}`));
  if (options.verbose) log(style.dim(`engine: ${engine.description}`));
  if (options.dryRun) {
    log(`dry run (${engineName(engine)}): ${shown}`);
    for (const push of cmd.pushes) log(`dry run: ${formatCommand(push)}`);
    return { success: true, tags, seconds: 0, target, command: shown };
  }

  // A failed build must not leave the previous build's metadata behind as if it were this one's.
  if (options.metadataFile) rmSync(options.metadataFile, { force: true });
  log(style.cyan(`building ${tags.join(', ') || 'image'}${target ? ` (stage ${target})` : ''} with ${engineName(engine)}`));
  if (options.verbose) log(style.dim(`command: ${shown}`));
  const out = lineWriter(log);
  let output = '';
  for (const step of [cmd, ...cmd.pushes]) {
    const result = await run(step.command, step.args, {
      cwd, env: cmd.env, inherit: progress === 'tty', onOutput: (chunk) => out.write(chunk),
    });
    out.flush();
    if (step === cmd) output = `${result.stdout}\n${result.stderr}`;
    if (result.code !== 0) return fail(failureLine(result, step, engine, step === cmd ? 'build' : `push of ${step.args[1]}`), { command: shown, target });
  }

  const facts = tags[0] ? await inspectImage(engine, tags[0]) : null;
  const digest = (options.push && options.metadataFile && engine.kind === 'buildx' ? readPushedDigest(options.metadataFile) : undefined)
    ?? (options.push ? facts?.digest ?? undefined : undefined);
  const size = facts?.size ?? null;
  const bases = baseImages(plan.dockerfile, target);
  const oneStage = await oneStageSize(bases.builder, resolve(cwd, options.context), options.file ?? '', async (ref) => (await inspectImage(engine, ref))?.size ?? null);
  const figures: BuildFigures = {
    image: tags[0] ?? facts?.id ?? '?', stage: target ?? null, size, runtimeBase: bases.runtime, builderBase: bases.builder,
    oneStageSize: oneStage, reduction: reduction(size, oneStage), seconds: seconds(), steps: countSteps(output),
  };
  const built: BuildResult = { success: true, tags, seconds: figures.seconds, imageId: facts?.id, size: size ?? undefined, digest, target, command: shown, figures };
  if (options.metadataFile) {
    writeMetadata(options.metadataFile, {
      imageId: built.imageId ?? null, tags, size, target: target ?? null, engine: engine.kind, ...(digest ? { digest } : {}), report: figuresMetadata(figures),
    });
    built.metadataFile = options.metadataFile;
  }
  const id = built.imageId ? built.imageId.replace(/^sha256:/, '').slice(0, 12) : 'not in the local store';
  log(style.green(`built ${tags.join(', ')} (image ${id}) in ${built.seconds} s`));
  if (runtime.sizeTable !== false) for (const line of sizeTable([figures], style)) log(line);
  return built;
}

/** Plan and run in one go; bad options or a Dockerfile that does not fit are logged one line each, nothing runs. */
export async function buildImage(input: unknown, setup: BuildSetup & BuildRuntime): Promise<BuildResult> {
  let plan: BuildPlan;
  try {
    plan = planBuild(input, setup);
  } catch (error) {
    if (!(error instanceof BuildOptionsError)) throw error;
    for (const line of error.problems) setup.log(line);
    return { success: false, tags: [], seconds: 0, error: error.message };
  }
  return runBuild(plan, setup);
}
