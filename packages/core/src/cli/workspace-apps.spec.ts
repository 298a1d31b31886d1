import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { addManagedHeader } from '../managed/header';
import { affectedApps, changedFiles, workspaceApps } from './workspace-apps';

// go-api builds from its own folder; node-api from the workspace root (its COPY lines name apps/node-api and
// libs/shared), with an allowlist beside its Dockerfile
const GO = addManagedHeader('FROM golang:1.26-trixie AS build\nCOPY go.mod main.go ./\nRUN go build\nFROM build AS runtime\nUSER 65532\n', '0.1.0');
const NODE = addManagedHeader('FROM node:24-trixie-slim AS runtime\nCOPY apps/node-api/main.js libs/shared/ ./\nUSER 65532\n', '0.1.0');

describe('workspace apps for build --all / --affected', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).toString();
  const affected = async (base = 'main') => affectedApps(root, workspaceApps(root), await changedFiles(root, base)).map((a) => a.dir);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-ms-apps-'));
    write('nx.json', '{}');
    write('apps/go-api/Dockerfile', GO);
    write('apps/go-api/.dockerignore', '*.md\n');
    write('apps/go-api/main.go', 'package main\n');
    write('apps/go-api/go.mod', 'module x\n');
    write('apps/node-api/Dockerfile', NODE);
    write('apps/node-api/Dockerfile.dockerignore', '*\n!apps/node-api/main.js\n!libs/shared/\n');
    write('apps/node-api/main.js', '1\n');
    write('libs/shared/index.js', '1\n');
    write('libs/other/index.js', '1\n');
    write('apps/hand/Dockerfile', 'FROM golang:1.26-trixie\n');
    write('node_modules/x/Dockerfile', GO);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'init');
    git('checkout', '-qb', 'feature');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('--all: every docker-ms Dockerfile with the context its COPY lines expect', () => {
    expect(workspaceApps(root)).toEqual([
      { dir: 'apps/go-api', file: 'apps/go-api/Dockerfile', context: 'apps/go-api' },
      { dir: 'apps/node-api', file: 'apps/node-api/Dockerfile', context: '.' },
    ]);
  });

  it('--affected: apps whose build context lets a changed file through, committed or not', async () => {
    expect(await affected()).toEqual([]);
    write('libs/other/index.js', '2\n'); // in no context's allowlist
    write('apps/go-api/NOTES.md', 'x\n'); // ignored by go-api
    expect(await affected()).toEqual([]);
    write('libs/shared/index.js', '2\n');
    expect(await affected()).toEqual(['apps/node-api']);
    git('commit', '-qam', 'shared');
    expect(await affected()).toEqual(['apps/node-api']);
    expect(await affected('HEAD')).toEqual([]);
    rmSync(join(root, 'apps/go-api/main.go')); // a deleted file reached the build
    expect(await affected('HEAD')).toEqual(['apps/go-api']);
    git('checkout', '-q', '--', 'apps/go-api/main.go');
    write('apps/go-api/.dockerignore', '*.md\n*.txt\n');
    expect(await affected('HEAD')).toEqual(['apps/go-api']);
  });

  it('a base git does not know is one line naming --base', async () => {
    await expect(changedFiles(root, 'release')).rejects.toThrow(/^--affected: git cannot compare with release \(.*\); pass --base <branch or commit>$/);
  });
});
