// Detection breadth (issue 13): one small app per newer layout, through the CLI alone (no Nx, no npm install):
// a Go workspace (go.work, modules in sub-folders, no root go.mod), a PDM app (pdm.lock) and a Pipenv app
// (Pipfile + Pipfile.lock). Each: `docker-ms dockerfile --write`, `docker-ms lint`, `docker-ms build`, then
// `docker run -p 127.0.0.1:<free>:<EXPOSEd port>` with no env, GET / answered by a non-root process. The
// lockfiles in e2e/fixtures/breadth were made by pdm 2.29.4 and pipenv 2026.10.3 against PyPI; the Python
// images install from PyPI, the dev group (iniconfig) must stay out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOCKER, REPO_ROOT, describeE2e, log } from './support/env';
import { exec } from './support/exec';
import { exposedPort, freePort, imageUser, isNonRoot, runAndGet } from './support/docker';

const CLI = path.join(REPO_ROOT, 'packages/core/bin/docker-ms.js');
const FIXTURES = path.join(REPO_ROOT, 'e2e/fixtures/breadth');
const BUILD_ENV = { PATH: `/usr/bin:${process.env.PATH}` };

describeE2e('detection breadth: Go workspace, PDM, Pipenv (CLI, stand-in images)', () => {
  let root: string;
  const started = Date.now();

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-ms-breadth-'));
    fs.cpSync(FIXTURES, root, { recursive: true });
  });
  afterAll(() => {
    log(`breadth suite: ${Math.round((Date.now() - started) / 1000)} s`);
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** dockerfile --write, lint, build; returns the Dockerfile text and the image. */
  async function generateAndBuild(name: string, workspace: string, app: string, context: string): Promise<{ dockerfile: string; image: string }> {
    const written = await exec('node', [CLI, 'dockerfile', app, '--write', '--workspace-root', workspace], { cwd: workspace });
    log(`${name}: ${written.stdout.trim()}`);
    const dockerfile = fs.readFileSync(path.join(app, 'Dockerfile'), 'utf8');
    await exec('node', [CLI, 'lint', path.join(app, 'Dockerfile')], { cwd: workspace });
    const image = `docker-ms-e2e-breadth/${name}:latest`;
    await exec('node', [CLI, 'build', app, '--context', context, '--tag', image, '--no-git-labels'], { cwd: workspace, env: BUILD_ENV, timeout: 10 * 60_000, echo: true });
    expect(isNonRoot(imageUser(image))).toBe(true);
    return { dockerfile, image };
  }

  it('Go workspace: the module builds in workspace mode from the go.work folder, with the member it imports', async () => {
    const ws = path.join(root, 'go-workspace');
    const app = path.join(ws, 'services/api');
    const { dockerfile, image } = await generateAndBuild('go-workspace', ws, app, ws);
    expect(dockerfile).toContain('ENV GOWORK=/src/go.work\nCOPY go.work go.work.sum* ./\n');
    for (const m of ['pkg/greet', 'pkg/unused', 'services/api']) expect(dockerfile).toContain(`COPY ${m}/go.mod ${m}/go.sum* ${m}/\n`);
    expect(dockerfile).toMatch(/go build .* \.\/services\/api\/cmd\/api\n/);
    const port = exposedPort(image);
    expect(port).toBe(8080);
    const res = await runAndGet(image, port, await freePort(), null);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { greeting: string; uid: number };
    expect(body.greeting).toBe('hello workspace');
    expect(body.uid).not.toBe(0);

    // the allowlist the CLI wrote beside the Dockerfile: the build saw the member it imports, of the other only go.mod
    const stage = 'docker-ms-e2e-breadth/go-workspace:build-stage';
    await exec('node', [CLI, 'build', app, '--context', ws, '--target', 'build', '--tag', stage, '--no-git-labels'], { cwd: ws, env: BUILD_ENV, timeout: 10 * 60_000 });
    const seen = await exec(DOCKER, ['run', '--rm', '--entrypoint', 'find', stage, '/src', '-type', 'f']);
    expect(seen.stdout.trim().split('\n').sort()).toEqual([
      '/src/go.work', '/src/pkg/greet/go.mod', '/src/pkg/greet/greet.go', '/src/pkg/unused/go.mod', '/src/services/api/cmd/api/main.go', '/src/services/api/go.mod',
    ]);
  });

  it.each(['pdm', 'pipenv'])('%s: installs exactly the locked production dependencies into the venv, runs as non-root', async (pm) => {
    const app = path.join(root, `${pm}-app`);
    const { dockerfile, image } = await generateAndBuild(`${pm}-app`, app, app, app);
    expect(dockerfile).toMatch(pm === 'pdm' ? /pdm export --prod/ : /pipenv requirements --hash/);
    const port = exposedPort(image);
    expect(port).toBe(8000);
    const res = await runAndGet(image, port, await freePort(), null);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { pm: string; signed: string; devInstalled: boolean; uid: number };
    expect(body).toMatchObject({ pm, signed: 'locked', devInstalled: false });
    expect(body.uid).not.toBe(0);
  });
});
