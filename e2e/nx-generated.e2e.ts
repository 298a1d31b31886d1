// Apps as their own generators and package managers make them, run the way a new user runs them:
// `docker run -d -p 127.0.0.1:<free>:<the image's EXPOSEd port> <image>` with no -e and no host networking.
// 1. An Nx 23 workspace; `nx g @nx/node:application` with express (HOST/PORT from env, port 3000) and fastify
//    (listen({ port, host }), --port=3333); `nx g docker-ms:dockerfile`, `nx run <app>:docker-build`;
//    a workspace made by `create-nx-workspace --preset=ts` (npm workspaces) with an express and a fastify app
//    and an `@nx/web:application --bundler=vite` site (nginx-unprivileged: SPA fallback, hashed assets), all
//    importing an `@nx/js:library` through its node_modules link; the same layout with pnpm (pnpm-workspace.yaml,
//    made with the registry's latest pnpm) and a fastify app; `create-nx-workspace --preset=next`'s Next.js app and
//    `--preset=angular-monorepo --ssr`'s Angular SSR app.
// 2. One app per package manager with a real lockfile made by that manager and a dependency from the npm
//    registry: pnpm (packageManager pin), Yarn 1 (no packageManager field), Yarn 4 (committed yarnPath release),
//    Bun (bun.lock, packageManager pin); an npm app with no dependencies and no lockfile;
//    `docker-ms dockerfile --write`, `docker-ms build`.
import fs from 'node:fs';
import path from 'node:path';
import { DOCKER, E2E_VERSION, describeE2e, log, readState } from './support/env';
import { commitWorkspace, exec } from './support/exec';
import { exposedPort, freePort, imageExists, imageUser, isNonRoot, runAndGet } from './support/docker';
import { NX_VERSION, nxEnv } from './support/workspace';
import { expectStaticSite, serveStaticSite } from './support/static-site';

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const TIMEOUT = 30 * 60_000;

describeE2e('apps made by Nx generators and by each package manager answer on their EXPOSEd port', () => {
  const state = readState();
  const root = path.join(state.tmpDir as string, 'nx-generated');
  const env = nxEnv(state.npmrc);
  const nx = (args: string[], opts: { env?: NodeJS.ProcessEnv } = {}) =>
    exec('npx', ['nx', ...args], { cwd: root, env: opts.env ?? env, timeout: TIMEOUT, echo: true });

  /**
   * A workspace as `create-nx-workspace --preset=<preset> … --pm=npm` makes it, with docker-ms installed from verdaccio
   * and `edit` applied (a word new to every run, so the image serves this checkout, not an earlier run's layer).
   */
  async function presetWorkspace(name: string, presetArgs: string[], edit: (dir: string) => void): Promise<string> {
    const t0 = Date.now();
    const dir = path.join(state.tmpDir as string, name);
    fs.rmSync(dir, { recursive: true, force: true });
    await exec('npx', ['--yes', `create-nx-workspace@${NX_VERSION}`, name, ...presetArgs, '--style=css',
      '--e2eTestRunner=none', '--unitTestRunner=none', '--linter=none', '--formatter=none', '--pm=npm', '--nxCloud=skip', '--skipGit', '--no-interactive'],
    { cwd: path.dirname(dir), env, timeout: 15 * 60_000 });
    const [, buildHost] = state.registryHosts as string[];
    fs.writeFileSync(path.join(dir, '.npmrc'), `registry=http://${buildHost}:${state.registryPort}/\n//${buildHost}:${state.registryPort}/:_authToken=e2e-dummy-token\n`);
    await exec('npm', ['install', '--save-dev', '--no-audit', '--no-fund', `docker-ms@${E2E_VERSION}`], { cwd: dir, env, timeout: 10 * 60_000 });
    edit(dir);
    await commitWorkspace(dir, env);
    log(`workspace ${dir} ready in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    return dir;
  }
  const replaceIn = (file: string, from: string, to: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));

  beforeAll(async () => {
    const t0 = Date.now();
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    // As in nx.e2e.ts: image builds reach verdaccio (docker-ms@0.0.0-e2e) through the docker bridge gateway.
    const [, buildHost] = state.registryHosts as string[];
    fs.writeFileSync(path.join(root, '.npmrc'), `registry=http://${buildHost}:${state.registryPort}/\n//${buildHost}:${state.registryPort}/:_authToken=e2e-dummy-token\n`);
    fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/\ndist/\n.nx/\n');
    fs.writeFileSync(path.join(root, 'package.json'), json({
      name: 'generated', version: '0.0.0', private: true, license: 'MIT',
      devDependencies: { nx: NX_VERSION, '@nx/js': NX_VERSION, '@nx/node': NX_VERSION, 'docker-ms': E2E_VERSION, typescript: '~6.0.3', '@types/node': '~20.19.0' },
    }));
    fs.writeFileSync(path.join(root, 'nx.json'), json({ $schema: './node_modules/nx/schemas/nx-schema.json', namedInputs: { default: ['{projectRoot}/**/*'], production: ['default'] } }));
    fs.writeFileSync(path.join(root, 'tsconfig.base.json'), json({ compilerOptions: { target: 'es2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] } }));
    await exec('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, env, timeout: 10 * 60_000 });
    await commitWorkspace(root, env);
    log(`workspace ${root} ready in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  }, 20 * 60_000);

  describe.each([
    { app: 'express-api', framework: 'express', port: 3000, host: ['HOST', '0.0.0.0'] },
    { app: 'fastify-api', framework: 'fastify', port: 3333, host: ['HOST', '0.0.0.0'] },
  ])('@nx/node:application --framework=$framework', ({ app, framework, port, host }) => {
    it('nx g @nx/node:application, then nx g docker-ms:dockerfile: EXPOSE, PORT and HOST=0.0.0.0 from the generated main.ts', async () => {
      await nx(['g', '@nx/node:application', `apps/${app}`, `--framework=${framework}`, `--port=${port}`, '--e2eTestRunner=none', '--unitTestRunner=none', '--linter=none', '--no-interactive']);
      const main = fs.readFileSync(path.join(root, 'apps', app, 'src/main.ts'), 'utf8');
      expect(main).toContain(`process.env.HOST ?? 'localhost'`); // the generator's own loopback default
      await nx(['g', 'docker-ms:dockerfile', app, '--no-interactive']);
      // Nx's addPlugin convention: the plugin is registered and docker-build is inferred, not written
      const nxJson = JSON.parse(fs.readFileSync(path.join(root, 'nx.json'), 'utf8'));
      expect(nxJson.plugins).toContainEqual({ plugin: 'docker-ms', options: { buildTargetName: 'docker-build' } });
      expect(JSON.parse(fs.readFileSync(path.join(root, 'apps', app, 'project.json'), 'utf8')).targets['docker-build']).toBeUndefined();
      const dockerfile = fs.readFileSync(path.join(root, 'apps', app, 'Dockerfile'), 'utf8');
      expect(dockerfile).toContain(`\nEXPOSE ${port}\n`);
      expect(dockerfile).toMatch(new RegExp(`^ENV ${host[0]}=${host[1]} PORT=${port}$`, 'm'));
    });

    it('nx run <app>:docker-build, then docker run -p 127.0.0.1:<free>:<EXPOSEd> with no env answers', async () => {
      await nx(['run', `${app}:docker-build`]);
      const image = `${app}:latest`;
      expect(imageExists(image)).toBe(true);
      expect(isNonRoot(imageUser(image))).toBe(true);
      expect(exposedPort(image)).toBe(port);
      const res = await runAndGet(image, exposedPort(image), await freePort(), null);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ message: 'Hello API' });
    });
  });

  describe('create-nx-workspace --preset=ts (npm workspaces): express and fastify apps importing an @nx/js library', () => {
    // Nx's TS-workspaces layout, as a new user gets it: projects are npm workspace members linked through node_modules
    const tsRoot = path.join(state.tmpDir as string, 'nx-ts');
    const tsNx = (args: string[]) => exec('npx', ['nx', ...args], { cwd: tsRoot, env, timeout: TIMEOUT, echo: true });
    const library = 'greeting';
    // both HOST/PORT styles of Nx's node templates: express's app.listen(port, host), fastify's listen({ port, host })
    const TS_APPS = [
      { app: 'express-api', framework: 'express', port: 3000, handler: 'src/main.ts' },
      { app: 'fastify-api', framework: 'fastify', port: 3333, handler: 'src/app/routes/root.ts' },
    ];
    const SITE = { app: 'site', handler: 'src/main.ts' };

    beforeAll(async () => {
      const t0 = Date.now();
      fs.rmSync(tsRoot, { recursive: true, force: true });
      await exec('npx', ['--yes', `create-nx-workspace@${NX_VERSION}`, 'nx-ts', '--preset=ts', '--workspaces', '--pm=npm', '--nxCloud=skip', '--formatter=none', '--skipGit', '--no-interactive'],
        { cwd: path.dirname(tsRoot), env, timeout: 10 * 60_000 });
      const [, buildHost] = state.registryHosts as string[];
      fs.writeFileSync(path.join(tsRoot, '.npmrc'), `registry=http://${buildHost}:${state.registryPort}/\n//${buildHost}:${state.registryPort}/:_authToken=e2e-dummy-token\n`);
      fs.writeFileSync(path.join(tsRoot, '.gitignore'), 'node_modules/\ndist/\n.nx/\n');
      await exec('npm', ['install', '--save-dev', '--no-audit', '--no-fund', `@nx/node@${NX_VERSION}`, `@nx/web@${NX_VERSION}`, `@nx/vite@${NX_VERSION}`, `docker-ms@${E2E_VERSION}`], { cwd: tsRoot, env, timeout: 10 * 60_000 });
      // the apps and the library, each app importing the library by its package name and declaring it in its
      // package.json, as Nx's docs show for npm workspaces; one install for all of them
      for (const { app, framework, port } of TS_APPS) {
        await tsNx(['g', '@nx/node:application', `apps/${app}`, `--name=${app}`, `--framework=${framework}`, `--port=${port}`, '--e2eTestRunner=none', '--unitTestRunner=none', '--linter=none', '--no-interactive']);
      }
      await tsNx(['g', '@nx/web:application', `apps/${SITE.app}`, `--name=${SITE.app}`, '--bundler=vite', '--e2eTestRunner=none', '--unitTestRunner=none', '--linter=none', '--no-interactive']);
      await tsNx(['g', '@nx/js:library', `libs/${library}`, `--name=${library}`, '--bundler=tsc', '--unitTestRunner=none', '--linter=none', '--no-interactive']);
      fs.writeFileSync(path.join(tsRoot, 'libs', library, 'src/lib', `${library}.ts`), `export function ${library}(): string {\n  return 'Hello from ${library}';\n}\n`);
      for (const { app, handler } of [...TS_APPS, SITE]) {
        const pkgPath = path.join(tsRoot, 'apps', app, 'package.json');
        const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
        pkg.dependencies = { ...pkg.dependencies, [`@nx-ts/${library}`]: '*' };
        fs.writeFileSync(pkgPath, json(pkg));
        const file = path.join(tsRoot, 'apps', app, handler);
        const source = fs.readFileSync(file, 'utf8');
        if (app === SITE.app) {
          // the web app shows the library's text too: vite bundles the built library into the site's assets
          fs.writeFileSync(file, `import { ${library} } from '@nx-ts/${library}';\n` + source + `\ndocument.title = ${library}();\n`);
          continue;
        }
        expect(source).toContain(`'Hello API'`);
        fs.writeFileSync(file, `import { ${library} } from '@nx-ts/${library}';\n` + source.replace(`'Hello API'`, `${library}()`));
      }
      await exec('npm', ['install', '--no-audit', '--no-fund'], { cwd: tsRoot, env, timeout: 10 * 60_000 });
      await tsNx(['sync']);
      await commitWorkspace(tsRoot, env);
      log(`workspace ${tsRoot} ready in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    }, 20 * 60_000);

    it.each(TS_APPS)('$app ($framework): the library reaches the image as a package (package.json + built dist, never its sources); docker run with no env answers with its output', async ({ app, port }) => {
      const main = fs.readFileSync(path.join(tsRoot, 'apps', app, 'src/main.ts'), 'utf8');
      expect(main).toContain(`process.env.HOST ?? 'localhost'`);
      await tsNx(['g', 'docker-ms:dockerfile', app, '--no-interactive']);
      const dockerfile = fs.readFileSync(path.join(tsRoot, 'apps', app, 'Dockerfile'), 'utf8');
      expect(dockerfile).toContain(`COPY --from=build /app/libs/${library}/package.json ./libs/${library}/package.json\n`);
      expect(dockerfile).toContain(`COPY --from=build /app/libs/${library}/dist ./libs/${library}/dist\n`);
      expect(dockerfile).not.toMatch(new RegExp(`COPY .*libs/${library}/src`));
      expect(dockerfile).toMatch(new RegExp(`^ENV HOST=0\\.0\\.0\\.0 PORT=${port}$`, 'm'));
      expect(JSON.parse(fs.readFileSync(path.join(tsRoot, 'apps', app, 'package.json'), 'utf8')).nx?.targets?.['docker-build']).toBeUndefined();

      await tsNx(['run', `${app}:docker-build`]);
      const image = `${app}:latest`;
      expect(isNonRoot(imageUser(image))).toBe(true);
      expect(exposedPort(image)).toBe(port);
      const res = await runAndGet(image, exposedPort(image), await freePort(), null);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ message: `Hello from ${library}` });
    });

    it('site (@nx/web:application --bundler=vite): served by nginx-unprivileged with the library bundled in; /, a deep link and a hashed asset answer', async () => {
      await tsNx(['g', 'docker-ms:dockerfile', SITE.app, '--no-interactive']);
      const dockerfile = fs.readFileSync(path.join(tsRoot, 'apps', SITE.app, 'Dockerfile'), 'utf8');
      expect(dockerfile).toContain('FROM nginxinc/nginx-unprivileged:1.30-trixie AS runtime\n');
      await tsNx(['run', `${SITE.app}:docker-build`]);
      const image = `${SITE.app}:latest`;
      expectStaticSite(await serveStaticSite(image), '<script type="module"');
      const bundled = await exec(DOCKER, ['run', '--rm', '--entrypoint', 'grep', image, '-rl', `Hello from ${library}`, '/usr/share/nginx/html'], { timeout: 60_000 });
      expect(bundled.stdout).toMatch(/\/usr\/share\/nginx\/html\/assets\/[^/]+\.js/);
    });
  });

  describe('create-nx-workspace --preset=ts --pm=pnpm (pnpm-workspace.yaml): a fastify app importing an @nx/js library', () => {
    // pnpm's layout differs from npm's: each member's dependencies and its link to the library sit in the member's own
    // node_modules (into node_modules/.pnpm), so those folders, the library's package.json and its dist reach the image
    // the registry's latest pnpm on the host; no packageManager pin, as create-nx-workspace leaves it (pnpm 12 records a
    // pin's @pnpm/exe.* packages for every platform in the lockfile, and this registry lacks some of them)
    const PNPM = '12.23.0';
    const pnpmRoot = path.join(state.tmpDir as string, 'nx-ts-pnpm');
    const tools = path.join(state.tmpDir as string, 'pnpm-latest');
    const pnpmEnv = () => ({ ...env, PATH: `${path.join(tools, 'node_modules/.bin')}:${process.env.PATH}` });
    const pnpmNx = (args: string[]) => exec('npx', ['nx', ...args], { cwd: pnpmRoot, env: pnpmEnv(), timeout: TIMEOUT, echo: true });
    const pnpm = (args: string[]) => exec('pnpm', args, { cwd: pnpmRoot, env: pnpmEnv(), timeout: 10 * 60_000, echo: true });
    const app = 'fastify-api';
    const library = 'greeting';

    beforeAll(async () => {
      const t0 = Date.now();
      fs.rmSync(pnpmRoot, { recursive: true, force: true });
      fs.mkdirSync(tools, { recursive: true });
      fs.writeFileSync(path.join(tools, 'package.json'), json({ name: 'pnpm-latest', private: true }));
      await exec('npm', ['install', '--no-audit', '--no-fund', `pnpm@${PNPM}`], { cwd: tools, env, timeout: 10 * 60_000 });
      // create-nx-workspace installs with the pnpm on PATH
      await exec('npx', ['--yes', `create-nx-workspace@${NX_VERSION}`, 'nx-ts-pnpm', '--preset=ts', '--workspaces', '--pm=pnpm', '--nxCloud=skip', '--formatter=none', '--skipGit', '--no-interactive'],
        { cwd: path.dirname(pnpmRoot), env: pnpmEnv(), timeout: 10 * 60_000 });
      const [, buildHost] = state.registryHosts as string[];
      fs.writeFileSync(path.join(pnpmRoot, '.npmrc'), `registry=http://${buildHost}:${state.registryPort}/\n//${buildHost}:${state.registryPort}/:_authToken=e2e-dummy-token\n`);
      fs.writeFileSync(path.join(pnpmRoot, '.gitignore'), 'node_modules/\ndist/\n.nx/\n');
      // what `pnpm approve-builds` records: without it pnpm stops Nx's generators at esbuild's and @parcel/watcher's install scripts
      const settings = fs.readFileSync(path.join(pnpmRoot, 'pnpm-workspace.yaml'), 'utf8');
      expect(settings).toContain('\nallowBuilds:\n');
      // and docker-ms@0.0.0-e2e, published to verdaccio seconds ago, past pnpm's default minimumReleaseAge (1 day)
      fs.writeFileSync(path.join(pnpmRoot, 'pnpm-workspace.yaml'), settings.replace('\nallowBuilds:\n', `\nminimumReleaseAgeExclude:\n  - docker-ms\n  - '@docker-ms/core'\nallowBuilds:\n  esbuild: true\n  '@parcel/watcher': true\n`));
      await pnpm(['add', '--save-dev', '--workspace-root', '--no-frozen-lockfile', `@nx/node@${NX_VERSION}`, `docker-ms@${E2E_VERSION}`]);
      await pnpmNx(['g', '@nx/node:application', `apps/${app}`, `--name=${app}`, '--framework=fastify', '--e2eTestRunner=none', '--unitTestRunner=none', '--linter=none', '--no-interactive']);
      await pnpmNx(['g', '@nx/js:library', `libs/${library}`, `--name=${library}`, '--bundler=tsc', '--unitTestRunner=none', '--linter=none', '--no-interactive']);
      fs.writeFileSync(path.join(pnpmRoot, 'libs', library, 'src/lib', `${library}.ts`), `export function ${library}(): string {\n  return 'Hello from ${library} (pnpm)';\n}\n`);
      // pnpm's workspace protocol, as Nx's docs show for pnpm workspaces
      const pkgPath = path.join(pnpmRoot, 'apps', app, 'package.json');
      const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
      pkg.dependencies = { ...pkg.dependencies, [`@nx-ts-pnpm/${library}`]: 'workspace:*' };
      fs.writeFileSync(pkgPath, json(pkg));
      const route = path.join(pnpmRoot, 'apps', app, 'src/app/routes/root.ts');
      fs.writeFileSync(route, `import { ${library} } from '@nx-ts-pnpm/${library}';\n` + fs.readFileSync(route, 'utf8').replace(`'Hello API'`, `${library}()`));
      await pnpm(['install', '--no-frozen-lockfile']);
      await pnpmNx(['sync']);
      expect(fs.readlinkSync(path.join(pnpmRoot, 'apps', app, 'node_modules/@nx-ts-pnpm', library))).toBe(`../../../../libs/${library}`);
      await commitWorkspace(pnpmRoot, env);
      log(`workspace ${pnpmRoot} ready in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    }, 20 * 60_000);

    it('the pnpm the lockfile implies builds it (never corepack or "latest"); docker run with no env answers with the library\'s output', async () => {
      await pnpmNx(['g', 'docker-ms:dockerfile', app, '--no-interactive']);
      const dockerfile = fs.readFileSync(path.join(pnpmRoot, 'apps', app, 'Dockerfile'), 'utf8');
      expect(fs.readFileSync(path.join(pnpmRoot, 'pnpm-lock.yaml'), 'utf8')).toMatch(/^lockfileVersion: '9\.0'$/m);
      expect(dockerfile).toContain(`npm install --global 'pnpm@9'\n`);
      expect(dockerfile).not.toMatch(/corepack|@latest/);
      expect(dockerfile).toContain('COPY package.json pnpm-lock.yaml* pnpm-workspace.yaml* ./\n');
      expect(dockerfile).toContain(`COPY --from=prod-deps /app/apps/${app}/node_modules ./apps/${app}/node_modules\n`);
      expect(dockerfile).toContain(`COPY --from=build /app/libs/${library}/dist ./libs/${library}/dist\n`);
      expect(dockerfile).not.toMatch(new RegExp(`COPY .*libs/${library}/src`));

      await pnpmNx(['run', `${app}:docker-build`]);
      const image = `${app}:latest`;
      expect(isNonRoot(imageUser(image))).toBe(true);
      expect(exposedPort(image)).toBe(3000);
      const res = await runAndGet(image, exposedPort(image), await freePort(), null);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ message: `Hello from ${library} (pnpm)` });
    });
  });

  describe('create-nx-workspace --preset=next (npm workspaces): the Next.js app @nx/next makes, built through its inferred target', () => {
    // @nx/next/plugin infers `build` (next build, outputs `.next/!(cache)`) and the app's own package.json holds next,
    // react and react-dom; the image builds it with `nx run`, ships .next and starts `next start` as non-root
    const nextRoot = path.join(state.tmpDir as string, 'nx-next');
    const nextNx = (args: string[]) => exec('npx', ['nx', ...args], { cwd: nextRoot, env, timeout: TIMEOUT, echo: true });
    const project = '@nx-next/web';

    beforeAll(async () => {
      await presetWorkspace('nx-next', ['--preset=next', '--appName=web', '--nextAppDir=true', '--nextSrcDir=false'],
        (dir) => replaceIn(path.join(dir, 'apps/web/app/page.tsx'), 'Welcome ', `Welcome ${Date.now().toString(36)} `));
    }, 20 * 60_000);

    it('nx g docker-ms:dockerfile, nx run docker-build; docker run with no env serves the rendered page and the route handler', async () => {
      const built = JSON.parse((await nextNx(['show', 'project', project, '--json'])).stdout).targets.build;
      expect(built.outputs).toContain('{workspaceRoot}/apps/web/.next/!(cache)');
      const marker = /Welcome (\w+) /.exec(fs.readFileSync(path.join(nextRoot, 'apps/web/app/page.tsx'), 'utf8'))![1];
      await nextNx(['g', 'docker-ms:dockerfile', project, '--no-interactive']);
      const dockerfile = fs.readFileSync(path.join(nextRoot, 'apps/web/Dockerfile'), 'utf8');
      expect(dockerfile).toContain(`RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run ${project}:build --skip-sync\n`);
      expect(dockerfile).toContain('COPY --from=build /app/apps/web/.next ./apps/web/.next\n');
      expect(dockerfile).toContain('CMD ["/app/node_modules/next/dist/bin/next","start"]\n');

      await nextNx(['run', `${project}:docker-build`]);
      // the project name @nx-next/web as a repository name
      const image = 'nx-next/web:latest';
      expect(isNonRoot(imageUser(image))).toBe(true);
      expect(exposedPort(image)).toBe(3000);
      const res = await runAndGet(image, exposedPort(image), await freePort(), null);
      expect(res.status).toBe(200);
      expect(res.body).toContain(`Welcome ${marker} `);
      const api = await runAndGet(image, exposedPort(image), await freePort(), null, '/api/hello');
      expect(api).toEqual({ status: 200, body: 'Hello, from API!' });
    });
  });

  describe('create-nx-workspace --preset=angular-monorepo --ssr: the Angular SSR app, built through its project.json target', () => {
    // no angular.json: the build target (@angular/build:application with ssr, outputPath dist/apps/shop) says where
    // the server is; Nx writes no security.allowedHosts, with which @angular/ssr answers 400 to every request
    const ngRoot = path.join(state.tmpDir as string, 'nx-ng');
    const ngNx = (args: string[]) => exec('npx', ['nx', ...args], { cwd: ngRoot, env, timeout: TIMEOUT, echo: true });

    beforeAll(async () => {
      await presetWorkspace('nx-ng', ['--preset=angular-monorepo', '--appName=shop', '--ssr=true', '--bundler=esbuild'],
        (dir) => replaceIn(path.join(dir, 'apps/shop/src/app/nx-welcome.ts'), 'Welcome shop', `Welcome shop ${Date.now().toString(36)}`));
    }, 20 * 60_000);

    it('nx g docker-ms:dockerfile warns about allowed hosts; the image starts server/server.mjs and renders on the server once NG_ALLOWED_HOSTS lists the host', async () => {
      const marker = /Welcome shop (\w+)/.exec(fs.readFileSync(path.join(ngRoot, 'apps/shop/src/app/nx-welcome.ts'), 'utf8'))![1];
      const generated = await ngNx(['g', 'docker-ms:dockerfile', 'shop', '--no-interactive']);
      expect(generated.output).toContain('shop: target "build": build option security.allowedHosts is empty → the server renders no request');
      const dockerfile = fs.readFileSync(path.join(ngRoot, 'apps/shop/Dockerfile'), 'utf8');
      expect(dockerfile).toContain('COPY --from=build /app/dist/apps/shop ./dist/apps/shop\n');
      expect(dockerfile).toContain('CMD ["dist/apps/shop/server/server.mjs"]\n');

      await ngNx(['run', 'shop:docker-build']);
      const image = 'shop:latest';
      expect(isNonRoot(imageUser(image))).toBe(true);
      expect(exposedPort(image)).toBe(4000);
      // as the warning says: without the host listed, Angular 22 refuses the request
      const refused = await runAndGet(image, exposedPort(image), await freePort(), null);
      expect(refused.status).toBe(400);
      const res = await runAndGet(image, exposedPort(image), await freePort(), { NG_ALLOWED_HOSTS: '127.0.0.1' });
      expect(res.status).toBe(200);
      expect(res.body).toContain(`Welcome shop ${marker}`);
    });
  });

  describe('one app per package manager, lockfile made by that manager, dependency from the npm registry', () => {
    const appsDir = path.join(state.tmpDir as string, 'pm-apps');
    const tools = path.join(state.tmpDir as string, 'pm-tools');
    // The apps resolve from the npm registry itself (not verdaccio): image builds install from it too.
    const registryEnv = () => {
      const npmrc = path.join(tools, 'npmrc');
      return { NPM_CONFIG_USERCONFIG: npmrc, CI: 'true', YARN_ENABLE_IMMUTABLE_INSTALLS: 'false', YARN_ENABLE_TELEMETRY: '0', YARN_IGNORE_PATH: '0' };
    };
    const cli = () => path.join(root, 'node_modules/.bin/docker-ms');

    beforeAll(async () => {
      fs.rmSync(appsDir, { recursive: true, force: true });
      fs.mkdirSync(tools, { recursive: true });
      fs.writeFileSync(path.join(tools, 'npmrc'), 'registry=https://registry.npmjs.org/\n');
      fs.writeFileSync(path.join(tools, 'package.json'), json({ name: 'pm-tools', private: true }));
      // bun's own package needs its install script; its platform package carries the binary itself
      await exec('npm', ['install', '--no-audit', '--no-fund', 'pnpm@9.15.9', 'yarn@1.22.22', '@yarnpkg/cli-dist@4.9.4', '@oven/bun-linux-x64@1.4.5'], { cwd: tools, env: registryEnv(), timeout: 10 * 60_000 });
    }, 20 * 60_000);

    const server = (lines: string[]) => lines.join('\n') + '\n';
    const PMS = [
      {
        name: 'pnpm-fastify',
        // Fastify's documented start, host and port from env with defaults; pnpm pinned through packageManager
        pkg: { name: 'pnpm-fastify', version: '1.0.0', private: true, main: 'server.js', packageManager: 'pnpm@9.15.9', dependencies: { fastify: '5.6.1' } },
        files: { 'server.js': server([
          "const fastify = require('fastify')();",
          "fastify.get('/', async () => ({ pm: 'pnpm' }));",
          "fastify.listen({ port: Number(process.env.PORT || 4100), host: process.env.HOST || '127.0.0.1' });",
        ]) },
        install: (dir: string) => exec('node', [path.join(tools, 'node_modules/pnpm/bin/pnpm.cjs'), 'install'], { cwd: dir, env: registryEnv(), timeout: 10 * 60_000 }),
        port: 4100,
        setup: "npm install --global 'pnpm@9.15.9'",
        body: { pm: 'pnpm' },
      },
      {
        name: 'yarn1-express',
        // Yarn 1, no packageManager field: the image's own yarn 1.22 installs from yarn.lock
        pkg: { name: 'yarn1-express', version: '1.0.0', private: true, main: 'index.js', dependencies: { express: '4.21.2' } },
        files: { 'index.js': server([
          "const express = require('express');",
          'const app = express();',
          "app.get('/', (req, res) => res.json({ pm: 'yarn1' }));",
          'app.listen(8085);',
        ]) },
        install: (dir: string) => exec('node', [path.join(tools, 'node_modules/yarn/bin/yarn.js'), 'install', '--registry', 'https://registry.npmjs.org/'], { cwd: dir, env: registryEnv(), timeout: 10 * 60_000 }),
        port: 8085,
        setup: null,
        body: { pm: 'yarn1' },
      },
      {
        name: 'yarn4-http',
        // Yarn 4 as `yarn set version` leaves it: the release committed under .yarn/releases, named by yarnPath
        pkg: { name: 'yarn4-http', version: '1.0.0', private: true, main: 'main.js', packageManager: 'yarn@4.9.4', dependencies: { ms: '2.1.3' } },
        files: {
          'main.js': server([
            "const http = require('node:http');",
            "const ms = require('ms');",
            'const port = process.env.PORT ?? 4300;',
            "http.createServer((req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ pm: 'yarn4', minute: ms('1m') }))).listen(port);",
          ]),
          '.yarnrc.yml': 'nodeLinker: node-modules\nenableTelemetry: false\nnpmRegistryServer: "https://registry.npmjs.org"\nyarnPath: .yarn/releases/yarn-4.9.4.cjs\n',
        },
        prepare: (dir: string) => {
          fs.mkdirSync(path.join(dir, '.yarn/releases'), { recursive: true });
          fs.copyFileSync(path.join(tools, 'node_modules/@yarnpkg/cli-dist/bin/yarn.js'), path.join(dir, '.yarn/releases/yarn-4.9.4.cjs'));
        },
        install: (dir: string) => exec('node', ['.yarn/releases/yarn-4.9.4.cjs', 'install'], { cwd: dir, env: registryEnv(), timeout: 10 * 60_000 }),
        port: 4300,
        setup: 'COPY .yarn/releases/yarn-4.9.4.cjs /usr/local/lib/yarn-release.cjs',
        body: { pm: 'yarn4', minute: 60000 },
      },
      {
        name: 'bun-http',
        // Bun as the package manager (bun.lock, packageManager pin); the image still runs on Node
        pkg: { name: 'bun-http', version: '1.0.0', private: true, main: 'index.js', packageManager: 'bun@1.4.5', dependencies: { ms: '2.1.3' } },
        files: { 'index.js': server([
          "const http = require('node:http');",
          "const ms = require('ms');",
          "http.createServer((req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ pm: 'bun', hour: ms('1h') }))).listen(process.env.PORT || 4400);",
        ]) },
        install: (dir: string) => exec(path.join(tools, 'node_modules/@oven/bun-linux-x64/bin/bun'), ['install'], { cwd: dir, env: registryEnv(), timeout: 10 * 60_000 }),
        port: 4400,
        setup: "npm install --global 'bun@1.4.5'",
        body: { pm: 'bun', hour: 3600000 },
      },
      {
        name: 'npm-zero-deps',
        // no production dependency and no lockfile at all: node_modules is still made for the runtime, the
        // install runs without the frozen flag, and detection says the build is not reproducible
        pkg: { name: 'npm-zero-deps', version: '1.0.0', private: true, main: 'server.js' },
        files: { 'server.js': server([
          "const http = require('node:http');",
          "http.createServer((req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ pm: 'npm', deps: 0 }))).listen(process.env.PORT || 4500);",
        ]) },
        install: async () => undefined,
        port: 4500,
        setup: null,
        body: { pm: 'npm', deps: 0 },
        evidence: 'no npm lockfile (project or above): every build resolves dependency versions afresh, so builds are not reproducible',
      },
    ];

    it.each(PMS)('$name: real lockfile, docker-ms dockerfile + build, answers with no env on its EXPOSEd port', async (spec) => {
      const dir = path.join(appsDir, spec.name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), json(spec.pkg));
      for (const [file, text] of Object.entries(spec.files)) fs.writeFileSync(path.join(dir, file), text);
      spec.prepare?.(dir);
      await spec.install(dir);
      fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });

      const detect = await exec(cli(), ['detect', dir, '--workspace-root', dir], { env: registryEnv() });
      log(`${spec.name}: ${detect.stdout}`);
      expect(detect.stdout).toContain(`port ${spec.port} (EXPOSE ${spec.port})`);
      if ('evidence' in spec) expect(detect.stdout).toContain(spec.evidence);
      await exec(cli(), ['dockerfile', dir, '--write', '--workspace-root', dir], { env: registryEnv() });
      const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      expect(dockerfile).not.toMatch(/corepack|@latest/);
      if (spec.setup) expect(dockerfile).toContain(spec.setup);
      expect(dockerfile).toContain(`\nEXPOSE ${spec.port}\n`);

      const image = `docker-ms-e2e-pm/${spec.name}:latest`;
      await exec(cli(), ['build', dir, '--tags', image], { env: { ...registryEnv(), PATH: `/usr/bin:${process.env.PATH}` }, timeout: TIMEOUT, echo: true });
      expect(isNonRoot(imageUser(image))).toBe(true);
      const res = await runAndGet(image, exposedPort(image), await freePort(), null);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual(spec.body);
    });
  });

});
