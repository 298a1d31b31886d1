#!/usr/bin/env node
// `npm run demo`: the main job on the bundled example workspace (examples/, one app per language).
// For each app: detect its language, write its Dockerfile + .dockerignore through the docker-ms CLI,
// and build the image when a Docker engine answers. Each app is its own build context.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const examples = path.join(root, 'examples');
const cli = path.join(root, 'packages/core/bin/docker-ms.js');

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: opts.capture ? 'pipe' : 'inherit', ...opts });
}

function step(title) {
  console.log(`\n== ${title}`);
}

step('build the packages (npm run build)');
if (run('npm', ['run', '-s', 'build']).status !== 0) process.exit(1);

const apps = fs
  .readdirSync(examples)
  .filter((name) => fs.statSync(path.join(examples, name)).isDirectory())
  .sort();
// Debian's docker client runs BuildKit (the PATH may hold a newer client without buildx); the CLI resolves the engine itself.
const engine = run('docker', ['info', '--format', '{{.ServerVersion}}'], { capture: true, timeout: 20_000 });
let canBuild = engine.status === 0;
if (!canBuild) console.log('\n(no Docker engine answers `docker info`: Dockerfiles are written, images are not built)');
if (canBuild) {
  // Base images: pulled when a registry answers, else local stand-ins (see e2e/standins/).
  step('base images for the examples');
  if (run('node', ['-r', '@swc-node/register', 'e2e/standins/build.ts', '--examples']).status !== 0) {
    console.log('(base images unavailable: Dockerfiles are written, images are not built; `bash scripts/services.sh up` installs mmdebstrap)');
    canBuild = false;
  }
}

const results = [];
for (const app of apps) {
  const dir = path.join(examples, app);
  const rel = path.relative(root, dir);
  step(`${rel}`);
  const detect = run('node', [cli, 'detect', rel, '--workspace-root', rel, '--json'], { capture: true });
  if (detect.status !== 0) {
    process.stderr.write(detect.stderr);
    results.push({ app, language: '?', dockerfile: 'detection failed', image: '-' });
    continue;
  }
  const detection = JSON.parse(detect.stdout);
  console.log(`detected ${detection.language} (${detection.packageManager}, version ${detection.runtimeVersion ?? 'default'}, entry ${detection.entry ?? '-'})`);
  const write = run('node', [cli, 'dockerfile', rel, '--workspace-root', rel, '--write', '--overwrite']);
  const row = { app, language: detection.language, dockerfile: write.status === 0 ? `${rel}/Dockerfile` : 'failed', image: '-' };
  if (write.status === 0 && canBuild) {
    const tag = `docker-ms-examples/${app}:demo`;
    const build = run('node', [cli, 'build', rel, '--tag', tag]);
    row.image = build.status === 0 ? tag : 'build failed';
  }
  results.push(row);
}

step('summary');
const cols = ['app', 'language', 'dockerfile', 'image'];
const width = cols.map((c) => Math.max(c.length, ...results.map((r) => String(r[c]).length)));
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(width[i])).join('  ');
console.log(line(cols));
for (const r of results) console.log(line(cols.map((c) => r[c])));
const failed = results.filter((r) => r.dockerfile === 'failed' || r.dockerfile === 'detection failed' || r.image === 'build failed');
if (failed.length) {
  console.error(`\n${failed.length} app(s) failed: ${failed.map((r) => r.app).join(', ')}`);
  process.exit(1);
}
