import { mountedSecretIds, secretMounts } from '../secrets';
import { givenSecretId, literalYarnCredentials, planSecrets, type SecretPlanInput } from './secrets';

const files = (...paths: string[]) => (p: string) => paths.includes(p);
const input = (over: Partial<SecretPlanInput>): SecretPlanInput => ({
  mounted: ['npmrc', 'npm_token'],
  given: [],
  defaults: true,
  env: {},
  home: '/home/me',
  repoDirs: ['/repo', '/repo/apps/web'],
  isFile: files(),
  ...over,
});

describe('secret mounts', () => {
  it('file secrets mount at the path the tool reads; env secrets export the variable only when given', () => {
    expect(secretMounts(['npmrc', 'npm_token'])).toBe(
      '--mount=type=secret,id=npmrc,target=/root/.npmrc \\\n    ' +
        '--mount=type=secret,id=npm_token \\\n    ' +
        'if [ -f /run/secrets/npm_token ]; then export NPM_TOKEN="$(cat /run/secrets/npm_token)"; fi; \\\n    ',
    );
  });

  it('reads back the ids a Dockerfile mounts, whatever the flag order', () => {
    const text = 'RUN --mount=type=cache,target=/x --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nRUN --mount=id=netrc,type=secret go mod download\nRUN --mount=type=secret,id=npmrc x';
    expect(mountedSecretIds(text)).toEqual(['npmrc', 'netrc']);
    expect(mountedSecretIds('RUN --mount=type=cache,id=pnpm-store,target=/s pnpm i')).toEqual([]);
  });
});

describe('planSecrets', () => {
  it('npmrc: the user config then the repo .npmrc files (outermost first, so the project wins as in npm), merged', () => {
    const plan = planSecrets(input({ isFile: files('/home/me/.npmrc', '/repo/apps/web/.npmrc', '/repo/.npmrc') }));
    expect(plan.merged).toEqual([{ id: 'npmrc', files: ['/home/me/.npmrc', '/repo/.npmrc', '/repo/apps/web/.npmrc'] }]);
    expect(plan.specs).toEqual([]);
    expect(plan.sources).toEqual(['npmrc from /home/me/.npmrc + /repo/.npmrc + /repo/apps/web/.npmrc']);
  });

  it('npmrc: one file is passed as it is; NPM_CONFIG_USERCONFIG names the user config as npm reads it', () => {
    expect(planSecrets(input({ isFile: files('/home/me/.npmrc') })).specs).toEqual(['id=npmrc,src=/home/me/.npmrc']);
    const plan = planSecrets(input({ env: { NPM_CONFIG_USERCONFIG: '/ci/npmrc' }, isFile: files('/ci/npmrc', '/home/me/.npmrc') }));
    expect(plan.specs).toEqual(['id=npmrc,src=/ci/npmrc']);
  });

  it('a named npmrc replaces the user config and still gets the repo settings; other given secrets pass as they are', () => {
    const plan = planSecrets(input({ given: ['id=npmrc,src=/ci/token.npmrc', 'GH_TOKEN'], isFile: files('/home/me/.npmrc', '/repo/.npmrc') }));
    expect(plan.merged).toEqual([{ id: 'npmrc', files: ['/ci/token.npmrc', '/repo/.npmrc'] }]);
    expect(plan.specs).toEqual(['id=GH_TOKEN,env=GH_TOKEN']);
  });

  it('env defaults pass the variable name (docker reads the value), never the value', () => {
    const plan = planSecrets(input({ mounted: ['npm_token', 'pip_index_url', 'netrc'], env: { NPM_TOKEN: 'tok-canary', PIP_INDEX_URL: 'https://u:p@idx/simple' }, isFile: files('/home/me/.netrc') }));
    expect(plan.specs).toEqual(['id=npm_token,env=NPM_TOKEN', 'id=pip_index_url,env=PIP_INDEX_URL', 'id=netrc,src=/home/me/.netrc']);
    expect(JSON.stringify(plan)).not.toMatch(/tok-canary|u:p@/);
  });

  it('only secrets the Dockerfile mounts get defaults; config files with other settings (pip.conf, Maven, cargo) only when named', () => {
    const plan = planSecrets(input({ mounted: ['pip_conf', 'maven_settings', 'cargo_credentials'], isFile: () => true }));
    expect(plan.specs).toEqual([]);
    expect(planSecrets(input({ mounted: [], env: { NPM_TOKEN: 'x' }, isFile: () => true })).specs).toEqual([]);
  });

  it('defaultSecrets false passes exactly what was given', () => {
    const plan = planSecrets(input({ defaults: false, given: ['id=netrc,src=/n'], env: { NPM_TOKEN: 'x' }, isFile: () => true }));
    expect(plan).toEqual({ specs: ['id=netrc,src=/n'], merged: [], sources: [] });
  });

  it('a given id wins over its default', () => {
    expect(planSecrets(input({ mounted: ['npm_token'], given: ['id=npm_token,src=/t'], env: { NPM_TOKEN: 'x' } })).specs).toEqual(['id=npm_token,src=/t']);
    expect(givenSecretId('id=a,src=b')).toBe('a');
    expect(givenSecretId('NPM_TOKEN')).toBe('NPM_TOKEN');
  });
});

describe('literalYarnCredentials', () => {
  it('finds tokens written into .yarnrc.yml, accepts environment references', () => {
    const text = [
      'nodeLinker: node-modules',
      'npmAuthToken: "${NPM_TOKEN}"',
      'npmScopes:',
      '  acme:',
      '    npmAuthToken: npm_literalCanary',
      '    npmAuthIdent: "${NPM_IDENT:-}"',
      "    npmPassword: 'hunter2' # comment",
      '    npmAuthToken: ""',
    ].join('\n');
    expect(literalYarnCredentials(text)).toEqual([5, 7]);
    expect(literalYarnCredentials('npmRegistryServer: "https://r"\n')).toEqual([]);
  });
});
