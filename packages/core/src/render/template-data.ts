import path from 'node:path';
import { imagesFor, type CatalogImage } from '../catalog';
import type { DockerfileOptions } from '../options';
import { OptionsError } from '../options/errors';
import { dockerfileQuote, shellQuote } from '../text/quote';
import { secretMounts, type SecretId } from '../secrets';

/** Values every template sees. Language patterns add their own fields next to these. */
export interface BaseTemplateData {
  o: DockerfileOptions;
  build: CatalogImage;
  runtime: CatalogImage;
  /** Final-stage numeric user. */
  user: string;
  /** `--mount=type=cache,...` flags, each followed by a line continuation, when cacheMounts; else ''. */
  mount: (...targets: string[]) => string;
  /**
   * `--mount=type=secret,…` flags for the credentials a step needs (src/secrets), with the env exports, when
   * cacheMounts (BuildKit); else '' (the legacy builder has no secrets). Credentials reach a build only this way.
   */
  secrets: (...ids: SecretId[]) => string;
  /** A path inside the project, relative to the build context. */
  src: (p?: string) => string;
  /** Exec-form JSON array. */
  json: (argv: string[]) => string;
  /** A folder as a COPY source: "." or "path/". */
  dir: (p: string) => string;
  /** `"name"="value"` pairs of the LABEL line, escaped so docker reads them literally. */
  labels: string[];
  /** A value as one shell word in a RUN line. */
  sh: (word: string) => string;
  /** Final-stage environment (the `env` option), values quoted where the Dockerfile needs it. */
  env: Array<[string, string]>;
  /** Exec-form healthcheck command, or null. */
  healthcheck: string[] | null;
  /** Command of the final stage: rendered as ENTRYPOINT (entrypoint) and/or CMD (cmd). */
  entrypoint: string[] | null;
  cmd: string[] | null;
}

export function baseTemplateData(o: DockerfileOptions): Omit<BaseTemplateData, 'healthcheck' | 'entrypoint' | 'cmd'> {
  const { build, runtime } = imagesFor(o);
  if (runtime.flavor === 'scratch' && !(o.language === 'go' || (o.language === 'rust' && o.variant === 'musl'))) {
    const why = o.language === 'rust' ? 'a glibc rust binary needs libc; use variant "musl" for scratch' : `scratch has no ${o.language} runtime`;
    throw new OptionsError([`baseRuntime: ${why} (got "${runtime.ref}")`]);
  }
  return {
    o,
    build,
    runtime,
    user: o.user ?? defaultUser(runtime),
    mount: (...targets) =>
      o.cacheMounts ? targets.map((t) => `--mount=type=cache,${t.includes('=') ? t : `target=${t}`} \\\n    `).join('') : '',
    secrets: (...ids) => (o.cacheMounts ? secretMounts(ids) : ''),
    src: (p = '.') => joinPath(o.projectRoot, p),
    json: execForm,
    dir,
    labels: Object.entries(o.labels).map(([k, v]) => `${dockerfileQuote(k)}=${dockerfileQuote(v)}`),
    sh: shellQuote,
    env: Object.entries(o.env).map(([k, v]) => [k, /^[\w.:/@%+,=-]+$/.test(v) ? v : dockerfileQuote(v)]),
  };
}

/**
 * An exec-form JSON array. JSON leaves U+0085, U+2028 and U+2029 raw; escaped, they cannot be taken for line breaks
 * by editors and parsers, and docker still reads the same strings.
 */
export function execForm(argv: string[]): string {
  return JSON.stringify(argv).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** distroless ":nonroot" images define uid 65532; "nobody" (65534) exists in Debian and Alpine, and scratch needs no passwd entry. */
function defaultUser(runtime: CatalogImage): string {
  // nginx-unprivileged runs as its own nginx user, 101, which owns its pid and temp paths
  if (runtime.toolchain === 'nginx') return '101';
  return runtime.flavor === 'distroless' ? '65532' : '65534';
}

/** posix join that normalizes "." and trailing slashes; '.' for the context root. */
export function joinPath(...parts: string[]): string {
  const joined = path.posix.normalize(path.posix.join(...parts)).replace(/\/+$/, '');
  return joined === '' ? '.' : joined;
}

/** `COPY <src> <dest>` argument for a folder: "." stays ".", others get a trailing slash. */
export function dir(p: string): string {
  return p === '.' ? '.' : `${p}/`;
}

export function splitCommand(command: string | string[]): string[] {
  return Array.isArray(command) ? command : command.trim().split(/\s+/);
}

/**
 * The healthcheck as an exec-form command. An HTTP path needs a runtime that can probe it itself: `probe` is
 * the argv that fetches the URL given as its last argument (data, never spliced into the probe's code); a
 * command array is used as given.
 */
export function healthcheckCommand(o: DockerfileOptions, probe: string[] | null): string[] | null {
  if (o.healthcheck === undefined) return null;
  if (Array.isArray(o.healthcheck)) return o.healthcheck;
  if (o.port === undefined) {
    throw new OptionsError([`healthcheck: an HTTP path needs port (got healthcheck "${o.healthcheck}" and no port)`]);
  }
  if (!probe) {
    throw new OptionsError([
      `healthcheck: ${o.language} runtime images cannot probe an HTTP path without extra tools; give a command array instead, e.g. ["/usr/local/bin/app","healthcheck"] (got "${o.healthcheck}")`,
    ]);
  }
  return [...probe, `http://127.0.0.1:${o.port}${o.healthcheck}`];
}
