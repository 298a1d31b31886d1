// Framework apps as the frameworks' own generators (from the npm registry) make them, no Nx workspace:
// create-next-app (as generated: `next start`; then with `output: 'standalone'`), the Nest CLI, `sv create`
// (SvelteKit with adapter-node) and the Angular CLI (`ng new --ssr`). Each gets
// `docker-ms dockerfile --write` + `docker-ms build`, then `docker run -d -p 127.0.0.1:<free>:<EXPOSEd port>` with
// no env, and must answer: the Next.js page (and, standalone, its /_next/static asset and a public/ file), Nest's
// "Hello World!", the SvelteKit page, the Angular page rendered on the server and a file of its browser build. Lockfiles come from `npm install --package-lock-only` against the npm registry (resolution only,
// no download); the image builds install from the registry themselves.
import fs from 'node:fs';
import path from 'node:path';
import { DOCKER, REPO_ROOT, describeE2e, log, readState } from './support/env';
import { exec } from './support/exec';
import { exposedPort, freePort, imageUser, isNonRoot, runAndGet } from './support/docker';

const CLI = path.join(REPO_ROOT, 'packages/core/bin/docker-ms.js');
const TIMEOUT = 20 * 60_000;
// create-next-app pins the next release it belongs to; the Nest CLI writes ^12 ranges
const CREATE_NEXT_APP = 'create-next-app@16.4.3';
const NEST_CLI = '@nestjs/cli@12.0.8';
const SV = 'sv@0.17.1';
// the newest Angular CLI that runs on the host's Node 20; the registry here lacks some 21.2 patch releases of the
// framework packages (platform-server and ssr stop at 21.2.24 while core goes on), so the scaffold pins them all to it
const ANGULAR_CLI = '@angular/cli@21.2.24';
const ANGULAR = '21.2.24';

describeE2e('framework apps made by their own generators answer on their EXPOSEd port', () => {
  const state = readState();
  const base = path.join(state.tmpDir as string, 'frameworks');
  const tools = path.join(base, 'tools');
  const env = {
    NPM_CONFIG_USERCONFIG: path.join(base, 'npmrc'),
    CI: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    // the CLI resolves its docker client; Debian's runs BuildKit (ENVIRONMENT.md)
    PATH: `/usr/bin:${process.env.PATH}`,
  };
  const bin = (name: string) => path.join(tools, 'node_modules/.bin', name);
  const started = Date.now();

  beforeAll(async () => {
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(tools, { recursive: true });
    fs.writeFileSync(env.NPM_CONFIG_USERCONFIG, 'registry=https://registry.npmjs.org/\n');
    fs.writeFileSync(path.join(tools, 'package.json'), JSON.stringify({ name: 'framework-tools', private: true }));
    await exec('npm', ['install', '--no-audit', '--no-fund', CREATE_NEXT_APP, NEST_CLI, SV, ANGULAR_CLI], { cwd: tools, env, timeout: 10 * 60_000 });
  }, 15 * 60_000);

  afterAll(() => log(`frameworks suite: ${((Date.now() - started) / 1000).toFixed(0)}s`));

  /** detect (evidence logged), dockerfile --write, build; returns the detect output and the Dockerfile. */
  async function dockerize(dir: string, image: string): Promise<{ evidence: string; dockerfile: string }> {
    const detect = await exec('node', [CLI, 'detect', dir, '--workspace-root', dir], { env });
    log(`${path.basename(dir)}:\n${detect.stdout}`);
    await exec('node', [CLI, 'dockerfile', dir, '--write', '--workspace-root', dir], { env });
    const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    await exec('node', [CLI, 'build', dir, '--tags', image], { env, timeout: TIMEOUT, echo: true });
    expect(isNonRoot(imageUser(image))).toBe(true);
    return { evidence: detect.stdout, dockerfile };
  }

  const lockfile = (dir: string) => exec('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], { cwd: dir, env, timeout: 10 * 60_000 });
  const web = path.join(base, 'web');

  it('create-next-app as generated (no output setting): next start over .next, answers GET / on 3000', async () => {
    // --empty: the default template loads Google Fonts at build time, unreachable here
    await exec(bin('create-next-app'), [
      web, '--ts', '--app', '--empty', '--no-tailwind', '--no-eslint', '--no-src-dir', '--no-react-compiler',
      '--import-alias', '@/*', '--use-npm', '--disable-git', '--no-agents-md', '--skip-install', '--yes',
    ], { cwd: base, env, timeout: 5 * 60_000 });
    await lockfile(web);
    const { evidence, dockerfile } = await dockerize(web, 'docker-ms-e2e-fw/next:latest');
    expect(evidence).toContain('→ Next.js server: next start over .next/');
    expect(dockerfile).toContain('CMD ["/app/node_modules/next/dist/bin/next","start"]');
    const port = exposedPort('docker-ms-e2e-fw/next:latest');
    expect(port).toBe(3000);
    const res = await runAndGet('docker-ms-e2e-fw/next:latest', port, await freePort(), null);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Hello world!');
  });

  it("the same app with output: 'standalone': server.js, .next/static and public/ only, HOSTNAME=0.0.0.0", async () => {
    const dir = path.join(base, 'web-standalone');
    fs.cpSync(web, dir, { recursive: true, filter: (src) => !/(^|\/)(Dockerfile|\.dockerignore)$/.test(src) });
    const config = path.join(dir, 'next.config.ts');
    const text = fs.readFileSync(config, 'utf8');
    expect(text).toMatch(/const nextConfig: NextConfig = \{\n/);
    fs.writeFileSync(config, text.replace(/const nextConfig: NextConfig = \{\n/, '$&  output: "standalone",\n'));
    fs.mkdirSync(path.join(dir, 'public'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'public/hello.txt'), 'hello from public\n');

    const image = 'docker-ms-e2e-fw/next-standalone:latest';
    const { evidence, dockerfile } = await dockerize(dir, image);
    expect(evidence).toContain('next.config.ts: output "standalone" → Next.js standalone server');
    expect(dockerfile).toMatch(/^ENV HOSTNAME=0\.0\.0\.0 PORT=3000$/m);
    expect(dockerfile).not.toContain('node_modules ./node_modules');
    const port = exposedPort(image);
    const page = await runAndGet(image, port, await freePort(), null);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Hello world!');
    // the page's own script: served from .next/static, which standalone output leaves out unless copied
    const asset = /\/_next\/static\/[^"']+\.js/.exec(page.body)?.[0];
    expect(asset).toBeDefined();
    expect((await runAndGet(image, port, await freePort(), null, asset as string)).status).toBe(200);
    const file = await runAndGet(image, port, await freePort(), null, '/hello.txt');
    expect(file.body).toBe('hello from public\n');
    // Next.js writes its image and data cache under .next/cache at run time: the runtime user may there, and only there
    const write = (code: string) => exec(DOCKER, ['run', '--rm', image, '-e', code], { allowFailure: true, timeout: 60_000 });
    expect((await write("require('fs').mkdirSync('.next/cache/images/x', { recursive: true })")).code).toBe(0);
    expect((await write("require('fs').appendFileSync('server.js', '')")).code).not.toBe(0);
  });

  it('nest new: node dist/main.js, answers GET / with Hello World! on 3000', async () => {
    await exec(bin('nest'), ['new', 'api', '--skip-git', '--skip-install', '--package-manager', 'npm'], { cwd: base, env, timeout: 5 * 60_000 });
    const dir = path.join(base, 'api');
    await lockfile(dir);
    const image = 'docker-ms-e2e-fw/nest:latest';
    const { evidence, dockerfile } = await dockerize(dir, image);
    expect(evidence).toContain('→ NestJS server dist/main.js with the production dependencies; start "node dist/main.js"');
    expect(dockerfile).toContain('COPY --from=build /app/dist ./dist');
    const port = exposedPort(image);
    expect(port).toBe(3000);
    const res = await runAndGet(image, port, await freePort(), null);
    expect(res.status).toBe(200);
    expect(res.body).toBe('Hello World!');
  });

  it('sv create with adapter-node: node build/index.js, answers GET / with the page on 3000', async () => {
    await exec(bin('sv'), ['create', 'kit', '--template', 'minimal', '--types', 'ts', '--add', 'sveltekit-adapter=adapter:node', '--no-install'], { cwd: base, env, timeout: 5 * 60_000 });
    const dir = path.join(base, 'kit');
    await lockfile(dir);
    const image = 'docker-ms-e2e-fw/sveltekit:latest';
    const { evidence } = await dockerize(dir, image);
    // sv writes the adapter into vite.config.ts (no svelte.config.js)
    expect(evidence).toContain('@sveltejs/adapter-node, out build (default) → SvelteKit server build/index.js');
    const port = exposedPort(image);
    expect(port).toBe(3000);
    const res = await runAndGet(image, port, await freePort(), null);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<h1>Welcome to SvelteKit</h1>');
  });

  it('ng new --ssr: node dist/<app>/server/server.mjs, answers GET / with the server-rendered page on 4000', async () => {
    await exec(bin('ng'), ['new', 'shop', '--ssr', '--defaults', '--interactive=false', '--skip-git', '--skip-install', '--style', 'css', '--package-manager', 'npm'], {
      cwd: base, env: { ...env, NG_CLI_ANALYTICS: 'false' }, timeout: 5 * 60_000,
    });
    const dir = path.join(base, 'shop');
    const manifest = path.join(dir, 'package.json');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace(/("@angular\/[a-z-]+": )"[^"]+"/g, `$1"${ANGULAR}"`));
    await lockfile(dir);
    // ng new writes security.allowedHosts: [], with which @angular/ssr renders no request (Host check): the evidence
    // says so, and the user lists the hosts the app is reached by (here the loopback address the test connects to)
    const before = await exec('node', [CLI, 'detect', dir, '--workspace-root', dir], { env });
    expect(before.stdout).toContain('angular.json: build option security.allowedHosts is empty → the server renders no request');
    const config = path.join(dir, 'angular.json');
    const ng = fs.readFileSync(config, 'utf8');
    expect(ng).toMatch(/"allowedHosts": \[\]/);
    fs.writeFileSync(config, ng.replace(/"allowedHosts": \[\]/, '"allowedHosts": ["127.0.0.1"]'));
    const image = 'docker-ms-e2e-fw/angular-ssr:latest';
    const { evidence, dockerfile } = await dockerize(dir, image);
    expect(evidence).toContain('angular.json: project "shop" builds with ssr, no outputPath (dist/shop) → Angular SSR server dist/shop/server/server.mjs with the production dependencies; start "node dist/shop/server/server.mjs"');
    expect(dockerfile).toContain('COPY --from=build /app/dist/shop ./dist/shop');
    const port = exposedPort(image);
    expect(port).toBe(4000);
    const page = await runAndGet(image, port, await freePort(), null);
    expect(page.status).toBe(200);
    // rendered on the server: the CSR shell would hold an empty <app-root>
    expect(page.body).toMatch(/<h1[^>]*>Hello, shop<\/h1>/);
    // the browser build next to the server: its files come from dist/shop/browser
    const script = /src="(main-[\w-]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    expect((await runAndGet(image, port, await freePort(), null, `/${script}`)).status).toBe(200);
  });
});
