// Turborepo monorepos shaped like create-turbo's, one per package manager (npm, pnpm, Yarn 4 with its committed
// release, Bun): apps/web in TypeScript (typescript is a devDependency, tsc builds dist/) importing the internal
// package @repo/shared at runtime, apps/worker, `packageManager` pinned. The user's commands:
// `docker-ms init`, `turbo gen docker-ms-dockerfile --args web`, `turbo run docker-build`. Then: the image
// answers on its EXPOSEd port with no -e, with @repo/shared's output; its file list has no devDependency and no
// TypeScript source; editing apps/worker leaves web's install layers CACHED.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DOCKER, E2E_VERSION, REPO_ROOT, RESULTS_DIR, describeE2e, log, readState } from './support/env';
import { commitWorkspace, exec, execSync } from './support/exec';
import { exposedPort, freePort, imageExists, imageUser, isNonRoot, runAndGet } from './support/docker';

const TURBO_VERSION = '2.11.9';
const TIMEOUT = 30 * 60_000;
const PNPM = '10.34.9';
const YARN = '4.9.4';
const BUN = '1.4.5';
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

type Pm = 'npm' | 'pnpm' | 'yarn4' | 'bun';
const DEV_DEPENDENCIES = ['typescript', 'turbo', '@turbo/gen', '@docker-ms/turbo', '@docker-ms/core'];

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

/** apps/web's server: compiled by tsc; no @types/node, so the two globals it uses are declared. */
const WEB_SERVER = [
  'declare const require: (id: string) => any;',
  'declare const process: { env: Record<string, string | undefined> };',
  "const http = require('node:http');",
  "const { greet } = require('@repo/shared');",
  'const port: number = Number(process.env.PORT ?? 4311);',
  'http',
  '  .createServer((_req: unknown, res: { setHeader(k: string, v: string): void; end(body: string): void }) => {',
  "    res.setHeader('content-type', 'application/json');",
  "    res.end(JSON.stringify({ app: 'web', message: greet('web') }));",
  '  })',
  "  .listen(port, () => console.log('web listening on ' + port));",
  '',
].join('\n');

describeE2e('Turborepo monorepos per package manager: lean images that answer', () => {
  const state = readState();
  // Image builds reach verdaccio through the docker bridge gateway (the workspace's settings name it); host-side
  // installs use 127.0.0.1, where verdaccio itself listens.
  const [hostHost, buildHost] = state.registryHosts as string[];
  const registryHost = `${buildHost}:${state.registryPort}`;
  const tools = path.join(state.tmpDir as string, 'turbo-pm-tools');
  // pnpm, yarn and bun on PATH, as on a user's machine: turbo gen and turbo run call the workspace's package manager
  const env: NodeJS.ProcessEnv = { PATH: `${path.join(tools, 'node_modules/.bin')}:${process.env.PATH}`, NPM_CONFIG_USERCONFIG: state.npmrc, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', CI: 'true', YARN_ENABLE_TELEMETRY: '0' };

  beforeAll(async () => {
    fs.mkdirSync(tools, { recursive: true });
    fs.writeFileSync(path.join(tools, 'package.json'), json({ name: 'turbo-pm-tools', private: true }));
    await exec('npm', ['install', '--no-audit', '--no-fund', `pnpm@${PNPM}`, `@yarnpkg/cli-dist@${YARN}`, `bun@${BUN}`], { cwd: tools, env, timeout: 10 * 60_000 });
  }, 20 * 60_000);

  // pnpm resolves a tarball's dependencies from the registry: without the override, adding the turbo tarball
  // fails with "@docker-ms/core is not in the npm registry" (core is not published where this workspace looks).
  it('installs @docker-ms/turbo from packed tarballs into a pnpm workspace (core mapped to its tarball)', async () => {
    const ws = path.join(state.tmpDir as string, 'turbo-pnpm-tarballs');
    fs.rmSync(ws, { recursive: true, force: true });
    fs.mkdirSync(ws, { recursive: true });
    const packed = await exec('npm', ['pack', '--json', '--pack-destination', ws, path.join(REPO_ROOT, 'packages/core'), path.join(REPO_ROOT, 'packages/turbo')], { cwd: ws, env, timeout: 5 * 60_000 });
    const [core, turbo] = (JSON.parse(packed.stdout) as Array<{ filename: string }>).map((p) => p.filename.replace(/^@docker-ms\//, 'docker-ms-'));
    // a registry that has neither package: the real one, whatever the user config says
    const isolated = { ...env, npm_config_registry: 'https://registry.npmjs.org/' };
    write(ws, {
      'package.json': json({ name: 'tarballs', private: true, packageManager: `pnpm@${PNPM}` }),
      'pnpm-workspace.yaml': `packages:\n  - apps/*\n`,
      'apps/web/package.json': json({ name: 'web', version: '1.0.0', private: true }),
      'turbo.json': json({ tasks: { build: { dependsOn: ['^build'] } } }),
    });
    const pnpm = (args: string[], opts: { allowFailure?: boolean } = {}) =>
      exec('node', [path.join(tools, 'node_modules/pnpm/bin/pnpm.cjs'), ...args], { cwd: ws, env: isolated, timeout: 10 * 60_000, echo: true, ...opts });
    const alone = await pnpm(['add', '-D', '-w', `./${turbo}`], { allowFailure: true });
    expect(alone.output).toContain('@docker-ms/core is not in the npm registry');
    fs.appendFileSync(path.join(ws, 'pnpm-workspace.yaml'), `overrides:\n  "@docker-ms/core": "file:./${core}"\n`);
    // docs/getting-started-turborepo.md: pnpm add -D -w ./docker-ms-core-0.1.0.tgz ./docker-ms-turbo-0.1.0.tgz
    await pnpm(['add', '-D', '-w', `./${core}`, `./${turbo}`]);
    const init = await exec(path.join(ws, 'node_modules/.bin/docker-ms'), ['init'], { cwd: ws, env, timeout: 5 * 60_000, echo: true });
    expect(init.stdout).toContain('created   turbo/generators/config.js');
  }, 20 * 60_000);

  describe.each<Pm>(['npm', 'pnpm', 'yarn4', 'bun'])('%s', (pm) => {
    const root = path.join(state.tmpDir as string, `turbo-${pm}`);
    const image = `turbo-${pm}/web:latest`;
    // a registry token planted where each package manager reads it (root .npmrc; Yarn 4: NPM_TOKEN, named in
    // .yarnrc.yml); verdaccio serves these packages to anyone, the token only has to stay out of the image
    const canary = `turbo-pm-canary-${pm}-${crypto.randomBytes(8).toString('hex')}`;
    // Yarn's own global folder per run: its metadata cache would otherwise hand out tarball URLs of an earlier
    // run's registry port
    const pmEnv: NodeJS.ProcessEnv = pm === 'yarn4' ? { ...env, NPM_TOKEN: canary, YARN_GLOBAL_FOLDER: path.join(state.tmpDir as string, 'yarn-global') } : env;
    const run = (cmd: string, args: string[]) => exec(cmd, args, { cwd: root, env: pmEnv, timeout: TIMEOUT, echo: true });
    const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
    const dockerBuild = (...extra: string[]) => run(bin('turbo'), ['run', 'docker-build', ...extra]);

    beforeAll(async () => {
      const t0 = Date.now();
      fs.rmSync(root, { recursive: true, force: true });
      // an image left by an earlier run must not answer for this one
      execSync(DOCKER, ['rmi', '-f', image, `turbo-${pm}/web:e2e`], { allowFailure: true });
      const npmVersion = execSync('npm', ['--version']).stdout.trim();
      const internal = pm === 'npm' ? '*' : 'workspace:*';
      const rootPkg: Record<string, unknown> = {
        name: `turbo-${pm}`,
        private: true,
        packageManager: { npm: `npm@${npmVersion}`, pnpm: `pnpm@${PNPM}`, yarn4: `yarn@${YARN}`, bun: `bun@${BUN}` }[pm],
        devDependencies: { turbo: TURBO_VERSION, '@turbo/gen': TURBO_VERSION, '@docker-ms/turbo': E2E_VERSION },
      };
      if (pm !== 'pnpm') rootPkg.workspaces = ['apps/*', 'packages/*'];
      write(root, {
        '.gitignore': 'node_modules/\ndist/\n.turbo/\n.yarn/install-state.gz\n',
        '.nvmrc': '26\n',
        'package.json': json(rootPkg),
        // Yarn 4 reads NPM_TOKEN (.yarnrc.yml) on every `yarn run`, so its tasks need it through turbo's strict env
        'turbo.json': json({ $schema: 'https://turborepo.dev/schema.json', ...(pm === 'yarn4' ? { globalPassThroughEnv: ['NPM_TOKEN'] } : {}), tasks: { build: { dependsOn: ['^build'], outputs: ['dist/**'] } } }),
        'packages/shared/package.json': json({ name: '@repo/shared', version: '1.0.0', private: true, main: 'dist/index.js', scripts: { build: 'node build.js' } }),
        'packages/shared/src/index.js': "exports.greet = (who) => `hello ${who} from @repo/shared`;\n",
        'packages/shared/build.js': "const fs = require('node:fs');\nfs.mkdirSync('dist', { recursive: true });\nfs.copyFileSync('src/index.js', 'dist/index.js');\n",
        'apps/web/package.json': json({
          name: 'web',
          version: '1.0.0',
          private: true,
          main: 'dist/server.js',
          scripts: { build: 'tsc -p .', start: 'node dist/server.js' },
          dependencies: { '@repo/shared': internal },
          devDependencies: { typescript: '6.0.3' },
        }),
        'apps/web/tsconfig.json': json({ compilerOptions: { module: 'commonjs', target: 'es2022', outDir: 'dist', rootDir: 'src', strict: true, types: [] }, include: ['src'] }),
        'apps/web/src/server.ts': WEB_SERVER,
        'apps/worker/package.json': json({ name: 'worker', version: '1.0.0', private: true, main: 'src/index.js', dependencies: { '@repo/shared': internal } }),
        'apps/worker/src/index.js': "const { greet } = require('@repo/shared');\nconsole.log(greet('worker'));\n",
      });
      if (pm === 'yarn4') {
        // as `yarn set version` leaves it: the release committed under .yarn/releases, named by yarnPath; the
        // registry token read from the environment, the usual Yarn 2+ setup (the build gets it as the npm_token secret)
        const release = `.yarn/releases/yarn-${YARN}.cjs`;
        fs.mkdirSync(path.join(root, '.yarn/releases'), { recursive: true });
        fs.copyFileSync(path.join(tools, 'node_modules/@yarnpkg/cli-dist/bin/yarn.js'), path.join(root, release));
        write(root, {
          // npm in the image (the global turbo install) reads the npmrc secret: the user config names 127.0.0.1
          '.npmrc': `registry=http://${registryHost}/\n`,
          '.yarnrc.yml': `nodeLinker: node-modules\nenableTelemetry: false\nnpmRegistryServer: "http://${registryHost}"\nnpmAuthToken: "\${NPM_TOKEN}"\nunsafeHttpWhitelist:\n  - "${buildHost}"\n  - "${hostHost}"\nyarnPath: ${release}\n`,
        });
        const hostRegistry = `http://${hostHost}:${state.registryPort}`;
        await exec('node', [release, 'install'], { cwd: root, env: { ...pmEnv, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false', YARN_NPM_REGISTRY_SERVER: hostRegistry }, timeout: TIMEOUT, echo: true });
        // Yarn records the tarball URL of a package verdaccio serves itself (ours) in the lockfile: name the
        // address image builds use, as a lockfile made against that registry would
        const lock = path.join(root, 'yarn.lock');
        fs.writeFileSync(lock, fs.readFileSync(lock, 'utf8').replaceAll(encodeURIComponent(hostRegistry), encodeURIComponent(`http://${registryHost}`)));
      } else {
        // a token in the root .npmrc, as a private registry needs: docker-ms passes the file as the npmrc secret
        write(root, { '.npmrc': `registry=http://${registryHost}/\n//${registryHost}/:_authToken=${canary}\n` });
        const hostNpmrc = { ...env, npm_config_registry: `http://${hostHost}:${state.registryPort}/` };
        if (pm === 'pnpm') {
          write(root, { 'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - packages/*\n' });
          // CI=true makes pnpm default to a frozen lockfile; this install writes it
          await exec('node', [path.join(tools, 'node_modules/pnpm/bin/pnpm.cjs'), 'install', '--no-frozen-lockfile'], { cwd: root, env: hostNpmrc, timeout: TIMEOUT, echo: true });
        } else {
          // npm's and Bun's lockfiles record each tarball's URL: install against the address image builds use
          await run(pm === 'bun' ? path.join(tools, 'node_modules/.bin/bun') : 'npm', pm === 'bun' ? ['install'] : ['install', '--no-audit', '--no-fund']);
        }
      }
      await commitWorkspace(root, env);
      log(`turbo-${pm} ready in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    }, 20 * 60_000);

    it('docker-ms init, turbo gen docker-ms-dockerfile --args web, turbo run docker-build', async () => {
      await run(bin('docker-ms'), ['init']);
      await run(bin('turbo'), ['gen', 'docker-ms-dockerfile', '--args', 'web']);
      const dockerfile = fs.readFileSync(path.join(root, 'apps/web/Dockerfile'), 'utf8');
      log(`apps/web/Dockerfile (${pm}):\n${dockerfile}`);
      expect(JSON.parse(fs.readFileSync(path.join(root, 'apps/web/package.json'), 'utf8')).scripts['docker-build']).toBe(
        `docker-ms build . --context ../.. --name turbo-${pm}/web`,
      );
      // the package manager the repo pins, never corepack or a "latest" download
      expect(dockerfile).not.toMatch(/corepack|@latest/);
      if (pm === 'pnpm') expect(dockerfile).toContain(`npm install --global 'pnpm@${PNPM}'`);
      if (pm === 'yarn4') {
        expect(dockerfile).toContain(`COPY .yarn/releases/yarn-${YARN}.cjs `);
        expect(dockerfile).not.toContain('cli-dist');
      }
      await dockerBuild();
      expect(imageExists(image)).toBe(true);
      expect(isNonRoot(imageUser(image))).toBe(true);
    });

    it('answers on its EXPOSEd port with no -e, with the internal package output', async () => {
      expect(exposedPort(image)).toBe(4311);
      const res = await runAndGet(image, exposedPort(image), await freePort(), null);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ app: 'web', message: 'hello web from @repo/shared' });
    });

    it('holds no devDependency, no TypeScript source and no package-manager settings', () => {
      const container = execSync(DOCKER, ['create', image]).stdout.trim();
      let files: string[];
      try {
        files = execSync('sh', ['-c', `${DOCKER} export ${container} | tar -t`]).stdout.split('\n').filter((f) => f.startsWith('app/'));
      } finally {
        execSync(DOCKER, ['rm', container], { allowFailure: true });
      }
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      fs.writeFileSync(path.join(RESULTS_DIR, `turbo-${pm}-files.txt`), files.join('\n') + '\n');
      log(`${image}: ${files.length} entries under /app`);
      expect(files).toContain('app/apps/web/dist/server.js');
      expect(files).toContain('app/packages/shared/dist/index.js');
      for (const dep of DEV_DEPENDENCIES) {
        // node_modules/typescript/…, pnpm's node_modules/.pnpm/typescript@6.0.3/…, bun's node_modules/.bun/…
        const at = new RegExp(`node_modules/(?:\\.pnpm/|\\.bun/)?${dep.replace('/', '[/+]')}(?:@|/|$)`);
        expect(files.filter((f) => at.test(f))).toEqual([]);
      }
      expect(files.filter((f) => /\.ts$|tsconfig|\.npmrc$|\.yarnrc\.yml$|\.yarn\/|\.turbo\//.test(f))).toEqual([]);
    });

    it('holds the planted registry token in no layer, config or history', () => {
      const saved = path.join(state.tmpDir as string, `turbo-${pm}-image.tar`);
      try {
        execSync(DOCKER, ['save', '-o', saved, image]);
        // docker save writes each layer as an uncompressed tar, next to the config JSON (history included)
        expect(fs.readFileSync(saved).includes(canary)).toBe(false);
        expect(fs.readFileSync(saved).length).toBeGreaterThan(1_000_000);
      } finally {
        fs.rmSync(saved, { force: true });
      }
      expect(execSync(DOCKER, ['history', '--no-trunc', image]).stdout).not.toContain(canary);
    });

    it("editing apps/worker leaves web's install layers CACHED; -- --tag {name}:… tags each app by its own name", async () => {
      fs.appendFileSync(path.join(root, 'apps/worker/src/index.js'), `// edited ${Date.now()}\n`);
      const rebuild = await dockerBuild('--', '--tag', '{name}:e2e');
      expect(imageExists(`turbo-${pm}/web:e2e`)).toBe(true);
      const lines = rebuild.output.split('\n').map((l) => l.replace(/^\S+:docker-build:\s?/, ''));
      const step = (title: RegExp) => {
        const head = lines.find((l) => /^#\d+ \[/.test(l) && title.test(l));
        const id = head?.split(' ')[0];
        return id ? lines.filter((l) => l === head || l.startsWith(`${id} CACHED`) || l.startsWith(`${id} DONE`)) : [];
      };
      const deps = step(/\[deps \d+\/\d+\] RUN/);
      const prod = step(/\[prod-deps \d+\/\d+\] RUN/);
      const evidence = [`# turbo-${pm}: web rebuilt after editing apps/worker/src/index.js`, ...deps, ...prod].join('\n') + '\n';
      fs.writeFileSync(path.join(RESULTS_DIR, `turbo-${pm}-cached-rebuild.log`), evidence);
      log(evidence);
      expect(deps.at(-1)).toMatch(/^#\d+ CACHED$/);
      expect(prod.at(-1)).toMatch(/^#\d+ CACHED$/);
    });
  });
});
