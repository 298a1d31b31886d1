// What a person sees: `nx run <app>:docker-build` in a real terminal (a pseudo-terminal from `script`)
// shows the engine's own live display; piped or in CI it prints plain lines and counts cache hits;
// --verbose (Nx's global flag) adds the engine choice; mistyped flags and stages get a suggestion;
// nx run-many ends with one table for all images, with the Nx daemon on or off.
// (`nx run app:docker-build:biuld` is not here: Nx 23 resolves a configuration the target lacks to the
// default before the task exists, so the executor never sees `biuld`.)
// Every build ends with the size table, and the metadata JSON carries the same figures.
// The workspace installs docker-ms the way docs/getting-started-nx.md says for a checkout (npm run pack into
// vendor/, npm install -D the tarballs), and its Node app still builds: the image's install reads the tarballs
// from the context.
import fs from 'node:fs';
import path from 'node:path';
import { DOCKER, REPO_ROOT, describeE2e, log, readState } from './support/env';
import { exec, execSync } from './support/exec';
import { imageExists, imageSize, imageUser, isNonRoot, runAndGet } from './support/docker';
import { APPS, createWorkspace, type Workspace } from './support/workspace';

const APP = 'go-api';

/** Runs a command line under a pseudo-terminal, as a person at a terminal would; returns what the terminal showed. */
async function inTerminal(ws: Workspace, commandLine: string, env: NodeJS.ProcessEnv) {
  return exec('script', ['-qec', commandLine, '/dev/null'], { cwd: ws.root, env: { ...ws.env, ...env }, timeout: 10 * 60_000, allowFailure: true });
}

// BuildKit's plain records (`#7 [build 2/5] RUN …`) versus its live display (`[+] Building 3.1s (12/12)`).
const PLAIN_RECORD = /^#\d+ \[[^\]]+\] /m;
const LIVE_DISPLAY = /\[\+\] Building [\d.]+s \(\d+\/\d+\)/;
const TABLE_ROW = new RegExp(`^(?:\\S*\\s)?${APP}:latest +runtime +[\\d.]+ [KMG]B +\\S+ +[\\d.]+ [KMG]B +−\\d+ % +[\\d.]+ s +`, 'm');
// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

describeE2e('the build experience (progress, size report, --verbose, suggestions)', () => {
  let ws: Workspace;
  const metadataFile = () => path.join(ws.root, 'dist/docker/apps', APP, 'metadata.json');

  beforeAll(async () => {
    ws = await createWorkspace(readState(), { dockerMs: null, apps: [APP, 'node-api'] });
    // from a checkout, as docs/getting-started-nx.md says: pack into the workspace's vendor/, install the tarballs
    await exec('bash', ['-c', 'npm run pack -- "$WORKSPACE/vendor/docker-ms"'], { cwd: REPO_ROOT, env: { WORKSPACE: ws.root }, timeout: 10 * 60_000 });
    await exec('npm', ['install', '-D', './vendor/docker-ms/docker-ms-0.1.0.tgz', './vendor/docker-ms/docker-ms-core-0.1.0.tgz', '--no-audit', '--no-fund'], { cwd: ws.root, env: ws.env, timeout: 10 * 60_000 });
    await ws.nx(['g', 'docker-ms:init', '--no-interactive']);
    await ws.nx(['g', 'docker-ms:dockerfile', APP, '--no-interactive']);
    // On a terminal Nx 23 first asks whether to share usage data and waits; a person answers once, nx.json keeps it.
    const nxJson = path.join(ws.root, 'nx.json');
    fs.writeFileSync(nxJson, JSON.stringify({ ...JSON.parse(fs.readFileSync(nxJson, 'utf8')), analytics: false }, null, 2) + '\n');
  }, 20 * 60_000);

  it('in a terminal, the engine\'s live display reaches the user (not plain records), then the size table', async () => {
    // CI unset: a person's terminal. --skip-nx-cache so the executor runs rather than Nx replaying a cached run.
    const r = await inTerminal(ws, `npx nx run ${APP}:docker-build --skip-nx-cache`, { CI: '', NX_TUI: 'false' });
    const shown = stripAnsi(r.output);
    log(shown.split('\n').slice(-14).join('\n'));
    expect(r.code).toBe(0);
    expect(shown).toMatch(LIVE_DISPLAY);
    expect(shown).not.toMatch(PLAIN_RECORD);
    expect(shown).toMatch(/^(?:\S*\s)?building go-api:latest \(stage runtime\) with docker \S+/m);
    expect(shown).toMatch(TABLE_ROW);
    // engine-choice details are --verbose's
    expect(shown).not.toMatch(/which has no buildx plugin/);
    // our own lines are coloured on a terminal…
    expect(r.output).toMatch(/\u001b\[36mbuilding go-api:latest/);
    // …unless NO_COLOR says otherwise
    const plainColours = await inTerminal(ws, `npx nx run ${APP}:docker-build --skip-nx-cache --rebuild`, { CI: '', NX_TUI: 'false', NO_COLOR: '1' });
    expect(plainColours.code).toBe(0);
    expect(plainColours.output).toContain('building ');
    expect(plainColours.output).not.toMatch(/\u001b\[36mbuilding/);
  });

  it('piped (CI), --verbose: plain engine output, the engine choice and command, cache hits counted, figures in the metadata', async () => {
    const run = await ws.nx(['run', `${APP}:docker-build`, '--verbose', '--skip-nx-cache', '--rebuild']);
    // Nx sets FORCE_COLOR=true for its tasks even when piped, so our lines may be coloured here
    const r = { output: stripAnsi(run.output) };
    expect(r.output).not.toMatch(/unknown build option/);
    expect(r.output).toMatch(PLAIN_RECORD);
    expect(r.output).not.toMatch(LIVE_DISPLAY);
    expect(r.output).toMatch(/^engine: \/\S+\/docker \S+ .*BuildKit|^engine: \/\S+\/docker \S+ buildx/m);
    expect(r.output).toMatch(/^command: .*docker (buildx )?build .*--progress=plain /m);
    expect(r.output).toMatch(TABLE_ROW);
    // built just before: every step but the final COPYs comes from the cache
    const row = r.output.split('\n').find((l) => TABLE_ROW.test(l)) ?? '';
    const [cached, total] = (row.trim().split(/ +/).pop() ?? '').split('/').map(Number);
    expect(total).toBeGreaterThan(0);
    expect(cached).toBeGreaterThan(0);
    const metadata = JSON.parse(fs.readFileSync(metadataFile(), 'utf8'));
    expect(metadata.report).toMatchObject({ stage: 'runtime', steps: total, cachedSteps: cached, oneStageSizeIsEstimate: true });
    expect(metadata.report.oneStageSize).toBeGreaterThan(metadata.size);
    expect(metadata.report.reduction).toBeGreaterThan(0.5);
    log(`${APP}: ${metadata.size} bytes vs one-stage ≈ ${metadata.report.oneStageSize} (−${Math.round(metadata.report.reduction * 100)} %), ${cached}/${total} cached`);
  });

  it('installed from the checkout\'s tarballs, a Node app\'s image builds (its install reads them from the context) and runs', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ws.root, 'package.json'), 'utf8'));
    expect(pkg.devDependencies).toMatchObject({ 'docker-ms': 'file:vendor/docker-ms/docker-ms-0.1.0.tgz', '@docker-ms/core': 'file:vendor/docker-ms/docker-ms-core-0.1.0.tgz' });
    await ws.nx(['g', 'docker-ms:dockerfile', 'node-api', '--no-interactive']);
    const dockerfile = fs.readFileSync(path.join(ws.root, 'apps/node-api/Dockerfile'), 'utf8');
    expect(dockerfile).toContain('COPY vendor/docker-ms/docker-ms-0.1.0.tgz ./vendor/docker-ms/docker-ms-0.1.0.tgz');
    await ws.nx(['run', 'node-api:docker-build']);
    expect(imageExists('node-api:latest')).toBe(true);
    expect(isNonRoot(imageUser('node-api:latest'))).toBe(true);
    // a dev-time tool: the runtime has none of it (distroless node's entrypoint is node)
    const modules = execSync(DOCKER, ['run', '--rm', 'node-api:latest', '-e', 'console.log(require("fs").readdirSync("node_modules").join(" "))']).stdout;
    expect(modules).not.toMatch(/docker-ms|@docker-ms|(^| )nx( |$)/);
    const app = APPS.find((a) => a.name === 'node-api')!;
    const res = await runAndGet('node-api:latest', app.port, app.hostPort + 300);
    expect(res.status).toBe(200);
  });

  it('nx run-many -t docker-build ends with one table for both images (the plugin\'s postTasksExecution hook)', async () => {
    const run = await ws.nx(['run-many', '-t', 'docker-build']);
    const lines = stripAnsi(run.output).split('\n');
    const title = lines.findIndex((l) => l.includes('docker-ms: 2 images'));
    expect(lines.filter((l) => l.includes('docker-ms: 2 images'))).toHaveLength(1);
    expect(title).toBeGreaterThan(lines.findIndex((l) => /Successfully ran target docker-build for 2 projects/.test(l)));
    expect(lines[title + 1]).toMatch(/^image +stage +size +runtime base +one-stage ≈ +saved +time +cached$/);
    const rows = lines.slice(title + 2, title + 4);
    for (const app of [APP, 'node-api']) {
      const size = (imageSize(`${app}:latest`) / 1e6).toFixed(1).replace('.', '\\.');
      // the figures of each build: the runtime stage, its size, the base it sits on
      expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^${app}:latest +runtime +${size} MB +\\S+ `)));
    }
    // one image: only its own table
    const one = await ws.nx(['run-many', '-t', 'docker-build', '-p', APP]);
    expect(one.output).not.toMatch(/docker-ms: \d+ images/);
  });

  it('with the Nx daemon on (a developer\'s default), the build that finishes last ends its output with the table', async () => {
    const env = { ...ws.env, NX_DAEMON: 'true' };
    try {
      // Nx shows the tasks' own output with --output-style=static (or stream, or in its terminal UI's panes)
      const run = await ws.nx(['run-many', '-t', 'docker-build', '--skip-nx-cache', '--output-style=static'], { env });
      const lines = stripAnsi(run.output).split('\n');
      expect(lines.filter((l) => l.includes('docker-ms: 2 images'))).toHaveLength(1);
      const title = lines.findIndex((l) => l.includes('docker-ms: 2 images'));
      expect(lines[title + 1]).toMatch(/^(?:\S*\s)?image +stage +size +runtime base +one-stage ≈ +saved +time +cached$/);
      for (const app of [APP, 'node-api']) expect(lines.slice(title + 2, title + 4)).toContainEqual(expect.stringMatching(new RegExp(`^(?:\\S*\\s)?${app}:latest +runtime +[\\d.]+ MB `)));
      // the daemon ran the hooks: it is up, and what its hook would have printed went nowhere near the terminal
      expect((await ws.nx(['daemon'], { env })).output).toMatch(/Nx Daemon is currently running/);
    } finally {
      await ws.nx(['daemon', '--stop'], { env, allowFailure: true });
    }
  });

  it('docker-ms build --tagg / --target biuld: one line with the suggestion, exit 2 / 1', async () => {
    const tagg = await exec('npx', ['docker-ms', 'build', `apps/${APP}`, '--tagg', 'x:1'], { cwd: ws.root, env: ws.env, allowFailure: true });
    expect(tagg.code).toBe(2);
    expect(tagg.stderr).toContain('unknown option --tagg for docker-ms build; did you mean --tag? (see docker-ms build --help)');
    const stage = await exec('npx', ['docker-ms', 'build', `apps/${APP}`, '--target', 'biuld'], { cwd: ws.root, env: ws.env, allowFailure: true });
    expect(stage.code).not.toBe(0);
    expect(stage.output).toMatch(/did you mean 'build'\?/);
  });
});
