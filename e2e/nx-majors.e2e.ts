// docker-ms on every supported Nx major (22, 23, 24): per major a fresh workspace with the newest nx of that
// major the registry serves, the matching @nx/devkit and the newest @nx/js not newer than nx, installed without
// --legacy-peer-deps/--force; then `nx add docker-ms`, the generator for a node and a go app, the inferred
// targets, lint, real builds that run and answer, and one `nx migrate` run. What passed is written to
// e2e/.results/nx-majors.json and must equal docs/nx-compatibility.json, from which docs/nx-compatibility.md
// is rendered (scripts/docs/nx-compatibility.js). The full language suite runs on Nx 23 only (nx.e2e.ts).
import fs from 'node:fs';
import path from 'node:path';
import { listStages } from '../packages/core/src/dockerfile';
import { SUPPORTED_NX_MAJORS } from '../packages/nx/src/utils/nx-compat';
import { REPO_ROOT, RESULTS_DIR, describeE2e, log, readState, type E2eState } from './support/env';
import { GIT_IDENTITY, exec } from './support/exec';
import { imageExists, imageUser, isNonRoot, runAndGet } from './support/docker';
import { DOCKER_MS_MIGRATION_VERSIONS, publishMigrationVersions } from './support/migrate-versions';
import { freePort } from './support/verdaccio';
import { APPS, createWorkspace, type AppSpec, type Workspace } from './support/workspace';

const { old: OLD, current: NEW } = DOCKER_MS_MIGRATION_VERSIONS;
const MATRIX_APPS = APPS.filter((a) => a.name === 'node-api' || a.name === 'go-api');

/** The rows of the compatibility table: each is recorded for a major when its test passes there. */
const FEATURES = [
  { id: 'install', label: 'npm install (nx, @nx/devkit, @nx/js) without --legacy-peer-deps / --force' },
  { id: 'add', label: `\`nx add docker-ms\`: installs (\`npm ls --all\` clean) and runs docker-ms:init` },
  { id: 'generate-node', label: '`nx g docker-ms:dockerfile` node app (Nx `@nx/js:tsc` build target)' },
  { id: 'generate-go', label: '`nx g docker-ms:dockerfile` go app' },
  { id: 'inferred', label: 'inferred `docker-build` (a configuration per stage) and `docker-lint` in `nx show project`' },
  { id: 'lint', label: '`docker-lint` executor' },
  { id: 'build-node', label: '`docker-build` node image with pruned manifests from @nx/js, runs and answers' },
  { id: 'build-go', label: '`docker-build` go image, runs and answers' },
  { id: 'migrate', label: `\`nx migrate docker-ms@${NEW}\` + \`--run-migrations\` (options renamed, tree walk, build after)` },
] as const;
type FeatureId = (typeof FEATURES)[number]['id'];

interface MajorResult {
  major: number;
  versions: Record<string, string>;
  passed: FeatureId[];
}

const RESULTS_FILE = path.join(RESULTS_DIR, 'nx-majors.json');
const DOC_RESULTS = path.join(REPO_ROOT, 'docs/nx-compatibility.json');
const results = new Map<number, MajorResult>();

function observed() {
  const order = FEATURES.map((f) => f.id);
  return {
    suite: 'e2e/nx-majors.e2e.ts',
    features: FEATURES.map((f) => ({ ...f })),
    majors: [...results.values()]
      .sort((a, b) => a.major - b.major)
      .map((r) => ({ ...r, passed: [...r.passed].sort((a, b) => order.indexOf(a) - order.indexOf(b)) })),
  };
}

function writeResults(): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(observed(), null, 2) + '\n');
}

/** Newest version of `pkg` in `range` that the local registry (and through it the real one) serves. */
async function newest(state: E2eState, pkg: string, range: string): Promise<string> {
  const r = await exec('npm', ['view', `${pkg}@${range}`, 'version', '--json'], { env: { NPM_CONFIG_USERCONFIG: state.npmrc }, timeout: 120_000 });
  const parts = (v: string) => v.split('.').map(Number);
  const byVersion = (a: string, b: string) => parts(a).reduce((d, n, i) => d || n - parts(b)[i], 0);
  const versions = ([] as string[]).concat(JSON.parse(r.stdout || '[]')).sort(byVersion);
  if (versions.length === 0) throw new Error(`the registry serves no ${pkg}@${range}`);
  return versions[versions.length - 1];
}

describeE2e('docker-ms on Nx 22, 23 and 24', () => {
  let state: E2eState;

  beforeAll(async () => {
    state = readState();
    await publishMigrationVersions(state);
  }, 10 * 60_000);

  afterAll(() => writeResults());

  describe.each(SUPPORTED_NX_MAJORS.map((major) => ({ major })))('Nx $major', ({ major }) => {
    let ws: Workspace;
    const result: MajorResult = { major, versions: {}, passed: [] };
    const pass = (id: FeatureId) => result.passed.push(id);
    const file = (p: string) => path.join(ws.root, p);
    const readJson = (p: string) => JSON.parse(fs.readFileSync(file(p), 'utf8'));
    const run = (cmd: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
      exec(cmd, args, { cwd: ws.root, env: { ...ws.env, ...GIT_IDENTITY, ...extra }, timeout: 20 * 60_000, echo: true });
    const showProject = async (app: string) => JSON.parse((await ws.nx(['show', 'project', app, '--json'], { echo: false })).stdout);
    const stagesOf = (app: AppSpec) => listStages(fs.readFileSync(file(`apps/${app.name}/Dockerfile`), 'utf8')).map((s) => s.name);
    let t0 = 0;

    beforeAll(() => {
      t0 = Date.now();
      results.set(major, result);
    });
    afterAll(() => log(`Nx ${major}: ${result.passed.length}/${FEATURES.length} in ${((Date.now() - t0) / 1000).toFixed(0)}s`));

    it('installs the newest nx of the major with its @nx/devkit and the newest @nx/js not newer than nx', async () => {
      const nx = await newest(state, 'nx', `^${major}.0.0`);
      const devkit = await newest(state, '@nx/devkit', `>=${major}.0.0 <=${nx}`);
      const nxJs = await newest(state, '@nx/js', `>=${major - 1}.0.0 <=${nx}`);
      result.versions = { nx, '@nx/devkit': devkit, '@nx/js': nxJs };
      log(`Nx ${major}: ${JSON.stringify(result.versions)}`);
      ws = await createWorkspace(state, {
        dir: `nx-${major}`,
        nxPackages: { nx, '@nx/devkit': devkit, '@nx/js': nxJs },
        dockerMs: null,
        apps: MATRIX_APPS.map((a) => a.name),
      });
      expect(readJson('node_modules/nx/package.json').version).toBe(nx);
      expect(fs.readFileSync(file('.npmrc'), 'utf8')).not.toMatch(/legacy-peer-deps|force/);
      pass('install');
    });

    it(`nx add docker-ms@${OLD} installs it without peer conflicts and registers the plugin`, async () => {
      await ws.nx(['add', `docker-ms@${OLD}`]);
      expect(readJson('node_modules/docker-ms/package.json').version).toBe(OLD);
      expect(readJson('package.json').devDependencies['docker-ms']).toBe(`^${OLD}`); // npm's save prefix
      // Exit 0 only when no peer dependency anywhere is missing or invalid.
      await exec('npm', ['ls', '--all'], { cwd: ws.root, env: ws.env });
      expect(readJson('nx.json').plugins).toContainEqual({ plugin: 'docker-ms', options: { buildTargetName: 'docker-build' } });
      pass('add');
    });

    it.each(MATRIX_APPS)('nx g docker-ms:dockerfile $name writes a multi-stage Dockerfile', async (app) => {
      await ws.nx(['g', 'docker-ms:dockerfile', app.name, '--no-interactive']);
      const stages = stagesOf(app);
      expect(stages.at(-1)).toBe('runtime');
      expect(stages.length).toBeGreaterThan(1);
      if (app.language === 'node') expect(fs.readFileSync(file('apps/node-api/Dockerfile'), 'utf8')).toContain('dist/docker/apps/node-api/package.json');
      pass(app.language === 'node' ? 'generate-node' : 'generate-go');
    });

    it('nx show project: inferred docker-build with a configuration per stage, and docker-lint', async () => {
      for (const app of MATRIX_APPS) {
        const { targets } = await showProject(app.name);
        expect(targets['docker-build'].executor).toBe('docker-ms:build');
        expect(Object.keys(targets['docker-build'].configurations).sort()).toEqual(expect.arrayContaining(stagesOf(app).filter(Boolean) as string[]));
        expect(targets['docker-lint'].executor).toBe('docker-ms:lint');
      }
      pass('inferred');
    });

    it('nx run <app>:docker-lint passes', async () => {
      for (const app of MATRIX_APPS) await ws.nx(['run', `${app.name}:docker-lint`]);
      pass('lint');
    });

    it.each(MATRIX_APPS)('nx run $name:docker-build builds an image that answers on 127.0.0.1 as non-root', async (app) => {
      await ws.nx(['run', `${app.name}:docker-build`]);
      if (app.language === 'node') expect(fs.existsSync(file('dist/docker/apps/node-api/package.json'))).toBe(true);
      expect(imageExists(`${app.name}:latest`)).toBe(true);
      expect(isNonRoot(imageUser(`${app.name}:latest`))).toBe(true);
      const res = await runAndGet(`${app.name}:latest`, app.port, await freePort());
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ language: app.language });
      pass(app.language === 'node' ? 'build-node' : 'build-go');
    });

    it(`nx migrate docker-ms@${NEW} renames nx-container options, and the app still builds`, async () => {
      const go = 'apps/go-api/project.json';
      const project = readJson(go);
      fs.writeFileSync(file(go), JSON.stringify({ ...project, targets: { 'docker-build': { options: { 'build-args': ['APP_FLAVOR=migrated'] } } } }, null, 2) + '\n');
      await run('git', ['add', '-A']);
      await run('git', ['commit', '-qm', `docker-ms ${OLD}`]);

      await ws.nx(['migrate', `docker-ms@${NEW}`], { env: { ...ws.env, NX_MIGRATE_USE_LOCAL: 'true' } });
      const names = readJson('migrations.json').migrations.map((m: { name: string }) => m.name);
      expect(names).toEqual(expect.arrayContaining(['update-0-2-0-rename-build-options', 'update-0-2-0-update-base-images']));
      await run('npm', ['install', '--no-audit', '--no-fund']);
      expect(readJson('node_modules/docker-ms/package.json').version).toBe(NEW);
      await ws.nx(['migrate', '--run-migrations'], { env: { ...ws.env, NX_MIGRATE_USE_LOCAL: 'true' } });

      expect(readJson(go).targets).toEqual({ 'docker-build': { options: { buildArgs: { APP_FLAVOR: 'migrated' } } } });
      const { targets } = await showProject('go-api');
      expect(targets['docker-build'].options).toMatchObject({ buildArgs: { APP_FLAVOR: 'migrated' } });
      await ws.nx(['run', 'go-api:docker-build', '--skip-nx-cache']);
      pass('migrate');
    });
  });

  // Its own describe, so it runs after every major's tests.
  describe('the compatibility table', () => {
    it('what passed on each major is what docs/nx-compatibility.json records (the table in docs/nx-compatibility.md)', () => {
      writeResults();
      const committed = JSON.parse(fs.readFileSync(DOC_RESULTS, 'utf8'));
      if (JSON.stringify(committed) !== JSON.stringify(observed())) {
        log(`${RESULTS_FILE} differs from docs/nx-compatibility.json: after a green run, \`npm run docs:nx-compat\` copies it and renders the table`);
      }
      expect(observed()).toEqual(committed);
    });
  });
});
