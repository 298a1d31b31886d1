import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildKitFeatures } from '../dockerfile/buildkit-features';
import { mountedSecretIds } from '../secrets';
import { styler } from '../text/style';
import { failureLine, formatSize, lineWriter, readMetadata, readPushedDigest, writeMetadata } from './build-report';
import { countSteps } from './build-steps';
import { buildCommand, BuildCommand, formatCommand, redactor } from './command';
import { gitLabels } from './git-labels';
import { inspectImage } from './inspect';
import { BuildOptionsError } from './options';
import { planBuild, type BuildPlan, type BuildSetup } from './plan-build';
import { defaultProbe, EngineError, EngineProbe, LEGACY_FIX, ResolvedEngine, resolveEngine } from './resolve';
import { inspectBuilder, platformProblem } from './builder';
import { resolveProgress } from './progress';
import { baseImages, figuresFromMetadata, figuresMetadata, oneStageSize, reduction, sizeTable, type BuildFigures } from './size-report';
import { literalYarnCredentials, planSecrets, type SecretPlan } from './secrets';
import { run } from './spawn';
import { checkBudget } from './budget';
import { INPUTS_LABEL, inputsHash, mustBuild, upToDateImage } from './up-to-date';

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
  /** The tags already named an image built from the same inputs: the engine did not run. */
  upToDate?: boolean;
}

/** `docker 20.10.24`, `buildx 0.13.1 (docker 28.2.2)`: which engine, without the why (that is --verbose). */
function engineName(engine: ResolvedEngine): string {
  const name = engine.kind === 'buildx' ? 'docker buildx' : engine.kind;
  return `${name}${engine.version ? ` ${engine.version}` : ''}${engine.kind === 'docker' && !engine.buildKit ? ' (legacy builder)' : ''}`;
}

/** The engine that runs the plan, checked against the Dockerfile's BuildKit-only constructs. */
export async function engineFor(plan: BuildPlan, runtime: BuildRuntime): Promise<ResolvedEngine> {
  const env = runtime.env ?? process.env;
  const engine = await resolveEngine(plan.options.engine, runtime.probe, env);
  const [first] = engine.buildKit ? [] : buildKitFeatures(plan.dockerfile);
  if (first) {
    const fix = /^(0|false)$/.test(env.DOCKER_BUILDKIT ?? '') ? `unset DOCKER_BUILDKIT (it is ${env.DOCKER_BUILDKIT}) so docker runs BuildKit` : LEGACY_FIX;
    const secrets = mountedSecretIds(plan.dockerfile.text).length ? ' (it also mounts registry credentials as build secrets, which only BuildKit has)' : '';
    throw new EngineError(
      `${plan.options.file}:${first.line} uses ${first.feature}, which needs BuildKit${secrets}, but ${engine.description} cannot run it: ${fix}; or regenerate the Dockerfile with cacheMounts: false`,
    );
  }
  // a platform the builder cannot build is one line naming why, before anything runs
  if (engine.kind === 'buildx' && plan.options.platforms.length) {
    const facts = await inspectBuilder(engine, plan.options.builder, runtime.probe ?? defaultProbe);
    const problem = facts && platformProblem(plan.options.platforms, facts);
    if (problem) throw new BuildOptionsError([problem]);
  }
  return engine;
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** A .yarnrc.yml the Dockerfile copies must not hold a token: one line naming the file and the fix. */
function requireNoYarnTokens(text: string, folders: string[]): void {
  if (!/\.yarnrc\.yml/.test(text)) return;
  for (const folder of new Set(folders)) {
    const path = join(folder, '.yarnrc.yml');
    if (!isFile(path)) continue;
    const [line] = literalYarnCredentials(readFileSync(path, 'utf8'));
    if (line) {
      throw new BuildOptionsError([
        `${path}:${line} holds a registry credential literally, and the Dockerfile copies .yarnrc.yml into the image; write npmAuthToken: "\${NPM_TOKEN}" there and pass the token as the npm_token secret (NPM_TOKEN in the environment)`,
      ]);
    }
  }
}

/**
 * Writes each merged secret (several files joined) to a private temp file; returns the --secret values and a cleanup.
 * podman and buildah releases differ in their `env=` support, so for them environment secrets become files too.
 */
function materializeSecrets(plan: SecretPlan, engine: ResolvedEngine, env: NodeJS.ProcessEnv): { specs: string[]; cleanup: () => void } {
  const envToFile = engine.kind === 'podman' || engine.kind === 'buildah';
  const fromEnv = (spec: string) => /^id=([^,]+),env=([^,]+)$/.exec(spec);
  if (!plan.merged.length && !(envToFile && plan.specs.some(fromEnv))) return { specs: plan.specs, cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'docker-ms-secrets-'));
  const specs = plan.specs.map((spec) => {
    const m = envToFile ? fromEnv(spec) : null;
    if (!m) return spec;
    writeFileSync(join(dir, m[1]), env[m[2]] ?? '', { mode: 0o600 });
    return `id=${m[1]},src=${join(dir, m[1])}`;
  });
  for (const { id, files } of plan.merged) {
    const path = join(dir, id);
    writeFileSync(path, files.map((f) => readFileSync(f, 'utf8').replace(/\n?$/, '\n')).join(''), { mode: 0o600 });
    specs.push(`id=${id},src=${path}`);
  }
  return { specs, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The secrets of this build (src/engine/secrets.ts): the given ones, plus defaults for what the Dockerfile mounts.
 * Says where each default came from (never a value); the caller runs `cleanup` when the build is over.
 */
export function secretsFor(plan: BuildPlan, engine: ResolvedEngine, runtime: BuildRuntime): { specs: string[]; cleanup: () => void } {
  const env = runtime.env ?? process.env;
  const { options, cwd } = plan;
  const contextDir = resolve(cwd, options.context);
  const folders = [cwd, contextDir, dirname(options.file ?? contextDir)];
  requireNoYarnTokens(plan.dockerfile.text, folders);
  const secrets = planSecrets({
    mounted: engine.buildKit ? mountedSecretIds(plan.dockerfile.text) : [],
    given: options.secrets,
    defaults: options.defaultSecrets,
    env,
    home: env.HOME || homedir(),
    repoDirs: folders,
    isFile,
  });
  if (secrets.sources.length) runtime.log(`secrets: ${secrets.sources.join('; ')}`);
  return materializeSecrets(secrets, engine, env);
}

/** The exact command: the plan's options plus the git labels (user labels win) and the secrets. */
async function commandFor(plan: BuildPlan, engine: ResolvedEngine, runtime: BuildRuntime, progress: BuildPlan['options']['progress'], secrets: string[], hash: string): Promise<BuildCommand> {
  const options = { ...plan.options, progress };
  return buildCommand({ ...options, secrets, labels: await imageLabels(plan, hash) }, engine, runtime.env ?? process.env);
}

/** The labels an image gets: git's (unless gitLabels is off), the user's (they win) and the inputs hash. */
export async function imageLabels(plan: BuildPlan, hash: string): Promise<Record<string, string>> {
  const git = plan.options.gitLabels ? await gitLabels(resolve(plan.cwd, plan.options.context)) : {};
  return { ...git, ...plan.options.labels, [INPUTS_LABEL]: hash };
}

/** Build-arg values and secret values from the environment never reach a log line. */
export function redactedLog(plan: BuildPlan, runtime: BuildRuntime): (line: string) => void {
  const env = runtime.env ?? process.env;
  const { buildArgs, secrets } = plan.options;
  const secretEnv = secrets.map((spec) => /(?:^|,)env=([^,]+)/.exec(spec)?.[1] ?? (spec.startsWith('id=') ? undefined : spec));
  const redact = redactor([...Object.values(buildArgs), ...secretEnv.map((name) => (name ? env[name] : undefined)), env.NPM_TOKEN, env.PIP_INDEX_URL]);
  return (line) => runtime.log(redact(line));
}

/**
 * Build a planned image: resolve the engine and client, spawn it (streaming its output) and the pushes,
 * inspect the image, print one summary line and write the metadata JSON.
 */
export async function runBuild(plan: BuildPlan, runtime: BuildRuntime): Promise<BuildResult> {
  let cleanup = () => undefined as void;
  try {
    return await runPlanned(plan, { ...runtime, log: redactedLog(plan, runtime) }, (done) => (cleanup = done));
  } finally {
    cleanup();
  }
}

async function runPlanned(plan: BuildPlan, runtime: BuildRuntime, onCleanup: (cleanup: () => void) => void): Promise<BuildResult> {
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
  const hash = inputsHash(plan);
  try {
    engine = await engineFor(plan, runtime);
    if (!options.dryRun && !mustBuild(plan, engine)) {
      const image = await upToDateImage(engine, tags, hash);
      if (image) return reuse(plan, engine, image, runtime, seconds);
    }
    const secrets = secretsFor(plan, engine, runtime);
    onCleanup(secrets.cleanup);
    cmd = await commandFor(plan, engine, runtime, progress, secrets.specs, hash);
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

  return finishBuild(plan, engine, runtime, { output, command: shown, started });
}

/**
 * After the engine built the image (alone, or as one target of a bake): inspect it, check the budget, write
 * the metadata file and print the summary line (and the size table unless the caller prints one).
 */
export async function finishBuild(plan: BuildPlan, engine: ResolvedEngine, runtime: BuildRuntime, ran: { output: string; command: string; started: number }): Promise<BuildResult> {
  const { cwd, options } = plan;
  const { tags, target } = options;
  const style = styler(runtime.color ?? false);
  const log = runtime.log;
  const { command: shown, output } = ran;
  const seconds = () => Math.round((Date.now() - ran.started) / 100) / 10;
  const fail = (error: string, extra: Partial<BuildResult> = {}): BuildResult => {
    for (const line of error.split('\n')) log(style.red(line));
    return { success: false, tags, seconds: seconds(), error, ...extra };
  };
  const bases = baseImages(plan.dockerfile, target);
  // the image and the builder base are inspected side by side (each inspect starts a process)
  const [facts, oneStage] = await Promise.all([
    tags[0] ? inspectImage(engine, tags[0]) : null,
    oneStageSize(bases.builder, resolve(cwd, options.context), options.file ?? '', async (ref) => (await inspectImage(engine, ref))?.size ?? null),
  ]);
  const digest = (options.push && options.metadataFile && engine.kind === 'buildx' ? readPushedDigest(options.metadataFile) : undefined)
    ?? (options.push ? facts?.digest ?? undefined : undefined);
  const size = facts?.size ?? null;
  const figures: BuildFigures = {
    image: tags[0] ?? facts?.id ?? '?', stage: target ?? null, size, runtimeBase: bases.runtime, builderBase: bases.builder,
    oneStageSize: oneStage, reduction: reduction(size, oneStage), seconds: seconds(), steps: countSteps(output),
  };
  const built: BuildResult = { success: true, tags, seconds: figures.seconds, imageId: facts?.id, size: size ?? undefined, digest, target, command: shown, figures };
  const budget = checkBudget(tags[0] ?? 'image', size, options.maxSize);
  if (budget?.warning) log(style.yellow(`warning: ${budget.warning}`));
  if (budget?.error) {
    if (runtime.sizeTable !== false) for (const line of sizeTable([figures], style)) log(line);
    return fail(budget.error, { command: shown, target, figures, imageId: built.imageId, size: built.size });
  }
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

/**
 * The tags already name an image built from these inputs: no engine run. The budget is still checked and
 * the metadata file written (the same keys as after a build, with `upToDate: true`); the one-stage figure is
 * the one the build of this image measured, when its metadata file says so.
 */
export function reuse(plan: BuildPlan, engine: ResolvedEngine, image: { id: string; size: number | null }, runtime: BuildRuntime, seconds: () => number): BuildResult {
  const { tags, target, maxSize, metadataFile } = plan.options;
  const style = styler(runtime.color ?? false);
  const shortId = image.id.replace(/^sha256:/, '').slice(0, 12);
  const budget = checkBudget(tags[0], image.size, maxSize);
  if (budget?.warning) runtime.log(style.yellow(`warning: ${budget.warning}`));
  if (budget?.error) {
    runtime.log(style.red(budget.error));
    return { success: false, tags, seconds: seconds(), error: budget.error, imageId: image.id, size: image.size ?? undefined, target };
  }
  const bases = baseImages(plan.dockerfile, target);
  const earlier = metadataFile ? readMetadata(metadataFile) : null;
  const oneStage = earlier?.imageId === image.id ? figuresFromMetadata(earlier)?.oneStageSize ?? null : null;
  const figures: BuildFigures = {
    image: tags[0] ?? image.id, stage: target ?? null, size: image.size, runtimeBase: bases.runtime, builderBase: bases.builder,
    oneStageSize: oneStage, reduction: reduction(image.size, oneStage), seconds: seconds(), steps: null, upToDate: true,
  };
  if (metadataFile) {
    writeMetadata(metadataFile, { imageId: image.id, tags, size: image.size, target: target ?? null, engine: engine.kind, upToDate: true, report: figuresMetadata(figures) });
  }
  runtime.log(style.green(`up to date: ${tags.join(', ')} (image ${shortId}, ${formatSize(image.size ?? undefined)}) was built from these inputs; the engine did not run (rebuild: true builds anyway)`));
  return { success: true, tags, seconds: figures.seconds, imageId: image.id, size: image.size ?? undefined, target, upToDate: true, metadataFile, figures };
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
