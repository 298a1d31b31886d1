import { join } from 'node:path';
import { BuildOptions, BuildOptionsError } from './options';
import type { ResolvedEngine } from './resolve';
import { secretSpec } from './secrets';
import { checkSupport } from './support';

export interface Command {
  command: string;
  args: string[];
}

export interface BuildCommand extends Command {
  /** A copy of the base environment plus what the engine needs (never process.env itself). */
  env: NodeJS.ProcessEnv;
  warnings: string[];
  /** Run after a successful build when push is set (engines that push in a separate step). */
  pushes: Command[];
}

export function dockerfilePath(options: Pick<BuildOptions, 'file' | 'context'>): string {
  return options.file ?? join(options.context, 'Dockerfile');
}

/** buildx writes its result (with the pushed digest) here when pushing. */
export function buildxMetadataPath(metadataFile: string): string {
  return metadataFile.replace(/\.json$/, '') + '.buildx.json';
}

const pairs = (flag: string, record: Record<string, string>) => Object.entries(record).flatMap(([k, v]) => [flag, `${k}=${v}`]);
const each = (flag: string, values: string[]) => values.flatMap((v) => [flag, v]);
const when = (condition: boolean, ...args: string[]) => (condition ? args : []);

/** --quiet, or BuildKit's --progress when a mode was chosen (podman, buildah and the legacy builder have no such flag). */
function outputArgs(options: BuildOptions, engine: ResolvedEngine): string[] {
  if (options.quiet || options.progress === 'quiet') return ['--quiet'];
  const buildKit = engine.kind === 'buildx' || (engine.kind === 'docker' && engine.buildKit);
  return buildKit && options.progress !== 'auto' ? [`--progress=${options.progress}`] : [];
}

/** The common flags of docker build, podman build and buildah bud, in one order. */
function commonArgs(options: BuildOptions): string[] {
  return [
    '-f', dockerfilePath(options),
    ...(options.target ? ['--target', options.target] : []),
    ...each('-t', options.tags),
    ...pairs('--build-arg', options.buildArgs),
    ...pairs('--label', options.labels),
    ...each('--secret', options.secrets.map(secretSpec)),
  ];
}

/**
 * The exact argv (no shell) for one build. Throws BuildOptionsError naming every option the engine cannot honour.
 * `options.target` and `options.tags` are used as given (planBuild fills their defaults first).
 */
export function buildCommand(options: BuildOptions, engine: ResolvedEngine, baseEnv: NodeJS.ProcessEnv = process.env): BuildCommand {
  const support = checkSupport(options, engine);
  if (support.errors.length) throw new BuildOptionsError(support.errors);
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  const warnings = [...engine.warnings, ...support.warnings];
  const { command } = engine;
  const pushes = options.push && engine.kind !== 'buildx' ? options.tags.map((tag) => ({ command, args: ['push', tag] })) : [];

  switch (engine.kind) {
    case 'buildx': {
      const load = options.load ?? (!options.push && options.platforms.length <= 1);
      const args = [
        'buildx', 'build',
        ...(options.builder ? ['--builder', options.builder] : []),
        ...commonArgs(options),
        ...when(options.platforms.length > 0, '--platform', options.platforms.join(',')),
        ...each('--cache-from', options.cacheFrom),
        ...each('--cache-to', options.cacheTo),
        ...when(options.sbom, '--sbom=true'),
        ...when(!!options.provenance, `--provenance=mode=${options.provenance}`),
        ...when(options.noCache, '--no-cache'),
        ...when(options.pull, '--pull'),
        ...outputArgs(options, engine),
        ...when(options.push, '--push'),
        ...when(load, '--load'),
        ...when(options.push && !!options.metadataFile, '--metadata-file', buildxMetadataPath(options.metadataFile ?? '')),
        options.context,
      ];
      return { command, args, env, warnings, pushes };
    }
    case 'docker': {
      env.DOCKER_BUILDKIT = engine.buildKit ? '1' : '0';
      const args = [
        'build',
        ...commonArgs(options),
        ...each('--platform', options.platforms),
        ...each('--cache-from', options.cacheFrom),
        ...when(options.noCache, '--no-cache'),
        ...when(options.pull, '--pull'),
        ...outputArgs(options, engine),
        options.context,
      ];
      return { command, args, env, warnings, pushes };
    }
    case 'podman':
    case 'buildah': {
      const args = [
        ...(engine.kind === 'buildah' ? ['bud', '--layers'] : ['build']),
        ...commonArgs(options),
        ...each('--platform', options.platforms),
        ...each('--cache-from', options.cacheFrom),
        ...each('--cache-to', options.cacheTo),
        ...when(options.noCache, '--no-cache'),
        ...when(options.pull, '--pull=always'),
        ...outputArgs(options, engine),
        options.context,
      ];
      return { command, args, env, warnings, pushes };
    }
  }
}

export const REDACTED = '<redacted>';

/** The command with every `--build-arg KEY=value` shown as `KEY=<redacted>`: build arguments may carry tokens. */
export function redactCommand(cmd: Command): Command {
  const args = cmd.args.map((arg, i) => (cmd.args[i - 1] === '--build-arg' && arg.includes('=') ? `${arg.slice(0, arg.indexOf('='))}=${REDACTED}` : arg));
  return { ...cmd, args };
}

/**
 * A function that replaces each of `values` (build-arg values, secret values from the environment) in a line.
 * Values shorter than 4 characters are left alone: they carry no credential and would garble the output.
 */
export function redactor(values: Array<string | undefined>): (line: string) => string {
  const secrets = [...new Set(values.filter((v): v is string => !!v && v.length >= 4))].sort((a, b) => b.length - a.length);
  if (!secrets.length) return (line) => line;
  return (line) => secrets.reduce((text, value) => text.split(value).join(REDACTED), line);
}

/** A shell-quoted rendering of a command for dry runs and logs; build-arg values are redacted. */
export function formatCommand(cmd: Command, env: Record<string, string | undefined> = {}): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const prefix = Object.entries(env).map(([k, v]) => `${k}=${quote(v ?? '')} `).join('');
  const shown = redactCommand(cmd);
  return prefix + [shown.command, ...shown.args].map(quote).join(' ');
}
