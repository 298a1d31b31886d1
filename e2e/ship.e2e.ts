// Shipping images (docs/ship.md): image-aware caching, affected builds, size budgets.
// A fresh Nx 23 workspace with the node app (workspace-root context, depends on a library) and the go app.
// Build twice: the second run finds every tag on an image carrying the same inputs hash and skips the
// engine; remove an image and the next run builds it; change the library and `nx affected` rebuilds the
// node app only; a too-small maxSize fails with both figures. The CLI (what a Turborepo task runs) shares the check.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOCKER, IMAGE_REGISTRY, describeE2e, log, readState } from './support/env';
import { exec, execSync, GIT_IDENTITY } from './support/exec';
import { imageExists, runAndGet } from './support/docker';
import { createWorkspace, type Workspace } from './support/workspace';

const APPS = ['node-api', 'go-api'];
/** Debian 13's docker-buildx as scripts/services.sh installs it: outside docker's plugin path, seen through DOCKER_CONFIG. */
const BUILDX_PLUGIN = path.join(process.env.DOCKER_MS_BUILDX_CONFIG ?? '/usr/local/lib/docker-ms/buildx', 'cli-plugins/docker-buildx');
/** Nx hides the output of successful tasks when it runs several (CI): show it, unprefixed. */
const SHOW = ['--output-style=stream-without-prefixes'];
const imageId = (ref: string) => execSync(DOCKER, ['image', 'inspect', '-f', '{{.Id}}', ref]).stdout.trim();
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
const upToDate = (app: string) => new RegExp(`^up to date: ${app}:latest \\(image [0-9a-f]{12}, [\\d.]+ [KMG]?B\\) was built from these inputs; the engine did not run`, 'm');
const building = (app: string) => new RegExp(`^building ${app}:latest \\(stage runtime\\)`, 'm');

describeE2e('shipping: image-aware caching, affected builds, size budgets', () => {
  let ws: Workspace;
  const started = Date.now();
  const git = async (...args: string[]) => exec('git', args, { cwd: ws.root, env: { ...ws.env, ...GIT_IDENTITY } });

  beforeAll(async () => {
    ws = await createWorkspace(readState(), { dir: 'ship', apps: APPS });
    // a library the node app depends on (the project graph puts it into the app's build context allowlist)
    fs.mkdirSync(path.join(ws.root, 'libs/shared'), { recursive: true });
    fs.writeFileSync(path.join(ws.root, 'libs/shared/project.json'), JSON.stringify({ name: 'shared', projectType: 'library', sourceRoot: 'libs/shared' }, null, 2));
    fs.writeFileSync(path.join(ws.root, 'libs/shared/greeting.txt'), 'hello\n');
    const projectJson = path.join(ws.root, 'apps/node-api/project.json');
    fs.writeFileSync(projectJson, JSON.stringify({ ...JSON.parse(fs.readFileSync(projectJson, 'utf8')), implicitDependencies: ['shared'] }, null, 2));
    await ws.nx(['g', 'docker-ms:init', '--no-interactive']);
    for (const app of APPS) await ws.nx(['g', 'docker-ms:dockerfile', app, '--no-interactive']);
    for (const app of APPS) execSync(DOCKER, ['rmi', '-f', `${app}:latest`], { allowFailure: true });
    await git('add', '-A');
    await git('commit', '-qm', 'dockerfiles');
  }, 20 * 60_000);

  afterAll(() => log(`ship suite: ${((Date.now() - started) / 1000).toFixed(0)} s`));

  it('builds twice: the second run skips the engine for every app (the tags name images built from the same inputs)', async () => {
    const first = plain((await ws.nx(['run-many', '-t', 'docker-build', ...SHOW])).output);
    for (const app of APPS) expect(first).toMatch(building(app));
    const ids = APPS.map((app) => imageId(`${app}:latest`));
    const second = await ws.nx(['run-many', '-t', 'docker-build', ...SHOW]);
    const out = plain(second.output);
    for (const app of APPS) {
      expect(out).toMatch(upToDate(app));
      expect(out).not.toMatch(building(app));
    }
    expect(APPS.map((app) => imageId(`${app}:latest`))).toEqual(ids);
    const metadata = JSON.parse(fs.readFileSync(path.join(ws.root, 'dist/docker/apps/go-api/metadata.json'), 'utf8'));
    expect(metadata).toMatchObject({ imageId: ids[1], tags: ['go-api:latest'], upToDate: true });
    log(`second run-many (both up to date): ${second.seconds.toFixed(1)} s`);
    // the CLI (what a Turborepo docker-build task runs) computes the same inputs hash
    const cli = await exec('npx', ['docker-ms', 'build', 'apps/go-api'], { cwd: ws.root, env: ws.env });
    expect(plain(cli.output)).toMatch(upToDate('go-api'));
  });

  it('docker rmi → the next run builds the image again', async () => {
    await exec(DOCKER, ['rmi', 'go-api:latest']);
    expect(imageExists('go-api:latest')).toBe(false);
    const r = plain((await ws.nx(['run', 'go-api:docker-build'])).output);
    expect(r).toMatch(building('go-api'));
    expect(imageExists('go-api:latest')).toBe(true);
  });

  it('nx affected -t docker-build after a library change rebuilds exactly the app that uses it', async () => {
    const before = imageId('node-api:latest');
    const goBefore = imageId('go-api:latest');
    fs.writeFileSync(path.join(ws.root, 'libs/shared/greeting.txt'), 'hello again\n');
    const r = plain((await ws.nx(['affected', '-t', 'docker-build', '--base=HEAD', ...SHOW])).output);
    expect(r).toMatch(building('node-api'));
    expect(r).not.toMatch(/go-api/);
    expect(imageId('node-api:latest')).not.toBe(before);
    expect(imageId('go-api:latest')).toBe(goBefore);
    const res = await runAndGet('node-api:latest', 3000, 18321);
    expect(res.status).toBe(200);
  });

  it('a maxSize below the image fails the target with the measured size and the budget', async () => {
    const r = await ws.nx(['run', 'go-api:docker-build', '--maxSize=1KB'], { allowFailure: true });
    expect(r.code).not.toBe(0);
    expect(plain(r.output)).toMatch(/^maxSize: go-api:latest is [\d.]+ MB, over its budget of 1\.0 KB by [\d.]+ MB; make the image smaller .* or raise maxSize$/m);
    const ok = await ws.nx(['run', 'go-api:docker-build', '--maxSize=150MB']);
    expect(plain(ok.output)).toMatch(upToDate('go-api'));
  });

  it("engine buildx (Debian 13's docker-buildx): builds, then up to date; sbom is passed on, and refused elsewhere in one line", async () => {
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-ms-buildx-'));
    fs.mkdirSync(path.join(config, 'cli-plugins'));
    fs.symlinkSync(BUILDX_PLUGIN, path.join(config, 'cli-plugins/docker-buildx'));
    const env = { ...ws.env, DOCKER_CONFIG: config };
    const tag = 'docker-ms-ship/go-api:buildx';
    execSync(DOCKER, ['rmi', '-f', tag], { allowFailure: true }); // an earlier run's image would be up to date
    const first = plain((await ws.nx(['run', 'go-api:docker-build', '--engine=buildx', `--tags=${tag}`], { env })).output);
    expect(first).toMatch(/^building docker-ms-ship\/go-api:buildx \(stage runtime\) with docker buildx \S+/m);
    expect(imageExists(tag)).toBe(true);
    const second = plain((await ws.nx(['run', 'go-api:docker-build', '--engine=buildx', `--tags=${tag}`], { env })).output);
    expect(second).toMatch(/^up to date: docker-ms-ship\/go-api:buildx /m);
    // buildx gets --sbom=true; its docker driver (no containerd image store here) cannot keep attestations and says so
    const sbom = await ws.nx(['run', 'go-api:docker-build', '--engine=buildx', `--tags=${tag}`, '--sbom', '--verbose'], { env, allowFailure: true });
    expect(plain(sbom.output)).toMatch(/^command: .*docker buildx build .*--sbom=true/m);
    const refused = await ws.nx(['run', 'go-api:docker-build', '--engine=docker', '--sbom'], { allowFailure: true });
    expect(refused.code).not.toBe(0);
    expect(plain(refused.output)).toContain('sbom: attestations need engine buildx (engine is docker); install docker-buildx and pass engine buildx, or remove sbom');
    fs.rmSync(config, { recursive: true, force: true });
  });

  it('releases go-api to the registry on 127.0.0.1:5000 through nx release (dry run first) and a date scheme; both versions pull back and run', async () => {
    const repository = `${IMAGE_REGISTRY}/docker-ms-ship/go-api-${Date.now()}`;
    const projectJson = path.join(ws.root, 'apps/go-api/project.json');
    const project = JSON.parse(fs.readFileSync(projectJson, 'utf8'));
    project.targets = { ...project.targets, 'nx-release-publish': { executor: 'docker-ms:release-publish', options: { repository, extraTags: ['latest'] } } };
    fs.writeFileSync(projectJson, JSON.stringify(project, null, 2));
    // the project's release version: what `nx release version` writes into its package.json
    fs.writeFileSync(path.join(ws.root, 'apps/go-api/package.json'), JSON.stringify({ name: 'go-api', version: '1.1.0', private: true }, null, 2));
    const tagsInRegistry = async () => {
      const res = await fetch(`http://${IMAGE_REGISTRY}/v2/${repository.slice(IMAGE_REGISTRY.length + 1)}/tags/list`, { signal: AbortSignal.timeout(5000) });
      return res.ok ? ((await res.json()) as { tags: string[] }).tags.sort() : [];
    };

    // the nx release flow: the project is in a release group, `nx release publish` runs its nx-release-publish target
    const nxJson = path.join(ws.root, 'nx.json');
    fs.writeFileSync(nxJson, JSON.stringify({ ...JSON.parse(fs.readFileSync(nxJson, 'utf8')), release: { projects: ['go-api'] } }, null, 2));
    const dry = plain((await ws.nx(['release', 'publish', '--dry-run'])).output);
    expect(dry).toMatch(/^dry run: release go-api:latest as version 1\.1\.0$/m);
    for (const tag of ['1.1.0', 'latest']) {
      expect(dry).toMatch(new RegExp(`^dry run: \\S*docker tag go-api:latest ${repository}:${tag}$`, 'm'));
      expect(dry).toMatch(new RegExp(`^dry run: \\S*docker push ${repository}:${tag}$`, 'm'));
    }
    expect(await tagsInRegistry()).toEqual([]);

    await ws.nx(['release', 'version', '1.2.0', '--git-commit=false', '--git-tag=false']);
    expect(plain((await ws.nx(['release', 'publish'])).output)).toContain(`released go-api:latest as ${repository}:1.2.0, ${repository}:latest`);
    const scheme = await ws.nx(['run', 'go-api:nx-release-publish', '--versionScheme={currentDate|YYMM.DD}.{shortCommitSha}']);
    const sha = execSync('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: ws.root }).stdout.trim();
    const dated = new RegExp(`released go-api:latest as ${repository}:(\\d{4}\\.\\d{2}\\.${sha}),`).exec(plain(scheme.output))?.[1];
    expect(dated).toBeDefined();
    expect(await tagsInRegistry()).toEqual(['1.2.0', dated, 'latest'].sort());

    for (const [i, version] of ['1.2.0', dated as string].entries()) {
      const ref = `${repository}:${version}`;
      await exec(DOCKER, ['rmi', ref]);
      await exec(DOCKER, ['pull', ref], { timeout: 5 * 60_000 });
      const res = await runAndGet(ref, 8080, 18331 + i);
      expect(res.status).toBe(200);
    }
  });
});
