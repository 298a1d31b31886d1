// Which `--secret` flags a build passes: the ones the user gave, plus defaults for the secrets the Dockerfile mounts.
// Pure: the caller says which files exist and what the environment holds (run-build.ts does the I/O).
import { isAbsolute, join, resolve } from 'node:path';
import { BUILD_SECRETS, type BuildSecret, type SecretId } from '../secrets';

export interface SecretPlanInput {
  /** Secret ids the Dockerfile mounts (mountedSecretIds). */
  mounted: string[];
  /** The `secrets` build option as given: `id=…,src=…`, `id=…,env=…` or a variable name. */
  given: string[];
  /** false: pass only what was given. */
  defaults: boolean;
  env: NodeJS.ProcessEnv;
  home: string;
  /** Folders whose .npmrc holds the repo's npm settings, outermost first (workspace root, context, Dockerfile folder). */
  repoDirs: string[];
  isFile: (path: string) => boolean;
}

export interface SecretPlan {
  /** `--secret` values ready to pass. */
  specs: string[];
  /** Secrets whose value is several files joined (npmrc: user config then the repo's .npmrc files); run-build writes them. */
  merged: Array<{ id: string; files: string[] }>;
  /** Where each secret not given as it is comes from (paths and variable names only, never values). */
  sources: string[];
}

/** The id a `secrets` entry provides: `id=x,…` → x, a bare NAME → NAME. */
export function givenSecretId(spec: string): string {
  return /^id=([^,]+)/.exec(spec)?.[1] ?? spec;
}

/** A `secrets` entry as docker's `--secret` value: a bare NAME is the environment variable NAME. */
export function secretSpec(spec: string): string {
  return spec.startsWith('id=') ? spec : `id=${spec},env=${spec}`;
}

function srcOf(spec: string): string | undefined {
  return /(?:^|,)(?:src|source)=([^,]+)/.exec(spec)?.[1];
}

function defaultSource(secret: BuildSecret, input: SecretPlanInput): { file: string } | { env: string } | null {
  for (const source of secret.defaults) {
    if (source.startsWith('env:')) {
      const name = source.slice(4);
      const value = input.env[name];
      if (!value) continue;
      // NPM_CONFIG_USERCONFIG / NETRC name a file; NPM_TOKEN / PIP_INDEX_URL are the value itself
      if (secret.file) {
        if (input.isFile(value)) return { file: value };
        continue;
      }
      return { env: name };
    }
    const file = source.startsWith('~/') ? join(input.home, source.slice(2)) : source;
    if (input.isFile(file)) return { file };
  }
  return null;
}

/**
 * The secrets of one build. Given entries pass as they are; for each secret the Dockerfile mounts that was not
 * given, the first default source that exists (BUILD_SECRETS[id].defaults). The npmrc secret is what npm reads
 * on the user's machine: the user config (or the file named with `id=npmrc,src=…`) followed by the repo's
 * .npmrc files, later ones winning as in npm; the repo's files are never copied into the image.
 */
export function planSecrets(input: SecretPlanInput): SecretPlan {
  const specs: string[] = [];
  const merged: SecretPlan['merged'] = [];
  const sources: string[] = [];
  const givenIds = new Set(input.given.map(givenSecretId));
  // outermost folder first, so the innermost .npmrc wins (the install's own project config, as npm reads it)
  const depth = (p: string) => p.split(/[\\/]/).length;
  const repoNpmrcs = [...new Set(input.repoDirs.map((d) => resolve(d, '.npmrc')))].filter((f) => input.isFile(f)).sort((a, b) => depth(a) - depth(b));

  for (const spec of input.given) {
    const id = givenSecretId(spec);
    const src = srcOf(spec);
    if (id === 'npmrc' && src && input.mounted.includes('npmrc') && repoNpmrcs.length) {
      const files = [...new Set([isAbsolute(src) ? src : resolve(src), ...repoNpmrcs])];
      merged.push({ id, files });
      sources.push(`npmrc from ${files.join(' + ')}`);
      continue;
    }
    specs.push(secretSpec(spec));
  }
  if (!input.defaults) return { specs, merged, sources };

  for (const id of input.mounted) {
    if (givenIds.has(id) || !(id in BUILD_SECRETS)) continue;
    const secret: BuildSecret = BUILD_SECRETS[id as SecretId];
    const found = defaultSource(secret, input);
    if (id === 'npmrc') {
      const files = [...new Set([...(found && 'file' in found ? [found.file] : []), ...repoNpmrcs])];
      if (files.length > 1) merged.push({ id, files });
      else if (files.length === 1) specs.push(`id=${id},src=${files[0]}`);
      if (files.length) sources.push(`npmrc from ${files.join(' + ')}`);
      continue;
    }
    if (!found) continue;
    if ('file' in found) {
      specs.push(`id=${id},src=${found.file}`);
      sources.push(`${id} from ${found.file}`);
    } else {
      specs.push(`id=${id},env=${found.env}`);
      sources.push(`${id} from $${found.env}`);
    }
  }
  return { specs, merged, sources };
}

/**
 * Lines of a .yarnrc.yml that hold a credential literally (npmAuthToken, npmAuthIdent, npmPassword with a value
 * other than an environment reference such as "${NPM_TOKEN}"). Generated Dockerfiles copy .yarnrc.yml (Yarn needs
 * its settings), so a build refuses such a file rather than bake the token into a layer.
 */
export function literalYarnCredentials(text: string): number[] {
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /^\s*(?:npmAuthToken|npmAuthIdent|npmPassword)\s*:\s*(.*?)\s*(?:#.*)?$/.exec(line);
    if (!m) return;
    const value = m[1].replace(/^(["'])(.*)\1$/, '$2');
    if (value !== '' && !/^(?:\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-[^}]*)?\})+$/.test(value)) lines.push(i + 1);
  });
  return lines;
}
