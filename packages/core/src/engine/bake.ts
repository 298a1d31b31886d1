// Many apps in one BuildKit session: `docker buildx bake` with one target per app. Each app is planned,
// checked and (when up to date) skipped exactly as a single build; the others become targets of one bake
// file, and after the bake each image is inspected, budgeted and recorded like a single build's.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { styler } from '../text/style';
import { failureLine, lineWriter } from './build-report';
import { formatCommand } from './command';
import { BuildOptionsError, type BuildOptions } from './options';
import type { BuildPlan } from './plan-build';
import { EngineError, type ResolvedEngine } from './resolve';
import { engineFor, finishBuild, imageLabels, redactedLog, reuse, secretsFor, type BuildResult, type BuildRuntime } from './run-build';
import { run } from './spawn';
import { checkSupport } from './support';
import { inputsHash, mustBuild, upToDateImage } from './up-to-date';

export interface BakeTarget {
  name: string;
  options: BuildOptions;
  /** Absolute build context. */
  context: string;
  labels: Record<string, string>;
  /** --secret values (files already materialised). */
  secrets: string[];
}

// HCL strings are JSON strings in which `${` and `%{` start templates
const str = (value: string) => JSON.stringify(value).replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`);
const list = (values: string[]) => `[${values.map(str).join(', ')}]`;
const map = (record: Record<string, string>) =>
  `{\n${Object.entries(record).map(([k, v]) => `    ${str(k)} = ${str(v)}`).join('\n')}\n  }`;

/** Bake target names: letters, digits, `_` and `-`, unique. */
export function targetNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const base = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'app';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** The bake file: a default group of every target; each target carries its app's own options and cache refs. */
export function bakeFileText(targets: BakeTarget[]): string {
  const blocks = targets.map(({ name, options: o, context, labels, secrets }) => {
    const load = o.load ?? (!o.push && o.platforms.length <= 1);
    const attest = [...(o.sbom ? ['type=sbom'] : []), ...(o.provenance ? [`type=provenance,mode=${o.provenance}`] : [])];
    const output = o.push ? ['type=registry'] : load ? ['type=docker'] : [];
    const lines = [
      `  context = ${str(context)}`,
      `  dockerfile = ${str(o.file ?? resolve(context, 'Dockerfile'))}`,
      ...(o.target ? [`  target = ${str(o.target)}`] : []),
      `  tags = ${list(o.tags)}`,
      ...(Object.keys(o.buildArgs).length ? [`  args = ${map(o.buildArgs)}`] : []),
      ...(Object.keys(labels).length ? [`  labels = ${map(labels)}`] : []),
      ...(secrets.length ? [`  secret = ${list(secrets)}`] : []),
      ...(o.platforms.length ? [`  platforms = ${list(o.platforms)}`] : []),
      ...(o.cacheFrom.length ? [`  cache-from = ${list(o.cacheFrom)}`] : []),
      ...(o.cacheTo.length ? [`  cache-to = ${list(o.cacheTo)}`] : []),
      ...(attest.length ? [`  attest = ${list(attest)}`] : []),
      ...(output.length ? [`  output = ${list(output)}`] : []),
      ...(o.noCache ? ['  no-cache = true'] : []),
      ...(o.pull ? ['  pull = true'] : []),
    ];
    return `target ${str(name)} {\n${lines.join('\n')}\n}`;
  });
  const header = '# Written by docker-ms build --all/--affected: one target per app (docker buildx bake -f <this file>).';
  return `${header}\ngroup "default" {\n  targets = ${list(targets.map((t) => t.name))}\n}\n\n${blocks.join('\n\n')}\n`;
}

/**
 * Build the plans as one bake. Up-to-date apps are skipped (as single builds skip them); a plan the engine
 * cannot honour fails before anything runs. Results come back in the order of `plans`.
 */
export async function runBake(plans: BuildPlan[], engine: ResolvedEngine, runtime: BuildRuntime & { bakeFile: string; cwd: string }): Promise<BuildResult[]> {
  const started = Date.now();
  const style = styler(runtime.color ?? false);
  const results: Array<BuildResult | undefined> = new Array(plans.length);
  const cleanups: Array<() => void> = [];
  const pending: Array<{ index: number; plan: BuildPlan; target: BakeTarget; runtime: BuildRuntime }> = [];
  const names = targetNames(plans.map((p) => p.options.tags[0]?.replace(/:[^/:]*$/, '').split('/').pop() ?? 'app'));
  try {
    for (const [index, plan] of plans.entries()) {
      const own = { ...runtime, log: redactedLog(plan, runtime), sizeTable: false };
      const seconds = () => Math.round((Date.now() - started) / 100) / 10;
      try {
        await engineFor(plan, own);
        const hash = inputsHash(plan);
        if (!plan.options.dryRun && !mustBuild(plan, engine)) {
          const image = await upToDateImage(engine, plan.options.tags, hash);
          if (image) {
            results[index] = reuse(plan, engine, image, own, seconds);
            continue;
          }
        }
        const support = checkSupport(plan.options, engine);
        if (support.errors.length) throw new BuildOptionsError(support.errors);
        for (const warning of support.warnings) own.log(style.yellow(`warning: ${warning}`));
        const secrets = secretsFor(plan, engine, own);
        cleanups.push(secrets.cleanup);
        const context = resolve(plan.cwd, plan.options.context);
        pending.push({ index, plan, runtime: own, target: { name: names[index], options: plan.options, context, labels: await imageLabels(plan, hash), secrets: secrets.specs } });
      } catch (error) {
        if (!(error instanceof BuildOptionsError || error instanceof EngineError)) throw error;
        for (const line of error.message.split('\n')) own.log(style.red(line));
        results[index] = { success: false, tags: plan.options.tags, seconds: 0, error: error.message };
      }
    }
    // one plan that cannot build stops the batch before anything runs
    if (results.some((r) => r && !r.success) || !pending.length) return results.filter((r): r is BuildResult => !!r);

    const text = bakeFileText(pending.map((p) => p.target));
    mkdirSync(dirname(runtime.bakeFile), { recursive: true });
    // build-arg values may be credentials: the file is readable by its owner only
    writeFileSync(runtime.bakeFile, text, { mode: 0o600 });
    const { options } = pending[0].plan;
    const progress = options.quiet || options.progress === 'quiet' ? ['--progress=quiet'] : options.progress === 'auto' ? [] : [`--progress=${options.progress}`];
    const cmd = { command: engine.command, args: ['buildx', 'bake', ...(options.builder ? ['--builder', options.builder] : []), '-f', runtime.bakeFile, ...progress] };
    const shown = formatCommand(cmd);
    const appNames = pending.map((p) => p.target.name).join(', ');
    if (options.dryRun) {
      runtime.log(`dry run (docker buildx ${engine.version ?? ''}): ${shown}`.replace(' )', ')'));
      for (const line of text.trimEnd().split('\n')) runtime.log(line);
      for (const p of pending) results[p.index] = { success: true, tags: p.plan.options.tags, seconds: 0, target: p.plan.options.target };
      return results.filter((r): r is BuildResult => !!r);
    }
    for (const p of pending) if (p.plan.options.metadataFile) rmSync(p.plan.options.metadataFile, { force: true });
    runtime.log(style.cyan(`baking ${appNames} in one BuildKit session with docker buildx ${engine.version ?? ''}: ${shown}`));
    const out = lineWriter(redactedLog(pending[0].plan, runtime));
    const result = await run(cmd.command, cmd.args, { cwd: runtime.cwd, env: runtime.env ?? process.env, inherit: runtime.tty && options.progress === 'tty', onOutput: (chunk) => out.write(chunk) });
    out.flush();
    if (result.code !== 0) {
      const line = failureLine(result, cmd, engine, `bake of ${appNames}`);
      runtime.log(style.red(line));
      for (const p of pending) results[p.index] = { success: false, tags: p.plan.options.tags, seconds: 0, error: line, command: shown };
      return results.filter((r): r is BuildResult => !!r);
    }
    for (const p of pending) results[p.index] = await finishBuild(p.plan, engine, p.runtime, { output: '', command: shown, started });
    return results.filter((r): r is BuildResult => !!r);
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}
