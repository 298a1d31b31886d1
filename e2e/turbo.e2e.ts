// Turborepo end to end: a fresh npm-workspaces Turborepo (turbo + @turbo/gen 2.11.9, @docker-ms/turbo
// from the local registry) with two Node apps sharing a built local package and one Go app behind a
// package.json wrapper. `docker-ms init`, `turbo gen docker-ms-dockerfile --args <app>` per app,
// `turbo run docker-build --filter=<app>` builds images that answer on 127.0.0.1; editing the other
// Node app leaves this app's install step CACHED (the log lines land in e2e/.results/).
import fs from 'node:fs';
import path from 'node:path';
import { DOCKER, E2E_VERSION, RESULTS_DIR, describeE2e, log, readState, type E2eState } from './support/env';
import { commitWorkspace, exec, execSync, type ExecOptions } from './support/exec';
import { imageExists, imageUser, isNonRoot, runAndGet } from './support/docker';

const TURBO_VERSION = '2.11.9';
const SECRET_TOKEN = 'e2e-secret-npm-token-3f9c1a';

interface TurboApp {
  name: string;
  dir: string;
  language: 'node' | 'go';
  port: number;
  hostPort: number;
}

const APPS: TurboApp[] = [
  { name: 'web', dir: 'apps/web', language: 'node', port: 3000, hostPort: 18311 },
  { name: 'admin', dir: 'apps/admin', language: 'node', port: 3000, hostPort: 18312 },
  { name: 'goapi', dir: 'apps/goapi', language: 'go', port: 8080, hostPort: 18313 },
];

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

function nodeServer(app: string): string {
  return [
    "const http = require('node:http');",
    "const { greet } = require('@e2e/greeting');",
    `const port = Number(process.env.PORT || 3000);`,
    'http',
    `  .createServer((req, res) => {`,
    `    res.setHeader('content-type', 'application/json');`,
    `    res.end(JSON.stringify({ app: '${app}', language: 'node', message: greet('${app}') }));`,
    '  })',
    `  .listen(port, () => console.log('${app} listening on ' + port));`,
    '',
  ].join('\n');
}

interface TurboWorkspace {
  root: string;
  env: NodeJS.ProcessEnv;
  /** npmrc given to image builds as the BuildKit secret `npmrc` (holds a token that must not reach an image). */
  secretNpmrc: string;
  run(cmd: string, args: string[], opts?: ExecOptions): ReturnType<typeof exec>;
}

async function createTurboWorkspace(state: E2eState): Promise<TurboWorkspace> {
  const t0 = Date.now();
  const root = path.join(state.tmpDir as string, 'turbo-workspace');
  fs.rmSync(root, { recursive: true, force: true });
  // Image builds reach verdaccio through the docker bridge gateway: the lockfile's URLs name it.
  const [, buildHost] = state.registryHosts as string[];
  const registry = `http://${buildHost}:${state.registryPort}/`;
  const npmVersion = execSync('npm', ['--version']).stdout.trim();
  write(root, {
    '.npmrc': `registry=${registry}\n`,
    '.nvmrc': '26\n',
    '.gitignore': 'node_modules/\ndist/\n.turbo/\n',
    'package.json': json({
      name: 'turbo-e2e',
      private: true,
      packageManager: `npm@${npmVersion}`,
      workspaces: ['apps/*', 'packages/*'],
      devDependencies: { turbo: TURBO_VERSION, '@turbo/gen': TURBO_VERSION, '@docker-ms/turbo': E2E_VERSION },
    }),
    'turbo.json': json({ $schema: 'https://turborepo.dev/schema.json', tasks: { build: { dependsOn: ['^build'], outputs: ['dist/**'] } } }),
    // a local package with a build step: the images need its built output
    'packages/greeting/package.json': json({ name: '@e2e/greeting', version: '1.0.0', private: true, main: 'dist/index.js', scripts: { build: 'node build.js' } }),
    'packages/greeting/src/index.js': "exports.greet = (who) => `hello ${who} from @e2e/greeting`;\n",
    'packages/greeting/build.js':
      "const fs = require('node:fs');\nfs.mkdirSync('dist', { recursive: true });\nfs.copyFileSync('src/index.js', 'dist/index.js');\n",
    'apps/web/package.json': json({ name: 'web', version: '1.0.0', private: true, main: 'server.js', scripts: { start: 'node server.js' }, dependencies: { '@e2e/greeting': '*' } }),
    'apps/web/server.js': nodeServer('web'),
    'apps/admin/package.json': json({ name: 'admin', version: '1.0.0', private: true, main: 'server.js', scripts: { start: 'node server.js' }, dependencies: { '@e2e/greeting': '*' } }),
    'apps/admin/server.js': nodeServer('admin'),
    // a Go app the way Turborepo users add one: a package.json wrapper with a name and scripts only
    'apps/goapi/package.json': json({ name: 'goapi', private: true, scripts: { dev: 'go run .' } }),
    'apps/goapi/go.mod': 'module example.com/goapi\n\ngo 1.26\n',
    'apps/goapi/main.go': [
      'package main',
      '',
      'import (',
      '\t"fmt"',
      '\t"net/http"',
      '\t"os"',
      ')',
      '',
      'func main() {',
      '\tport := os.Getenv("PORT")',
      '\tif port == "" {',
      '\t\tport = "8080"',
      '\t}',
      '\thttp.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {',
      '\t\tw.Header().Set("content-type", "application/json")',
      '\t\tfmt.Fprint(w, `{"app":"goapi","language":"go"}`)',
      '\t})',
      '\tif err := http.ListenAndServe(":"+port, nil); err != nil {',
      '\t\tpanic(err)',
      '\t}',
      '}',
      '',
    ].join('\n'),
  });
  const secretNpmrc = path.join(state.tmpDir as string, 'turbo-secret.npmrc');
  fs.writeFileSync(secretNpmrc, `//${buildHost}:${state.registryPort}/:_authToken=${SECRET_TOKEN}\n`);

  const env: NodeJS.ProcessEnv = {
    NPM_CONFIG_USERCONFIG: state.npmrc,
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    CI: 'true',
  };
  await exec('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, env, timeout: 10 * 60_000 });
  await commitWorkspace(root, env);
  log(`turbo workspace ${root} ready in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  return {
    root,
    env,
    secretNpmrc,
    run: (cmd, args, opts = {}) => exec(cmd, args, { cwd: root, env, timeout: 30 * 60_000, echo: true, ...opts }),
  };
}

/** BuildKit plain-progress lines of the step whose title matches, with its CACHED/DONE line. */
function stepLines(output: string, title: RegExp): string[] {
  const lines = output.split('\n').map((l) => l.replace(/^\S+:docker-build:\s?/, ''));
  const head = lines.find((l) => /^#\d+ \[/.test(l) && title.test(l));
  if (!head) return [];
  const id = head.split(' ')[0];
  return lines.filter((l) => l.startsWith(`${id} `) && (l === head || /^#\d+ (CACHED|DONE|ERROR)/.test(l)));
}

describeE2e('@docker-ms/turbo in a fresh Turborepo (npm workspaces)', () => {
  let ws: TurboWorkspace;
  const read = (rel: string) => fs.readFileSync(path.join(ws.root, rel), 'utf8');
  const readJson = (rel: string) => JSON.parse(read(rel));
  const dockerBuild = (app: TurboApp) =>
    ws.run('npx', ['turbo', 'run', 'docker-build', `--filter=${app.name}`, '--', '--secret', `id=npmrc,src=${ws.secretNpmrc}`]);

  beforeAll(async () => {
    ws = await createTurboWorkspace(readState());
  }, 20 * 60_000);

  it('installs @docker-ms/turbo from the registry as a real package', () => {
    const installed = path.join(ws.root, 'node_modules/@docker-ms/turbo');
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(readJson('node_modules/@docker-ms/turbo/package.json').version).toBe(E2E_VERSION);
    expect(readJson('node_modules/turbo/package.json').version).toBe(TURBO_VERSION);
  });

  it('docker-ms init writes the generators config and the docker-build task; a second run changes nothing', async () => {
    const first = await ws.run('npx', ['docker-ms', 'init']);
    expect(first.stdout).toContain('created   turbo/generators/config.js');
    expect(first.stdout).toContain('updated   turbo.json (task docker-build)');
    const task = readJson('turbo.json').tasks['docker-build'];
    expect(task).toMatchObject({ cache: false, dependsOn: ['^build'] });
    expect(task.passThroughEnv).toEqual(expect.arrayContaining(['DOCKER_*', 'BUILDKIT_*', 'NPM_TOKEN']));
    // npm links core's docker-ms bin (hoisted core wins the name); core finds init in @docker-ms/turbo.
    // The package's own bin has it too.
    expect(fs.realpathSync(path.join(ws.root, 'node_modules/.bin/docker-ms'))).toMatch(/node_modules\/@docker-ms\/(core|turbo)\/bin\/docker-ms\.js$/);
    const own = await ws.run('node', ['node_modules/@docker-ms/turbo/bin/docker-ms.js', 'init', '--help'], { echo: false });
    expect(own.stdout).toMatch(/^Usage: docker-ms init/);
    const before = read('turbo.json') + read('turbo/generators/config.js');
    const second = await ws.run('npx', ['docker-ms', 'init']);
    expect(second.stdout).not.toMatch(/^(created|updated)/m);
    expect(read('turbo.json') + read('turbo/generators/config.js')).toBe(before);
  });

  describe.each(APPS)('$name ($language)', (app) => {
    it(`turbo gen docker-ms-dockerfile --args ${app.name} writes the Dockerfile and the docker-build script, no prompt`, async () => {
      const r = await ws.run('npx', ['turbo', 'gen', 'docker-ms-dockerfile', '--args', app.name], { timeout: 5 * 60_000 });
      expect(r.output).toContain('docker-ms:render');
      const dockerfile = read(`${app.dir}/Dockerfile`);
      const script = readJson(`${app.dir}/package.json`).scripts['docker-build'];
      if (app.language === 'node') {
        expect(dockerfile).toContain(`turbo prune ${app.name} --docker`);
        expect(dockerfile).toContain('--mount=type=secret,id=npmrc');
        expect(dockerfile).not.toMatch(/^\s*(ARG|ENV)\s+\S*(TOKEN|NPMRC)/im);
        expect(script).toBe(`docker-ms build . --context ../.. --name turbo-e2e/${app.name}`);
      } else {
        expect(dockerfile).not.toContain('turbo prune');
        expect(fs.existsSync(path.join(ws.root, app.dir, '.dockerignore'))).toBe(true);
        expect(script).toBe(`docker-ms build . --name turbo-e2e/${app.name}`);
      }
      // a second run keeps the file (no overwrite asked)
      const again = await ws.run('npx', ['turbo', 'gen', 'docker-ms-dockerfile', '--args', app.name], { timeout: 5 * 60_000 });
      expect(again.output).toContain(`skipped   ${app.dir}/Dockerfile`);
      expect(read(`${app.dir}/Dockerfile`)).toBe(dockerfile);
    });

    it(`turbo run docker-build --filter=${app.name} builds an image that answers on 127.0.0.1 as non-root`, async () => {
      await dockerBuild(app);
      expect(imageExists(`turbo-e2e/${app.name}:latest`)).toBe(true);
      expect(isNonRoot(imageUser(`turbo-e2e/${app.name}:latest`))).toBe(true);
      const res = await runAndGet(`turbo-e2e/${app.name}:latest`, app.port, app.hostPort);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ app: app.name, language: app.language });
      if (app.language === 'node') expect(JSON.parse(res.body).message).toBe(`hello ${app.name} from @e2e/greeting`);
    });
  });

  it('the npmrc secret reaches the install but not the image', () => {
    const history = execSync(DOCKER, ['history', '--no-trunc', 'turbo-e2e/web:latest']).stdout;
    const config = execSync(DOCKER, ['image', 'inspect', 'turbo-e2e/web:latest']).stdout;
    expect(history + config).not.toContain(SECRET_TOKEN);
    const saved = execSync('sh', ['-c', `${DOCKER} save turbo-e2e/web:latest | tar -xO --wildcards '*.tar' 2>/dev/null | grep -c '${SECRET_TOKEN}' || true`]).stdout.trim();
    expect(saved).toBe('0');
  });

  it("editing the other Node app leaves web's install step CACHED; changing web's manifest re-runs it", async () => {
    const web = APPS[0];
    fs.appendFileSync(path.join(ws.root, 'apps/admin/server.js'), `// edited ${Date.now()}\n`);
    const rebuild = await dockerBuild(web);
    const install = stepLines(rebuild.output, /\[deps \d+\/\d+\] RUN/);
    const prune = stepLines(rebuild.output, /\[prune \d+\/\d+\] RUN/);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const evidence = ['# web rebuilt after editing apps/admin/server.js', ...prune, ...install].join('\n') + '\n';
    fs.writeFileSync(path.join(RESULTS_DIR, 'turbo-cached-rebuild.log'), evidence);
    log(`cached rebuild evidence:\n${evidence}`);
    expect(install.length).toBeGreaterThanOrEqual(2);
    expect(install.at(-1)).toMatch(/^#\d+ CACHED$/);
    // prune did run again on the changed context: the cache hit comes from its identical output
    expect(prune.at(-1)).toMatch(/^#\d+ DONE/);

    const manifest = readJson('apps/web/package.json');
    fs.writeFileSync(path.join(ws.root, 'apps/web/package.json'), json({ ...manifest, version: `1.0.${Date.now()}` }));
    const changed = await dockerBuild(web);
    const reinstall = stepLines(changed.output, /\[deps \d+\/\d+\] RUN/);
    log(`after changing apps/web/package.json:\n${reinstall.join('\n')}`);
    expect(reinstall.at(-1)).toMatch(/^#\d+ DONE/);
    const res = await runAndGet('turbo-e2e/web:latest', web.port, web.hostPort);
    expect(res.status).toBe(200);
  });
});
