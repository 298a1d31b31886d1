// The Nx plugin end to end: a fresh Nx 23 workspace, docker-ms from the local registry, five apps;
// per app: generate (detection only), build, run and call it on 127.0.0.1, non-root, build stage.
// Then: image registry round trip, buildah, legacy builder with cacheMounts false, one-stage baselines.
import fs from 'node:fs';
import path from 'node:path';
import { listStages } from '../packages/core/src/dockerfile';
import { DOCKER, E2E_VERSION, IMAGE_REGISTRY, RESULTS_DIR, describeE2e, log, readState } from './support/env';
import { exec, execSync } from './support/exec';
import { imageExists, imageSize, imageUser, isNonRoot, mb, runAndGet } from './support/docker';
import { APPS, createWorkspace, type AppSpec, type Workspace } from './support/workspace';

const BASELINES = path.join(__dirname, 'baselines');
const sizes = new Map<string, { multi?: number; single?: number }>();

describeE2e('docker-ms in a fresh Nx 23 workspace', () => {
  let ws: Workspace;
  const appRoot = (app: AppSpec) => path.join(ws.root, 'apps', app.name);
  const read = (app: AppSpec, file: string) => fs.readFileSync(path.join(appRoot(app), file), 'utf8');
  /** Context the Dockerfile was generated for: node builds from the workspace root (Nx build target), the others from their folder. */
  const contextOf = (app: AppSpec) => (app.language === 'node' ? ws.root : appRoot(app));

  beforeAll(async () => {
    ws = await createWorkspace(readState());
  }, 20 * 60_000);

  afterAll(() => {
    if (sizes.size) writeSizeTable();
  });

  it('installs docker-ms from the registry as a real package (not a link) and registers the plugin', async () => {
    const installed = path.join(ws.root, 'node_modules/docker-ms');
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).version).toBe(E2E_VERSION);
    expect(JSON.parse(fs.readFileSync(path.join(ws.root, 'node_modules/@docker-ms/core/package.json'), 'utf8')).version).toBe(E2E_VERSION);

    await ws.nx(['g', 'docker-ms:init', '--no-interactive']);
    const nxJson = JSON.parse(fs.readFileSync(path.join(ws.root, 'nx.json'), 'utf8'));
    expect(nxJson.plugins).toContainEqual(expect.objectContaining({ plugin: 'docker-ms' }));
    await ws.nx(['g', 'docker-ms:init', '--no-interactive']);
    const again = JSON.parse(fs.readFileSync(path.join(ws.root, 'nx.json'), 'utf8'));
    expect(again.plugins.filter((p: { plugin?: string } | string) => (typeof p === 'string' ? p : p.plugin) === 'docker-ms')).toHaveLength(1);
  });

  describe.each(APPS)('$name ($language)', (app) => {
    it('nx g docker-ms:dockerfile detects the language (no --language) and writes Dockerfile + .dockerignore', async () => {
      const r = await ws.nx(['g', 'docker-ms:dockerfile', app.name, '--no-interactive']);
      const dockerfile = read(app, 'Dockerfile');
      const stages = listStages(dockerfile);
      expect(stages.at(-1)?.name).toBe('runtime');
      expect(fs.existsSync(path.join(appRoot(app), '.dockerignore')) || fs.existsSync(path.join(appRoot(app), 'Dockerfile.dockerignore'))).toBe(true);
      log(`${app.name}: stages ${stages.map((s) => `${s.name}=${s.image}`).join(', ')}`);
      expect(r.output).not.toMatch(/error/i);
    });

    it('nx show project lists docker-build with one configuration per stage', async () => {
      const { stdout } = await ws.nx(['show', 'project', app.name, '--json'], { echo: false });
      const project = JSON.parse(stdout);
      const target = project.targets['docker-build'];
      expect(target).toBeDefined();
      const stages = listStages(read(app, 'Dockerfile')).map((s) => s.name);
      for (const stage of stages) if (stage) expect(Object.keys(target.configurations ?? {})).toContain(stage);
    });

    it('nx run <app>:docker-build builds the runtime image', async () => {
      await ws.nx(['run', `${app.name}:docker-build`]);
      expect(imageExists(`${app.name}:latest`)).toBe(true);
      const size = imageSize(`${app.name}:latest`);
      sizes.set(app.language, { ...sizes.get(app.language), multi: size });
      log(`${app.name}:latest ${mb(size)}`);
    });

    it('the image answers GET / on 127.0.0.1 and runs as a non-root user', async () => {
      const user = imageUser(`${app.name}:latest`);
      expect(isNonRoot(user)).toBe(true);
      const res = await runAndGet(`${app.name}:latest`, app.port, app.hostPort);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ language: app.language });
    });

    it('nx run <app>:docker-build:build builds the build stage', async () => {
      expect(listStages(read(app, 'Dockerfile')).map((s) => s.name)).toContain('build');
      await ws.nx(['run', `${app.name}:docker-build:build`]);
      expect(imageExists(`${app.name}:build`)).toBe(true);
    });

    it('one-stage baseline (builder image, everything in one stage) answers too', async () => {
      const tag = `docker-ms-e2e-baseline/${app.name}:latest`;
      // the workspace's .npmrc (the registry) is kept out of every context, as any credential file: a secret here too
      const secret = app.language === 'node' ? ['--secret', `id=npmrc,src=${path.join(ws.root, '.npmrc')}`] : [];
      await exec(DOCKER, ['build', '-q', ...secret, '-t', tag, '-f', path.join(BASELINES, app.language, 'Dockerfile'), contextOf(app)], {
        env: { DOCKER_BUILDKIT: '1' },
        timeout: 20 * 60_000,
      });
      sizes.set(app.language, { ...sizes.get(app.language), single: imageSize(tag) });
      const res = await runAndGet(tag, app.port, app.hostPort + 100);
      expect(res.status).toBe(200);
    });
  });

  it('pushes an image to 127.0.0.1:5000, removes it locally, pulls it back and runs it', async () => {
    const app = APPS.find((a) => a.language === 'go') as AppSpec;
    const remote = `${IMAGE_REGISTRY}/docker-ms-e2e/${app.name}:${Date.now()}`;
    await exec(DOCKER, ['tag', `${app.name}:latest`, remote]);
    await exec(DOCKER, ['push', remote], { timeout: 5 * 60_000 });
    await exec(DOCKER, ['rmi', remote, `${app.name}:latest`]);
    expect(imageExists(remote)).toBe(false);
    await exec(DOCKER, ['pull', remote], { timeout: 5 * 60_000 });
    const res = await runAndGet(remote, app.port, app.hostPort + 200);
    expect(res.status).toBe(200);
  });

  it('builds with the buildah engine', async () => {
    const app = APPS.find((a) => a.language === 'python') as AppSpec;
    // buildah has its own image store: hand it the base images from the docker engine.
    for (const stage of listStages(read(app, 'Dockerfile'))) {
      if (stage.image !== 'scratch' && !listStages(read(app, 'Dockerfile')).some((s) => s.name === stage.image)) {
        await exec('buildah', ['pull', '--quiet', `docker-daemon:${stage.image}`], { timeout: 5 * 60_000 });
      }
    }
    const tag = `localhost/docker-ms-e2e/${app.name}:buildah`;
    await ws.nx(['run', `${app.name}:docker-build`, '--engine=buildah', `--tags=${tag}`, '--skip-nx-cache']);
    const images = execSync('buildah', ['images', '--format', '{{.Name}}:{{.Tag}}']).stdout;
    expect(images).toContain(tag);
    // Into the docker engine, to run it the same way as the others.
    await exec('buildah', ['push', tag, `docker-daemon:docker-ms-e2e/${app.name}:buildah`], { timeout: 5 * 60_000 });
    expect(isNonRoot(imageUser(`docker-ms-e2e/${app.name}:buildah`))).toBe(true);
    const res = await runAndGet(`docker-ms-e2e/${app.name}:buildah`, app.port, app.hostPort + 300);
    expect(res.status).toBe(200);
  });

  it('with cacheMounts false the Dockerfile builds on the legacy builder (no BuildKit)', async () => {
    const app = APPS.find((a) => a.language === 'rust') as AppSpec;
    await ws.nx(['g', 'docker-ms:dockerfile', app.name, '--cacheMounts=false', '--overwrite', '--no-interactive']);
    const dockerfile = read(app, 'Dockerfile');
    expect(dockerfile).not.toMatch(/--mount|--chmod/);
    const tag = `docker-ms-e2e/${app.name}:legacy`;
    // DOCKER_BUILDKIT=0 asks the executor for the legacy builder, as it does for docker build.
    const r = await ws.nx(['run', `${app.name}:docker-build`, '--skip-nx-cache', `--tags=${tag}`, '--verbose', '--rebuild'], { env: { ...ws.env, DOCKER_BUILDKIT: '0' } });
    expect(r.output).toMatch(/with docker \S+ \(legacy builder\)/);
    expect(r.output).toContain('legacy builder: DOCKER_BUILDKIT=0'); // the engine choice, shown with --verbose
    expect(r.output).not.toMatch(/^#\d+ \[/m); // BuildKit's progress lines
    expect(isNonRoot(imageUser(tag))).toBe(true);
    const res = await runAndGet(tag, app.port, app.hostPort + 400);
    expect(res.status).toBe(200);
    // and the same file through the executor on BuildKit
    await ws.nx(['run', `${app.name}:docker-build`, '--skip-nx-cache']);
  });

  it('nx g docker-ms:dockerfile --all keeps every existing Dockerfile (no --overwrite) and changes nothing', async () => {
    const before = APPS.map((app) => read(app, 'Dockerfile'));
    const r = await ws.nx(['g', 'docker-ms:dockerfile', '--all', '--no-interactive']);
    log(`nx g docker-ms:dockerfile --all: ${r.seconds.toFixed(1)}s`);
    expect(APPS.map((app) => read(app, 'Dockerfile'))).toEqual(before);
  });

  // The seed's patterns through `variant` (rust musl is left out: Debian ships no musl Rust target, see e2e/README.md).
  describe.each([
    { language: 'go', variant: 'scratch', runtime: 'scratch' },
    { language: 'python', variant: 'slim', runtime: 'python:3.14-slim' },
    { language: 'java', variant: 'alpine', runtime: 'eclipse-temurin:25-jre-alpine' },
    { language: 'node', variant: 'alpine', runtime: 'node:26-alpine' },
  ])('seed variant $language $variant', ({ language, variant, runtime }) => {
    it(`generates, builds on ${runtime} and answers as non-root`, async () => {
      const app = APPS.find((a) => a.language === language) as AppSpec;
      await ws.nx(['g', 'docker-ms:dockerfile', app.name, `--variant=${variant}`, '--overwrite', '--no-interactive']);
      expect(listStages(read(app, 'Dockerfile')).at(-1)?.image).toBe(runtime);
      const tag = `docker-ms-e2e/${app.name}:${variant}`;
      await ws.nx(['run', `${app.name}:docker-build`, `--tags=${tag}`, '--skip-nx-cache']);
      expect(isNonRoot(imageUser(tag))).toBe(true);
      const res = await runAndGet(tag, app.port, app.hostPort + 500);
      expect(JSON.parse(res.body)).toMatchObject({ language });
    });
  });
});

function writeSizeTable(): void {
  const lines = ['| language | multi-stage size | one-stage size | reduction |', '|---|---:|---:|---:|'];
  for (const app of APPS) {
    const s = sizes.get(app.language);
    if (!s?.multi || !s.single) continue;
    const reduction = (100 * (1 - s.multi / s.single)).toFixed(1);
    lines.push(`| ${app.language} | ${mb(s.multi)} | ${mb(s.single)} | ${reduction}% |`);
  }
  const table = lines.join('\n');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'sizes.md'), `${table}\n`);
  log(`image sizes (also in e2e/.results/sizes.md):\n${table}`);
}
