#!/usr/bin/env node
// `npm run pack -- <folder>`: builds the packages and packs @docker-ms/core, docker-ms and @docker-ms/turbo from
// this checkout into <folder> (default dist/packages), for installing them where the registry does not have them.
// Put the folder inside the workspace that installs them: the lockfile records file:<folder>/<tarball>, and the
// image's install reads the tarballs from there (docker-ms copies them in before the installs).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// npm run starts scripts in the checkout; a relative folder is the caller's
const dest = path.resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? path.join(root, 'dist/packages'));
const npm = (args) => {
  const r = spawnSync('npm', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  return r.stdout;
};

npm(['run', '-s', 'build']);
fs.mkdirSync(dest, { recursive: true });
const tarballs = npm(['pack', '--workspaces', '--silent', '--pack-destination', dest]).trim().split(/\s+/);
const shown = (file) => path.join(dest, file);
const find = (prefix) => tarballs.find((t) => new RegExp(`^${prefix}-\\d`).test(t));
console.log(`packed into ${dest}: ${tarballs.join(', ')}`);
console.log(`Nx:        npm install -D ${shown(find('docker-ms'))} ${shown(find('docker-ms-core'))}`);
console.log(`Turborepo: npm install -D ${shown(find('docker-ms-turbo'))} ${shown(find('docker-ms-core'))}`);
