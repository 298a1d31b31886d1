#!/usr/bin/env node
// `npm run demo`: the main job on the bundled example workspace (examples/, one app per language).
// For each app: detect its language, write its Dockerfile + .dockerignore through the docker-ms CLI,
// and build the image when a Docker engine answers. Each app is its own build context. Every step says
// what it does and how long it took; a step that runs long says so while it runs.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const examples = path.join(root, 'examples');
const cli = path.join(root, 'packages/core/bin/docker-ms.js');

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: opts.capture ? 'pipe' : 'inherit', ...opts });
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** A long step: its output passes through; after 15 s without output a line says it is still at work. */
function runLong(what, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    let quietSince = Date.now();
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const pass = (to) => (chunk) => {
      quietSince = Date.now();
      to.write(chunk);
    };
    child.stdout.on('data', pass(process.stdout));
    child.stderr.on('data', pass(process.stderr));
    const timer = setInterval(() => {
      if (Date.now() - quietSince >= 15_000) {
        console.log(`   … still ${what} (${seconds(started)})`);
        quietSince = Date.now();
      }
    }, 1000);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve(code ?? 1);
    });
  });
}

/** A build: on our terminal the engine draws its own live display (so it never sits silent); piped, plain lines. */
function runOnTerminal(cmd, args) {
  return new Promise((resolve) => spawn(cmd, args, { cwd: root, stdio: 'inherit' }).on('close', (code) => resolve(code ?? 1)));
}

let stepStarted = 0;
let stepTitle = '';
function step(title) {
  endStep();
  stepTitle = title;
  stepStarted = Date.now();
  console.log(`\n== ${title}`);
}
function endStep() {
  if (stepStarted) console.log(`-- ${stepTitle}: ${seconds(stepStarted)}`);
  stepStarted = 0;
}

const mb = (bytes) => (bytes == null ? '?' : `${(bytes / 1e6).toFixed(1)} MB`);

async function main() {
const demoStarted = Date.now();
step('build the packages (npm run build)');
if (run('npm', ['run', '-s', 'build']).status !== 0) process.exit(1);
// the CLI's own signed figure (`−87 %`, `+12 % larger`), loaded once the packages are built
const { savedPercent } = require(path.join(root, 'packages/core/dist/engine/size-report.js'));

const apps = fs
  .readdirSync(examples)
  .filter((name) => fs.statSync(path.join(examples, name)).isDirectory())
  .sort();
// Debian's docker client runs BuildKit (the PATH may hold a newer client without buildx); the CLI resolves the engine itself.
step('Docker engine (docker info)');
const engine = run('docker', ['info', '--format', '{{.ServerVersion}}'], { capture: true, timeout: 20_000 });
let canBuild = engine.status === 0;
if (!canBuild) console.log('\n(no Docker engine answers `docker info`: Dockerfiles are written, images are not built)');
if (canBuild) {
  // Base images: pulled when a registry answers, else local stand-ins (see e2e/standins/).
  step('base images for the examples (the first run builds them locally from Debian packages, as no image registry is reachable: several minutes; later runs reuse them)');
  if ((await runLong('building base images', 'node', ['-r', '@swc-node/register', 'e2e/standins/build.ts', '--examples'])) !== 0) {
    console.log('(base images unavailable: Dockerfiles are written, images are not built; `bash scripts/services.sh up` installs mmdebstrap)');
    canBuild = false;
  }
}

const results = [];
for (const app of apps) {
  const dir = path.join(examples, app);
  const rel = path.relative(root, dir);
  step(`${rel}: detect, write Dockerfile${canBuild ? ', build the image' : ''}`);
  const detect = run('node', [cli, 'detect', rel, '--workspace-root', rel, '--json'], { capture: true });
  if (detect.status !== 0) {
    process.stderr.write(detect.stderr);
    results.push({ app, language: '?', dockerfile: 'detection failed', image: '-' });
    continue;
  }
  const detection = JSON.parse(detect.stdout);
  console.log(`detected ${detection.language} (${detection.packageManager}, version ${detection.runtimeVersion ?? 'default'}, entry ${detection.entry ?? '-'})`);
  const write = run('node', [cli, 'dockerfile', rel, '--workspace-root', rel, '--write', '--overwrite']);
  const row = { app, language: detection.language, dockerfile: write.status === 0 ? `${rel}/Dockerfile` : 'failed', image: '-', size: '-', 'one-stage ≈': '-', saved: '-', time: '-' };
  if (write.status === 0 && canBuild) {
    const tag = `docker-ms-examples/${app}:demo`;
    const metadataFile = path.join(root, 'dist/demo', `${app}.json`);
    // the engine's live display on a terminal, plain lines otherwise; the CLI ends with its size table
    const code = await runOnTerminal('node', [cli, 'build', rel, '--tag', tag, '--metadata-file', metadataFile]);
    row.image = code === 0 ? tag : 'build failed';
    if (code === 0) {
      const { size, report } = JSON.parse(fs.readFileSync(metadataFile, 'utf8'));
      Object.assign(row, {
        size: mb(size),
        'one-stage ≈': mb(report.oneStageSize),
        saved: report.reduction == null ? '?' : savedPercent(report.reduction),
        time: `${report.seconds} s`,
      });
    }
  }
  results.push(row);
}

step('summary');
endStep();
const cols = ['app', 'language', 'image', 'size', 'one-stage ≈', 'saved', 'time'];
const width = cols.map((c) => Math.max(c.length, ...results.map((r) => String(r[c]).length)));
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(width[i])).join('  ');
console.log(line(cols));
for (const r of results) console.log(line(cols.map((c) => r[c])));
console.log('\none-stage ≈ the builder base image plus the build context: what a single-stage Dockerfile would ship at least.');
console.log(`Dockerfiles: ${results.map((r) => r.dockerfile).join(', ')}. Demo took ${seconds(demoStarted)}.`);
const failed = results.filter((r) => r.dockerfile === 'failed' || r.dockerfile === 'detection failed' || r.image === 'build failed');
if (failed.length) {
  console.error(`\n${failed.length} app(s) failed: ${failed.map((r) => r.app).join(', ')}`);
  process.exit(1);
}
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
