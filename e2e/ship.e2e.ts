// Shipping images (docs/ship.md): image-aware caching, affected builds, size budgets.
// A fresh Nx 23 workspace with the node app (workspace-root context, depends on a library) and the go app.
// Build twice: the second run finds every tag on an image carrying the same inputs hash and skips the
// engine; remove an image and the next run builds it; change the library and `nx affected` rebuilds the
// node app only; a too-small maxSize fails with both figures. The CLI (what a Turborepo task runs) shares the check.
// Then a release through nx release, base images pinned by digest against the local registry, batch builds (bake)
// and platforms a builder cannot build.
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

describeE2e('shipping: image-aware caching, affected builds, size budgets, release, pinned digests, batch builds, platforms', () => {
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

  /** The workspace's environment with buildx visible to docker (DOCKER_CONFIG holding the plugin link); remove() after. */
  const withBuildx = () => {
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-ms-buildx-'));
    fs.mkdirSync(path.join(config, 'cli-plugins'));
    fs.symlinkSync(BUILDX_PLUGIN, path.join(config, 'cli-plugins/docker-buildx'));
    return { env: { ...ws.env, DOCKER_CONFIG: config }, remove: () => fs.rmSync(config, { recursive: true, force: true }) };
  };
  const cli = (args: string[], opts: { env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {}) =>
    exec('npx', ['docker-ms', ...args], { cwd: ws.root, env: opts.env ?? ws.env, allowFailure: opts.allowFailure, timeout: 10 * 60_000 });

  it("engine buildx (Debian 13's docker-buildx): builds, then up to date; sbom is passed on, and refused elsewhere in one line", async () => {
    const { env, remove } = withBuildx();
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
    remove();
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
  it('pinDigests: FROM lines carry the digests the registry serves, lint passes, the image builds; migrate re-pins a moved tag; no digest is one line and nothing written', async () => {
    const mirror = `${IMAGE_REGISTRY}/docker-ms-ship-mirror`;
    const dockerfile = path.join(ws.root, 'apps/go-api/Dockerfile');
    const original = fs.readFileSync(dockerfile, 'utf8');
    // the go app's base images (stand-ins), pushed to the local registry under the mirror prefix
    const bases = [...original.matchAll(/^FROM (\S+) AS \S+$/gm)].map((m) => m[1]).filter((ref) => ref.includes(':'));
    expect(bases.length).toBe(2);
    for (const base of bases) {
      await exec(DOCKER, ['tag', base, `${mirror}/${base}`]);
      await exec(DOCKER, ['push', '-q', `${mirror}/${base}`], { timeout: 5 * 60_000 });
    }
    const registryDigest = async (ref: string) => {
      const at = ref.lastIndexOf(':');
      const res = await fetch(`http://${IMAGE_REGISTRY}/v2/${ref.slice(IMAGE_REGISTRY.length + 1, at)}/manifests/${ref.slice(at + 1)}`, {
        method: 'HEAD', headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' }, signal: AbortSignal.timeout(5000),
      });
      return res.headers.get('docker-content-digest');
    };

    await ws.nx(['g', 'docker-ms:dockerfile', 'go-api', '--overwrite', `--registryMirror=${mirror}`, '--pinDigests', '--no-interactive']);
    const pinned = fs.readFileSync(dockerfile, 'utf8');
    for (const base of bases) {
      const digest = await registryDigest(`${mirror}/${base}`);
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(pinned).toMatch(new RegExp(`^FROM ${`${mirror}/${base}@${digest}`.replace(/[.]/g, '\\.')} AS \\S+$`, 'm'));
    }
    expect((await cli(['lint', 'apps/go-api/Dockerfile'])).code).toBe(0);
    const built = plain((await ws.nx(['run', 'go-api:docker-build', '--tags=docker-ms-ship/go-api:pinned'])).output);
    expect(built).toMatch(/^built docker-ms-ship\/go-api:pinned /m);

    // the runtime base's tag moves to a new image: migrate resolves the tag again and writes the new digest
    const runtimeBase = `${mirror}/${bases[1]}`;
    const before = await registryDigest(runtimeBase);
    const moved = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-ms-moved-'));
    fs.writeFileSync(path.join(moved, 'Dockerfile'), `FROM ${bases[1]}\nLABEL moved="${Date.now()}"\n`);
    await exec(DOCKER, ['build', '-q', '-t', runtimeBase, moved], { env: { DOCKER_BUILDKIT: '1' } });
    fs.rmSync(moved, { recursive: true, force: true });
    await exec(DOCKER, ['push', '-q', runtimeBase]);
    const after = await registryDigest(runtimeBase);
    expect(after).not.toBe(before);
    const migrated = plain((await cli(['migrate'])).output);
    expect(migrated).toContain(`updated apps/go-api/Dockerfile: digests line ${pinned.split('\n').findIndex((l) => l.includes(runtimeBase)) + 1}: ${runtimeBase} ${before?.slice(0, 19)} → ${after?.slice(0, 19)} (registry)`);
    expect(fs.readFileSync(dockerfile, 'utf8')).toContain(`FROM ${runtimeBase}@${after} AS runtime`);

    // an image the registry does not have and the local store never pulled: one line, exit 1, nothing written
    const current = fs.readFileSync(dockerfile, 'utf8');
    const absent = `${IMAGE_REGISTRY}/docker-ms-ship-absent`;
    const refused = await cli(['dockerfile', 'apps/go-api', '--write', '--overwrite', `--registry-mirror=${absent}`, '--pin-digests'], { allowFailure: true });
    expect(refused.code).toBe(1);
    const lines = plain(refused.output).split('\n').filter((line) => /pinDigests|^wrote/.test(line));
    expect(lines).toEqual(bases.map((base) => `pinDigests: no digest for ${absent}/${base}: the registry did not give one (no such manifest: ${absent}/${base}) and the local store has none (an image built or imported here has no digest until it is pushed or pulled); docker pull ${absent}/${base} (or push it to its registry) and run again, or leave out pinDigests`));
    expect(fs.readFileSync(dockerfile, 'utf8')).toBe(current);
    fs.writeFileSync(dockerfile, original);
  });

  it('docker-ms build --all with buildx bakes every app in one session (per-app tags and cache refs); --affected bakes what a change reaches; without buildx one after another', async () => {
    const { env, remove } = withBuildx();
    await git('add', '-A');
    await git('commit', '-qm', 'before the batch');
    const flags = ['--tag', 'docker-ms-ship/{name}:bake', '--progress', 'plain'];
    const all = plain((await cli(['build', '--all', '--rebuild', ...flags, '--cache-to', 'type=inline'], { env })).output);
    expect(all).toMatch(/^baking go-api, node-api in one BuildKit session with docker buildx \S+: \S*docker buildx bake -f \S+\/dist\/docker-ms\/docker-bake\.hcl --progress=plain$/m);
    for (const app of APPS) expect(all).toMatch(new RegExp(`^built docker-ms-ship/${app}:bake \\(image [0-9a-f]{12}\\)`, 'm'));
    expect(all).toMatch(/^--all: 2 built, 0 up to date, 0 failed of 2 app\(s\)$/m);
    const bake = fs.readFileSync(path.join(ws.root, 'dist/docker-ms/docker-bake.hcl'), 'utf8');
    expect(bake).toContain('targets = ["go-api", "node-api"]');
    for (const app of APPS) expect(bake).toMatch(new RegExp(`target "${app}" \\{[^}]*tags = \\["docker-ms-ship/${app}:bake"\\][^]*?cache-to = \\["type=inline"\\]`));
    const res = await runAndGet('docker-ms-ship/node-api:bake', 3000, 18341);
    expect(res.status).toBe(200);

    fs.writeFileSync(path.join(ws.root, 'libs/shared/greeting.txt'), `hello from the batch ${Date.now()}\n`);
    const affected = plain((await cli(['build', '--affected', '--base', 'HEAD', ...flags], { env })).output);
    expect(affected).toMatch(/^affected since HEAD: apps\/node-api \(\d+ changed file\(s\); 1 app\(s\) not affected\)$/m);
    expect(affected).toMatch(/^baking node-api in one BuildKit session/m);
    expect(affected).toMatch(/^--affected: 1 built, 0 up to date, 0 failed of 1 app\(s\)$/m);
    remove();

    // Debian's docker client without buildx: one after another, the same inputs hash (node-api is up to date)
    const sequential = plain((await cli(['build', '--affected', '--base', 'HEAD', ...flags])).output);
    expect(sequential).toMatch(/^building 1 app\(s\) one after another with \S+docker /m);
    expect(sequential).toMatch(/^up to date: docker-ms-ship\/node-api:bake /m);
    expect(sequential).toMatch(/^--affected: 0 built, 1 up to date, 0 failed of 1 app\(s\)$/m);
  });

  it('platforms: buildx is asked what its builder can build; our CI refuses several platforms (docker driver) and arm64 (no emulator) in one line each', async () => {
    const { env, remove } = withBuildx();
    const several = await cli(['build', 'apps/go-api', '--engine', 'buildx', '--platform', 'linux/amd64', '--platform', 'linux/arm64'], { env, allowFailure: true });
    expect(several.code).toBe(1);
    expect(plain(several.output).split('\n')).toContain('platforms: builder default (docker driver) builds several platforms (linux/amd64, linux/arm64) only when the docker engine uses the containerd image store, which this one does not; create a docker-container builder (docker buildx create --use --driver docker-container, then pass builder) or turn on the containerd image store, or pass one platform');
    expect(plain(several.output)).not.toMatch(/^building /m);
    const arm = await cli(['build', 'apps/go-api', '--engine', 'buildx', '--platform', 'linux/arm64'], { env, allowFailure: true });
    expect(arm.code).toBe(1);
    expect(plain(arm.output)).toMatch(/^platforms: builder default \(docker driver\) cannot build linux\/arm64 \(it builds linux\/amd64[^)]*\); register QEMU emulators .*, or leave linux\/arm64 out$/m);
    remove();
  });
});
