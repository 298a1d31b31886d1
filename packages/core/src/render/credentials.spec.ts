// Credentials reach a generated build only as BuildKit secrets, on the steps that need them; no stage copies a
// credential file, no ARG/ENV carries one, the final stage copies an allowlist, every ignore file keeps them out.
import { parseDockerfile } from '../dockerfile/parse';
import { PACKAGE_MANAGERS, VARIANTS, type DockerfileOptionsInput } from '../options';
import { mountedSecretIds } from '../secrets';
import { renderDockerfile, renderDockerignore } from './dockerfile';

const LANGUAGE_EXTRAS: Record<string, Partial<DockerfileOptionsInput>> = { rust: { entry: 'api' } };

/** Every package manager × variant of every language, plus the Turborepo and Nx-shaped node files. */
const ALL: DockerfileOptionsInput[] = [
  ...Object.entries(PACKAGE_MANAGERS).flatMap(([language, managers]) =>
    managers.flatMap((packageManager) =>
      VARIANTS[language as keyof typeof VARIANTS].map((variant) => ({ language, packageManager, variant, ...LANGUAGE_EXTRAS[language] }) as DockerfileOptionsInput),
    ),
  ),
  { language: 'node', projectRoot: 'apps/web', pruneWith: 'turbo', pruneScope: 'web' },
  { language: 'node', projectRoot: 'apps/web', pruneWith: 'turbo', pruneScope: 'web', packageManager: 'yarn' },
  { language: 'node', projectRoot: 'apps/api', buildCommand: 'npx nx build api', outputPath: 'dist/apps/api', manifestsPath: 'dist/docker/apps/api' },
  { language: 'node', projectRoot: 'apps/api' },
  { language: 'python', projectRoot: 'apps/worker', packageManager: 'uv' },
];
const label = (o: DockerfileOptionsInput) => JSON.stringify(o);

interface Step {
  stage: string;
  keyword: string;
  args: string;
  flags: string[];
}

function steps(text: string): Step[] {
  const out: Step[] = [];
  let stage = '';
  for (const instruction of parseDockerfile(text).instructions) {
    const keyword = instruction.getKeyword();
    const args = instruction.getArgumentsContent() ?? '';
    if (keyword === 'FROM') stage = /\sAS\s+(\S+)/i.exec(args)?.[1] ?? '';
    const flags = 'getFlags' in instruction ? (instruction as unknown as { getFlags(): Array<{ toString(): string }> }).getFlags().map(String) : [];
    out.push({ stage, keyword, args, flags });
  }
  return out;
}

const CREDENTIAL_FILE = /(^|[\s/])(\.npmrc|\.netrc|_netrc|\.pypirc|pip\.conf|settings\.xml|\.git-credentials|id_rsa|id_ed25519|\.ssh|\.aws|\.env|credentials\.toml|[^\s/]*\.(pem|key|p12|pfx))/;

describe('credentials in generated Dockerfiles', () => {
  it.each(ALL.map((o) => [label(o), o]))('%s: no stage copies a credential file, no ARG/ENV holds one', (_, o) => {
    const all = steps(renderDockerfile(o));
    const copies = all.filter((s) => s.keyword === 'COPY' || s.keyword === 'ADD');
    expect(copies.filter((c) => CREDENTIAL_FILE.test(c.args))).toEqual([]);
    const declared = all.filter((s) => s.keyword === 'ARG' || s.keyword === 'ENV').map((s) => s.args);
    expect(declared.filter((d) => /TOKEN|PASSWORD|SECRET|NPMRC|AUTH|INDEX_URL|CREDENTIAL/i.test(d))).toEqual([]);
  });

  it.each(ALL.map((o) => [label(o), o]))('%s: the final stage copies an allowlist, never the context or a whole build tree', (_, o) => {
    const all = steps(renderDockerfile(o));
    const finalStage = all.filter((s) => s.stage === 'runtime' && s.keyword === 'COPY').map((s) => [...s.flags, s.args].join(' '));
    expect(finalStage.length).toBeGreaterThan(0);
    for (const copy of finalStage) {
      expect(copy).not.toMatch(/^\.\s/); // COPY . .
      expect(copy).not.toMatch(/--from=\S+ \/(app|src)\/? \S+$/); // a stage's whole work tree
      expect(copy).toMatch(/--from=/); // only what a build stage prepared, nothing straight from the context
    }
  });

  const installs: Array<[string, DockerfileOptionsInput, RegExp, string[]]> = [
    ['npm', { language: 'node' }, /npm (ci|install)/, ['npmrc', 'npm_token']],
    ['pnpm', { language: 'node', packageManager: 'pnpm' }, /pnpm install/, ['npmrc', 'npm_token']],
    ['yarn (1 and 2+)', { language: 'node', packageManager: 'yarn' }, /yarn (install|workspaces focus)/, ['npmrc', 'npm_token']],
    ['bun', { language: 'node', packageManager: 'bun' }, /bun install/, ['npmrc', 'npm_token']],
    ['turbo', { language: 'node', projectRoot: 'apps/web', pruneWith: 'turbo', pruneScope: 'web' }, /npm (ci|install)/, ['npmrc', 'npm_token']],
    ['pip', { language: 'python' }, /pip install/, ['pip_conf', 'pip_index_url', 'netrc']],
    ['poetry', { language: 'python', packageManager: 'poetry' }, /poetry install/, ['netrc']],
    ['uv', { language: 'python', packageManager: 'uv' }, /uv sync/, ['netrc']],
    ['pdm', { language: 'python', packageManager: 'pdm' }, /pip install/, ['pip_conf', 'pip_index_url', 'netrc']],
    ['pipenv', { language: 'python', packageManager: 'pipenv' }, /pip install|pipenv lock/, ['pip_conf', 'pip_index_url', 'netrc']],
    ['go', { language: 'go' }, /go mod download/, ['netrc']],
    ['maven', { language: 'java' }, /mvn/, ['maven_settings']],
    ['cargo', { language: 'rust', entry: 'api' }, /cargo build/, ['cargo_credentials']],
  ];

  it.each(installs)('%s: every step that reaches a registry mounts its credentials as secrets', (_, o, step, ids) => {
    const runs = steps(renderDockerfile(o)).filter((s) => s.keyword === 'RUN' && step.test(s.args));
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(mountedSecretIds(run.flags.map((f) => `--${f}`).join(' ')).filter((id) => ids.includes(id))).toEqual(ids);
    }
  });

  it('steps that reach no registry mount no secret', () => {
    for (const o of ALL) {
      for (const s of steps(renderDockerfile(o)).filter((x) => x.keyword === 'RUN' && x.flags.some((f) => f.startsWith('mount=type=secret')))) {
        expect([label(o), s.args]).toEqual([label(o), expect.stringMatching(/npm|pnpm|yarn|bun|pip|poetry|uv|go mod download|mvn|cargo/)]);
      }
    }
  });

  it('env secrets are exported from the secret file only when it was given (an absent secret never breaks the build)', () => {
    const node = renderDockerfile({ language: 'node', packageManager: 'yarn' });
    expect(node).toContain('--mount=type=secret,id=npm_token \\\n    if [ -f /run/secrets/npm_token ]; then export NPM_TOKEN="$(cat /run/secrets/npm_token)"; fi;');
    const python = renderDockerfile({ language: 'python' });
    expect(python).toContain('if [ -f /run/secrets/pip_index_url ]; then export PIP_INDEX_URL="$(cat /run/secrets/pip_index_url)"; fi;');
    const java = renderDockerfile({ language: 'java' });
    expect(java).toContain('if [ -f /run/secrets/maven_settings ]; then settings="-s /run/secrets/maven_settings"; fi;');
    // no `required=true` anywhere, and no docker-1.10-frontend-only `env=` secret option (Debian's docker 20.10 lacks it)
    for (const o of ALL) expect(renderDockerfile(o)).not.toMatch(/required=true|type=secret,[^\s]*env=/);
  });

  it('Go: GOPRIVATE is a plain build argument (not a secret), the credentials come from the netrc secret', () => {
    const text = renderDockerfile({ language: 'go' });
    expect(text).toMatch(/^ARG GOPRIVATE$/m);
    expect(text).toContain('--mount=type=secret,id=netrc,target=/root/.netrc');
  });

  it('Yarn 2+: .yarnrc.yml is copied (Yarn needs its settings; docker-ms build refuses one with a literal token), .npmrc never', () => {
    const text = renderDockerfile({ language: 'node', packageManager: 'yarn' });
    expect(text).toMatch(/^COPY package\.json yarn\.lock\* \.yarnrc\.yml\* \.\/$/m);
    expect(text).not.toContain('.npmrc*');
  });

  it('without BuildKit (cacheMounts false) no secret is mounted and none is declared another way', () => {
    for (const o of ALL) {
      const text = renderDockerfile({ ...o, cacheMounts: false } as DockerfileOptionsInput);
      expect(mountedSecretIds(text)).toEqual([]);
      expect(text).not.toMatch(/\/run\/secrets|^(ARG|ENV) .*TOKEN/m);
    }
  });
});

describe('default ignore files keep credential files out of the build context', () => {
  const REQUIRED = [
    '**/.npmrc', '**/.netrc', '**/settings.xml', '**/.ssh', '**/*.key', '**/*.pem', '**/.pypirc', '**/pip.conf', '**/.aws',
    '**/.docker/config.json', '**/.git-credentials', '**/*.p12', '**/id_rsa*', '**/.env*',
    // entries that were there before stay
    '**/.env', '**/.env.*', '**/.git',
  ];
  it.each(ALL.map((o) => [label(o), o]))('%s', (_, o) => {
    const lines = renderDockerignore(o).split('\n');
    for (const pattern of REQUIRED) expect([pattern, lines.includes(pattern)]).toEqual([pattern, true]);
    // nothing re-includes one later (the last matching pattern wins)
    expect(lines.filter((l) => l.startsWith('!') && CREDENTIAL_FILE.test(l.slice(1)))).toEqual([]);
  });
});
