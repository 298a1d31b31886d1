// Web apps built to files, scaffolded by their own generators from the npm registry (create-vite react-ts and
// svelte-ts), then `docker-ms dockerfile --write` + `docker-ms build` with nothing else given, and run the way a
// user runs them: `docker run -d -p 127.0.0.1:<free>:<EXPOSEd>` with no env. The image must serve `/`, a deep
// link through the SPA fallback, and a hashed asset with its immutable cache header (gzip'd), as uid 101 on 8080.
// The Nx web app (`@nx/web:application --bundler=vite`) is in nx-generated.e2e.ts, in that suite's workspace.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, describeE2e, log, readState } from './support/env';
import { exec } from './support/exec';
import { expectStaticSite, serveStaticSite } from './support/static-site';

const CREATE_VITE = '9.3.0';
const TIMEOUT = 20 * 60_000;

describeE2e('static sites: create-vite scaffolds served by nginx-unprivileged', () => {
  const state = readState();
  const root = path.join(state.tmpDir as string, 'static-sites');
  const tools = path.join(root, 'tools');
  const cli = path.join(REPO_ROOT, 'packages/core/bin/docker-ms.js');
  // the real npm registry, as a user's scaffold resolves; builds inside the image install from the lockfile's URLs
  const env = () => ({ NPM_CONFIG_USERCONFIG: path.join(tools, 'npmrc'), CI: 'true', PATH: `/usr/bin:${process.env.PATH}` });

  beforeAll(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(tools, { recursive: true });
    fs.writeFileSync(path.join(tools, 'npmrc'), 'registry=https://registry.npmjs.org/\n');
    fs.writeFileSync(path.join(tools, 'package.json'), JSON.stringify({ name: 'static-tools', private: true }));
    await exec('npm', ['install', '--no-audit', '--no-fund', `create-vite@${CREATE_VITE}`], { cwd: tools, env: env(), timeout: 5 * 60_000 });
  }, TIMEOUT);

  it.each([
    { template: 'react-ts', marker: '<div id="root"></div>', flavor: 'react' },
    { template: 'svelte-ts', marker: '<div id="app"></div>', flavor: 'svelte' },
  ])('create-vite --template $template: detect, dockerfile, build, and the site answers', async ({ template, marker, flavor }) => {
    const t0 = Date.now();
    const name = `vite-${template}`;
    const dir = path.join(root, name);
    await exec('node', [path.join(tools, 'node_modules/create-vite/index.js'), name, '--template', template, '--no-interactive', '--no-immediate'], { cwd: root, env: env(), timeout: 2 * 60_000 });
    // the lockfile a user commits (npm ci needs it); no node_modules on the host
    await exec('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], { cwd: dir, env: env(), timeout: 5 * 60_000 });

    const detect = await exec('node', [cli, 'detect', dir, '--workspace-root', dir], { env: env() });
    expect(detect.stdout).toContain(`vite.config.ts: Vite ${flavor} single-page app (index.html, no SSR or library build) → static files in dist/ served by nginx with SPA fallback`);
    await exec('node', [cli, 'dockerfile', dir, '--write', '--workspace-root', dir], { env: env() });
    const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('FROM nginxinc/nginx-unprivileged:1.30-trixie AS runtime\n');
    expect(dockerfile).toContain('\nRUN npm run build\n');
    const lint = await exec('node', [cli, 'lint', path.join(dir, 'Dockerfile')], { env: env(), allowFailure: true });
    expect(lint.code).toBe(0);

    const image = `docker-ms-e2e-static/${name}:latest`;
    await exec('node', [cli, 'build', dir, '--tags', image], { env: env(), timeout: TIMEOUT, echo: true });
    expectStaticSite(await serveStaticSite(image), marker);
    log(`${name}: scaffold to answering image in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  }, TIMEOUT);
});
