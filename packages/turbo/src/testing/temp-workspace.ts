import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes files (path → text, or an object written as JSON) under a new temp folder and returns it. */
export function tempWorkspace(files: Record<string, string | object>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-ms-turbo-'));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string | object>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
  }
}

/** Every file under root (path → text), for "a second run changes nothing" checks. */
export function snapshotFiles(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(root, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

export const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
export const readJson = (root: string, rel: string) => JSON.parse(read(root, rel));

/** A Turborepo workspace shaped like users have them: two Node apps sharing a package, a Go app with a package.json wrapper. */
export function turboFixture(extra: Record<string, string | object> = {}): string {
  return tempWorkspace({
    'package.json': {
      name: 'acme',
      private: true,
      packageManager: 'npm@10.9.2',
      workspaces: ['apps/*', 'packages/*'],
      devDependencies: { turbo: '2.11.9' },
    },
    'package-lock.json': {
      name: 'acme',
      lockfileVersion: 3,
      packages: { '': { name: 'acme' }, 'node_modules/turbo': { version: '2.11.9', dev: true } },
    },
    'turbo.json': '{\n  "$schema": "https://turborepo.dev/schema.json",\n  // build everything\n  "tasks": {\n    "build": { "dependsOn": ["^build"], "outputs": ["dist/**"] }\n  }\n}\n',
    'packages/shared/package.json': { name: '@acme/shared', version: '1.0.0', main: 'index.js' },
    'packages/shared/index.js': 'module.exports = (who) => `hello ${who}`;\n',
    'apps/web/package.json': { name: 'web', version: '1.0.0', scripts: { start: 'node server.js' }, dependencies: { '@acme/shared': '*' } },
    'apps/web/server.js': "require('http').createServer((q, r) => r.end(require('@acme/shared')('web'))).listen(3000);\n",
    'apps/api/package.json': { name: '@acme/api', version: '1.0.0', main: 'index.js', dependencies: { '@acme/shared': '*' } },
    'apps/api/index.js': "require('http').createServer((q, r) => r.end(require('@acme/shared')('api'))).listen(3001);\n",
    'apps/gosvc/package.json': { name: 'gosvc', private: true, scripts: { build: 'go build ./...' } },
    'apps/gosvc/go.mod': 'module example.com/gosvc\n\ngo 1.22\n',
    'apps/gosvc/main.go': 'package main\n\nfunc main() {}\n',
    ...extra,
  });
}
