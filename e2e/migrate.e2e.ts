// `nx migrate` end to end: docker-ms published twice to the local registry (0.1.0 and 0.3.0), a
// workspace set up with 0.1.0 the way 0.1.0 users have one (explicit docker-ms:build target,
// nx-container option names, the Debian 12 base images 0.1.0's catalog wrote), then
// `nx migrate docker-ms@0.3.0` + `nx migrate --run-migrations` (the 0.2.0 and 0.3.0 migrations).
// Both releases are packed from this checkout, so the setup puts 0.1.0's FROM lines back and
// re-stamps the header: the file is byte for byte what 0.1.0 wrote for this app.
import fs from 'node:fs';
import path from 'node:path';
import { addManagedHeader, isUntouched, readManagedHeader, stripManagedHeader } from '../packages/core/src/managed';
import { DOCKER_MS_MIGRATION_VERSIONS, publishMigrationVersions } from './support/migrate-versions';
import { REPO_ROOT, describeE2e, log, readState, type E2eState } from './support/env';
import { GIT_IDENTITY, exec } from './support/exec';
import { imageExists } from './support/docker';
import { NX_VERSION, nxEnv } from './support/workspace';

const { old: OLD, current: NEW } = DOCKER_MS_MIGRATION_VERSIONS;
const APP = 'go-api';
// The base images 0.1.0's catalog wrote for a Go app, and what the 0.3.0 migration moves them to.
const OLD_FROM = { build: 'golang:1.22-bookworm', runtime: 'gcr.io/distroless/static-debian12:nonroot' };
const NEW_FROM = { build: 'golang:1.26-trixie', runtime: 'gcr.io/distroless/static-debian13:nonroot' };

describeE2e(`nx migrate docker-ms ${OLD} → ${NEW}`, () => {
  let state: E2eState;
  let root: string;
  let env: NodeJS.ProcessEnv;
  const file = (p: string) => path.join(root, p);
  const readJson = (p: string) => JSON.parse(fs.readFileSync(file(p), 'utf8'));
  const writeJson = (p: string, value: unknown) => fs.writeFileSync(file(p), JSON.stringify(value, null, 2) + '\n');
  const run = (cmd: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    exec(cmd, args, { cwd: root, env: { ...env, ...extra }, timeout: 20 * 60_000, echo: true });
  const nx = (args: string[], extra: NodeJS.ProcessEnv = {}) => run('npx', ['nx', ...args], extra);
  const git = (args: string[]) => run('git', args);

  beforeAll(async () => {
    state = readState();
    await publishMigrationVersions(state);

    root = path.join(state.tmpDir as string, 'migrate-workspace');
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(path.join(root, 'apps'), { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'examples', APP), path.join(root, 'apps', APP), {
      recursive: true,
      filter: (src) => !['Dockerfile', '.dockerignore'].includes(path.basename(src)),
    });
    writeJson(`apps/${APP}/project.json`, { name: APP, projectType: 'application', sourceRoot: `apps/${APP}` });
    writeJson('package.json', { name: 'migrate-e2e', version: '0.0.0', private: true, devDependencies: { nx: NX_VERSION, 'docker-ms': OLD } });
    writeJson('nx.json', { $schema: './node_modules/nx/schemas/nx-schema.json' });
    fs.writeFileSync(file('.gitignore'), 'node_modules/\ndist/\n.nx/\n');
    env = { ...nxEnv(state.npmrc), ...GIT_IDENTITY };
    await run('npm', ['install', '--no-audit', '--no-fund']);
    await git(['init', '-q', '-b', 'main']);
  }, 20 * 60_000);

  it(`sets the workspace up with ${OLD}: managed Dockerfile, explicit target, nx-container option names`, async () => {
    expect(readJson('node_modules/docker-ms/package.json').version).toBe(OLD);
    // 0.1.0's generator wrote an explicit docker-ms:build target; today's registers the plugin unless told not to.
    await nx(['g', 'docker-ms:dockerfile', APP, '--addPlugin=false', '--no-interactive']);
    const written = fs.readFileSync(file(`apps/${APP}/Dockerfile`), 'utf8');
    expect(written).toContain(`FROM ${NEW_FROM.build} AS deps`);
    const asOld = stripManagedHeader(written).replace(`FROM ${NEW_FROM.build} `, `FROM ${OLD_FROM.build} `).replace(`FROM ${NEW_FROM.runtime} `, `FROM ${OLD_FROM.runtime} `);
    fs.writeFileSync(file(`apps/${APP}/Dockerfile`), addManagedHeader(asOld, OLD));
    const dockerfile = fs.readFileSync(file(`apps/${APP}/Dockerfile`), 'utf8');
    expect(dockerfile).toContain(`FROM ${OLD_FROM.runtime} AS runtime`);
    expect(readManagedHeader(dockerfile)?.version).toBe(OLD);
    expect(isUntouched(dockerfile)).toBe(true);

    const project = readJson(`apps/${APP}/project.json`);
    const target = project.targets['docker-build'];
    expect(target.executor).toBe('docker-ms:build');
    // What users carried over from @nx-tools/nx-container, which 0.1.0 accepts as aliases.
    target.options['build-args'] = ['APP_FLAVOR=migrated'];
    writeJson(`apps/${APP}/project.json`, project);
    writeJson('nx.json', { ...readJson('nx.json'), targetDefaults: { 'docker-ms:build': { options: { 'no-cache': true } } } });
    await git(['add', '-A']);
    await git(['commit', '-qm', `docker-ms ${OLD}`]);
  });

  it(`nx migrate docker-ms@${NEW} bumps the package and lists the ${NEW} migrations`, async () => {
    // The workspace's own nx runs the migration (the default fetches nx@latest, whose provenance cannot be checked offline).
    await nx(['migrate', `docker-ms@${NEW}`], { NX_MIGRATE_USE_LOCAL: 'true' });
    expect(readJson('package.json').devDependencies['docker-ms']).toBe(NEW);
    const names = readJson('migrations.json').migrations.map((m: { package: string; name: string }) => `${m.package}:${m.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'docker-ms:update-0-2-0-rename-build-options',
        'docker-ms:update-0-2-0-use-inferred-docker-build',
        'docker-ms:update-0-2-0-update-base-images',
        'docker-ms:update-0-3-0-update-base-images',
      ]),
    );
  });

  it('nx migrate --run-migrations moves the workspace to the inferred plugin and the new option names', async () => {
    await run('npm', ['install', '--no-audit', '--no-fund']);
    expect(readJson('node_modules/docker-ms/package.json').version).toBe(NEW);
    expect(readJson('node_modules/@docker-ms/core/package.json').version).toBe(NEW);
    const r = await nx(['migrate', '--run-migrations'], { NX_MIGRATE_USE_LOCAL: 'true' });
    log(r.output.split('\n').filter((l) => l.includes('docker-ms')).join('\n'));

    const nxJson = readJson('nx.json');
    expect(nxJson.plugins).toContainEqual({ plugin: 'docker-ms', options: { buildTargetName: 'docker-build' } });
    expect(nxJson.targetDefaults['docker-ms:build']).toEqual({ options: { noCache: true } });
    // Only what differs from the inferred target is left, under the new name.
    expect(readJson(`apps/${APP}/project.json`).targets).toEqual({ 'docker-build': { options: { buildArgs: { APP_FLAVOR: 'migrated' } } } });
    // 0.3.0 moved the base images to Debian 13 (go 1.22 is past end of life): re-stamped, still managed.
    const dockerfile = fs.readFileSync(file(`apps/${APP}/Dockerfile`), 'utf8');
    expect(dockerfile).toContain(`FROM ${NEW_FROM.build} AS deps`);
    expect(dockerfile).toContain(`FROM ${NEW_FROM.runtime} AS runtime`);
    expect(readManagedHeader(dockerfile)?.version).toBe(NEW);
    expect(isUntouched(dockerfile)).toBe(true);
  });

  it('nx show project merges the overrides onto the inferred docker-build and adds docker-lint', async () => {
    const { stdout } = await exec('npx', ['nx', 'show', 'project', APP, '--json'], { cwd: root, env: { ...process.env, ...env } });
    const targets = JSON.parse(stdout).targets;
    expect(targets['docker-build'].executor).toBe('docker-ms:build');
    expect(targets['docker-build'].options).toMatchObject({ file: `apps/${APP}/Dockerfile`, buildArgs: { APP_FLAVOR: 'migrated' }, noCache: true });
    expect(Object.keys(targets['docker-build'].configurations)).toContain('runtime');
    expect(targets['docker-lint'].executor).toBe('docker-ms:lint');
  });

  it('the migrated workspace lints and builds', async () => {
    await nx(['run', `${APP}:docker-lint`]);
    await nx(['run', `${APP}:docker-build`, '--skip-nx-cache']);
    expect(imageExists(`${APP}:latest`)).toBe(true);
  });

  it('the docker-ms CLI of the installed package lints (JSON) and migrates the same files', async () => {
    const lint = await run('npx', ['docker-ms', 'lint', `apps/${APP}/Dockerfile`, '--format', 'json']);
    expect(JSON.parse(lint.stdout)).toMatchObject({ errors: 0, files: [{ path: `apps/${APP}/Dockerfile` }] });
    const migrate = await run('npx', ['docker-ms', 'migrate', '--dry-run']);
    expect(migrate.stdout).toContain(`docker-ms ${NEW}: would update 0, skipped 0, already current 1 of 1 Dockerfile(s)`);
  });

  it('running the migrations again changes nothing', async () => {
    await git(['add', '-A']);
    await git(['commit', '-qm', `docker-ms ${NEW}`]);
    await nx(['migrate', '--run-migrations'], { NX_MIGRATE_USE_LOCAL: 'true', NX_MIGRATE_SKIP_INSTALL: 'true' });
    const status = (await git(['status', '--porcelain'])).stdout;
    expect(status.split('\n').filter((l) => l && !l.endsWith('migrations.json'))).toEqual([]);
  });
});
