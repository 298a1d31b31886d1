import { basename, join, resolve } from 'node:path';
import { BuildPlanError, EngineError, planBuild, resolveEngine, runBuild, type BuildPlan, type BuildResult, type ResolvedEngine } from '../../engine';
import { runBake } from '../../engine/bake';
import { BuildOptionsError, buildOptionsShape } from '../../engine/options';
import { sizeTable, type BuildFigures } from '../../engine/size-report';
import { colorEnabled, styler } from '../../text/style';
import { asFlagProblem, flagSpec, optionHelp, parseFlags } from '../flags';
import { UsageError, type CliIO } from '../io';
import type { CliCommand } from '../registry';
import { projectFolder } from './detect';
import { affectedApps, changedFiles, workspaceApps } from '../workspace-apps';
import { findWorkspaceRoot } from '../workspace-root';

const spec = flagSpec(buildOptionsShape, {
  aliases: { tag: 'tags', label: 'labels', 'build-arg': 'buildArgs', secret: 'secrets', platform: 'platforms' },
  short: { t: 'tag', f: 'file' },
  own: { all: 'boolean', affected: 'boolean', base: 'string' },
});
/** Where a batch writes its bake file (dist/ is skipped by the Dockerfile search and ignored by generated contexts). */
export const BAKE_FILE = 'dist/docker-ms/docker-bake.hcl';

/** One folder's plan; bad options are a UsageError-like exit 2, a plan that does not fit the files exit 1. */
function planFor(dir: string, options: Record<string, unknown>, io: CliIO, cwd = io.cwd): BuildPlan | number {
  const input = { context: dir, file: options.file ?? join(dir, 'Dockerfile'), name: undefined as string | undefined, ...options };
  if (!options.name) input.name = resolve(cwd, dir).split(/[\\/]/).pop() || undefined;
  try {
    return planBuild(input, { cwd });
  } catch (error) {
    // the options do not fit the files (no Dockerfile, unknown stage, a metadata path it will not write): input, exit 2
    if (error instanceof BuildPlanError) {
      for (const problem of error.problems) io.err(asFlagProblem(problem, spec.kinds));
      return 2;
    }
    if (!(error instanceof BuildOptionsError)) throw error;
    for (const problem of error.problems) io.err(asFlagProblem(problem, spec.kinds));
    return 2;
  }
}

export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'build an app\'s image with docker (BuildKit), buildx, podman or buildah',
  help: [
    'Usage: docker-ms build <dir>... [--target <stage>] [--tag <image:tag>]... [options]',
    '',
    'Builds <dir>/Dockerfile with <dir> as context (change with --file / --context), then prints a size table:',
    'image, stage, size, runtime base, one-stage estimate, time, cached steps. Several folders build one after',
    'another and end with one table. Short forms: -t/--tag, -f; --build-arg, --label, --secret, --platform repeat.',
    '',
    'Usage: docker-ms build --all | --affected [--base <ref>] [options]',
    '',
    'Every app with a docker-ms Dockerfile in the workspace (--all), or those whose build context holds a file',
    'changed since the merge base of <ref> (default main) and HEAD, uncommitted and untracked files included',
    '(--affected). With the buildx plugin they build in one BuildKit session: docker-ms writes ' + BAKE_FILE,
    '(one target per app; {name} in --tag, --cache-from, --cache-to stands for each app) and runs docker buildx',
    'bake; otherwise one after another. Up-to-date apps are skipped either way; one summary at the end.',
    '',
    'Options (also accepted as --camelCase; nx-container names such as --build-args, --cache-from work too):',
    ...optionHelp(buildOptionsShape),
  ].join('\n'),
  async run(args, io) {
    const { options: parsed, positionals } = parseFlags(args, spec, 'build');
    const { all, affected, base, ...options } = parsed;
    if (all || affected) return buildWorkspace({ affected: affected === true, base: base === undefined ? 'main' : String(base), positionals, options }, io);
    if (base !== undefined) throw new UsageError('--base goes with --affected (the git ref changes are counted from)');
    const dirs = positionals.length ? positionals : ['.'];
    if (dirs.length > 1 && (options.file || options.tags || options.name)) {
      throw new UsageError(`--file, --tag and --name name one image; build ${dirs.join(', ')} one at a time to set them`);
    }
    // every folder is planned (and checked) before anything builds
    const plans: BuildPlan[] = [];
    for (const dir of dirs) {
      projectFolder([dir], 'build', io.cwd);
      const plan = planFor(dir, options, io);
      if (typeof plan === 'number') return plan;
      plans.push(plan);
    }
    return buildOneByOne(plans, io);
  },
};

/** Several plans one after another, with one size table at the end (a single build prints its own). */
async function buildOneByOne(plans: BuildPlan[], io: CliIO): Promise<number> {
  const color = colorEnabled(io.env ?? process.env, io.tty);
  const figures: BuildFigures[] = [];
  for (const plan of plans) {
    const result = await runBuild(plan, { log: io.out, env: io.env, tty: io.tty, color, sizeTable: plans.length === 1 });
    if (result.figures) figures.push(result.figures);
    if (!result.success) {
      if (figures.length) for (const line of sizeTable(figures, styler(color))) io.out(line);
      return 1;
    }
  }
  if (plans.length > 1) for (const line of sizeTable(figures, styler(color))) io.out(line);
  return 0;
}

/**
 * `--all` / `--affected`: every app with a docker-ms Dockerfile (or those a change since `base` reaches), each
 * from the build context its Dockerfile expects; one bake when buildx is there, else one build after another.
 */
async function buildWorkspace(batch: { affected: boolean; base: string; positionals: string[]; options: Record<string, unknown> }, io: CliIO): Promise<number> {
  const flag = batch.affected ? '--affected' : '--all';
  if (batch.positionals.length) throw new UsageError(`${flag} picks the apps itself; leave out ${batch.positionals.join(' ')} (or build folders without ${flag})`);
  for (const one of ['file', 'context', 'name'] as const) {
    if (batch.options[one] !== undefined) throw new UsageError(`--${one} names one app; ${flag} takes each app's own (use --tag with {name} for per-app tags)`);
  }
  const root = findWorkspaceRoot(io.cwd);
  const every = workspaceApps(root);
  if (!every.length) throw new UsageError(`${flag}: no docker-ms Dockerfile (<app>/Dockerfile with the docker-ms header) under ${root}; write them with docker-ms dockerfile <dir> --write`);
  let apps = every;
  if (batch.affected) {
    const changed = await changedFiles(root, batch.base);
    apps = affectedApps(root, every, changed);
    io.out(`affected since ${batch.base}: ${apps.map((a) => a.dir).join(', ') || 'no app'} (${changed.length} changed file(s); ${every.length - apps.length} app(s) not affected)`);
    if (!apps.length) return 0;
  }
  const plans: BuildPlan[] = [];
  for (const app of apps) {
    const plan = planFor(app.context, { ...batch.options, file: app.file, name: basename(app.dir === '.' ? root : app.dir) }, io, root);
    if (typeof plan === 'number') return plan;
    plans.push(plan);
  }
  let engine: ResolvedEngine;
  try {
    engine = await resolveEngine(plans[0].options.engine, undefined, io.env ?? process.env);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    io.err(error.message);
    return 1;
  }
  const color = colorEnabled(io.env ?? process.env, io.tty);
  let results: BuildResult[] = [];
  if (engine.kind === 'buildx') {
    results = await runBake(plans, engine, { log: io.out, env: io.env, tty: io.tty, color, bakeFile: join(root, BAKE_FILE), cwd: root });
  } else {
    io.out(`building ${plans.length} app(s) one after another with ${engine.description}; with the buildx plugin they build as one bake`);
    for (const plan of plans) results.push(await runBuild(plan, { log: io.out, env: io.env, tty: io.tty, color, sizeTable: false }));
  }
  const figures = results.flatMap((r) => (r.figures ? [r.figures] : []));
  if (figures.length) for (const line of sizeTable(figures, styler(color))) io.out(line);
  const count = (f: (r: BuildResult) => boolean) => results.filter(f).length;
  const built = plans[0].options.dryRun ? 'would build' : 'built';
  io.out(`${flag}: ${count((r) => r.success && !r.upToDate)} ${built}, ${count((r) => !!r.upToDate)} up to date, ${count((r) => !r.success)} failed of ${plans.length} app(s)`);
  return results.every((r) => r.success) && results.length === plans.length ? 0 : 1;
}
