// The build secrets generated Dockerfiles mount, and where `docker-ms build` finds their values by default.
// One table: the templates take the mount targets from it, the engine the default sources (docs/security.md).

/** Where a secret reaches a RUN step: a file the tool reads at `file`, or an environment variable set from the secret file. */
export interface BuildSecret {
  id: string;
  /** What it is for, for docs and messages. */
  what: string;
  /** Mount target the tool reads as its own config file; absent for env secrets (default target /run/secrets/<id>). */
  file?: string;
  /** Environment variable exported from /run/secrets/<id>, only when the secret was given. */
  env?: string;
  /**
   * Default sources `docker-ms build` passes when the Dockerfile mounts the secret and no `--secret id=<id>,…` names one:
   * `env:VAR` (the variable, when set), or files (`~` = home; npmrc also merges the repo's .npmrc files, see engine/secrets.ts).
   */
  defaults: string[];
}

export const BUILD_SECRETS = {
  npmrc: {
    id: 'npmrc',
    what: 'npm/pnpm/Yarn 1/Bun settings and registry tokens (an .npmrc)',
    file: '/root/.npmrc',
    defaults: ['env:NPM_CONFIG_USERCONFIG', '~/.npmrc'],
  },
  npm_token: {
    id: 'npm_token',
    what: 'a registry token as NPM_TOKEN, for `npmAuthToken: "${NPM_TOKEN}"` in .yarnrc.yml or `${NPM_TOKEN}` in .npmrc',
    env: 'NPM_TOKEN',
    defaults: ['env:NPM_TOKEN'],
  },
  pip_conf: {
    id: 'pip_conf',
    what: "pip's configuration file (index-url with credentials)",
    file: '/root/.config/pip/pip.conf',
    defaults: [],
  },
  pip_index_url: {
    id: 'pip_index_url',
    what: 'a package index URL with credentials as PIP_INDEX_URL',
    env: 'PIP_INDEX_URL',
    defaults: ['env:PIP_INDEX_URL'],
  },
  netrc: {
    id: 'netrc',
    what: 'a .netrc (pip, Poetry and uv index credentials; Go private modules over HTTPS)',
    file: '/root/.netrc',
    defaults: ['env:NETRC', '~/.netrc'],
  },
  maven_settings: {
    id: 'maven_settings',
    what: "a Maven settings.xml with <servers> credentials (given to mvn as -s, the image's global settings still apply)",
    defaults: [],
  },
  cargo_credentials: {
    id: 'cargo_credentials',
    what: "cargo's credentials.toml (private registry tokens)",
    file: '/usr/local/cargo/credentials.toml',
    defaults: [],
  },
} as const satisfies Record<string, BuildSecret>;

export type SecretId = keyof typeof BUILD_SECRETS;

export const SECRET_IDS = Object.keys(BUILD_SECRETS) as SecretId[];

/** Path of a secret inside a RUN step. */
export function secretPath(id: SecretId): string {
  const secret: BuildSecret = BUILD_SECRETS[id];
  return secret.file ?? `/run/secrets/${id}`;
}

/**
 * `--mount=type=secret,…` flags (each followed by a line continuation) and, for env secrets, the shell line that
 * exports the variable when the secret was given. An absent secret mounts nothing (BuildKit's default `required=false`)
 * and leaves the variable unset, so builds without credentials still work.
 */
export function secretMounts(ids: SecretId[]): string {
  const mounts = ids.map((id) => {
    const secret: BuildSecret = BUILD_SECRETS[id];
    return `--mount=type=secret,id=${id}${secret.file ? `,target=${secret.file}` : ''} \\\n    `;
  });
  const envLines = ids.flatMap((id) => {
    const secret: BuildSecret = BUILD_SECRETS[id];
    const path = secretPath(id);
    return secret.env ? [`if [ -f ${path} ]; then export ${secret.env}="$(cat ${path})"; fi; \\\n    `] : [];
  });
  return mounts.join('') + envLines.join('');
}

/** Secret ids a Dockerfile mounts (`--mount=type=secret,id=…`), in order of first use. */
export function mountedSecretIds(dockerfile: string): string[] {
  const ids = [...dockerfile.matchAll(/--mount=(?:[^\s,]+,)*?type=secret(?:,[^\s]*)?/g)].flatMap((m) => {
    const id = /(?:^|,)id=([^,\s]+)/.exec(m[0].replace(/^--mount=/, ''));
    return id ? [id[1]] : [];
  });
  return [...new Set(ids)];
}

/** Environment variables the default secret sources read (a task runner with strict env, like turbo, passes them through). */
export const SECRET_ENV_VARS: string[] = [
  ...new Set(Object.values(BUILD_SECRETS).flatMap((s: BuildSecret) => s.defaults.filter((d) => d.startsWith('env:')).map((d) => d.slice(4)))),
];
