import { execFileSync } from 'node:child_process';
import fs, { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-safety-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const GO_APP = { 'apps/svc/go.mod': 'module example.com/svc\n\ngo 1.22\n', 'apps/svc/main.go': 'package main\n\nfunc main() {}\n', '.git/HEAD': 'ref: x\n' };

async function cli(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('docker-ms dockerfile --write never writes through a link, and writes all or nothing', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses a Dockerfile that is a (dangling) symbolic link: one line naming it, exit 2, nothing created', async () => {
    const root = workspace(GO_APP);
    const outside = join(mkdtempSync(join(tmpdir(), 'docker-ms-outside-')), 'pwned');
    symlinkSync(outside, join(root, 'apps/svc/Dockerfile'));
    const r = await cli(['dockerfile', 'apps/svc', '--write', '--overwrite'], root);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe('apps/svc/Dockerfile: is a symbolic link; docker-ms does not write through links, remove it or write elsewhere (nothing written)');
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(join(root, 'apps/svc/.dockerignore'))).toBe(false);
  });

  it('refuses a .dockerignore link before writing the Dockerfile', async () => {
    const root = workspace(GO_APP);
    const outside = join(mkdtempSync(join(tmpdir(), 'docker-ms-outside-')), 'ignore');
    writeFileSync(outside, 'theirs\n');
    symlinkSync(outside, join(root, 'apps/svc/.dockerignore'));
    const r = await cli(['dockerfile', 'apps/svc', '--write', '--overwrite'], root);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^apps\/svc\/\.dockerignore: is a symbolic link; /);
    expect(readFileSync(outside, 'utf8')).toBe('theirs\n');
    expect(existsSync(join(root, 'apps/svc/Dockerfile'))).toBe(false);
  });

  it('a full disk leaves no partial file and no "wrote" line', async () => {
    const root = workspace(GO_APP);
    writeFileSync(join(root, 'apps/svc/Dockerfile'), 'FROM old\n');
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    jest.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw enospc;
    });
    const r = await cli(['dockerfile', 'apps/svc', '--write', '--overwrite'], root);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('wrote');
    expect(r.err).toContain('ENOSPC');
    expect(readFileSync(join(root, 'apps/svc/Dockerfile'), 'utf8')).toBe('FROM old\n');
    expect(existsSync(join(root, 'apps/svc/.dockerignore'))).toBe(false);
    // no temporary file left behind
    expect(readdirSync(join(root, 'apps/svc')).sort()).toEqual(['Dockerfile', 'go.mod', 'main.go']);
  });
});

describe('docker-ms folders and exit codes', () => {
  it('a missing folder is named: "<path>: no such folder", exit 2', async () => {
    const root = workspace(GO_APP);
    for (const command of ['detect', 'dockerfile']) {
      expect(await cli([command, 'apps/nope'], root)).toMatchObject({ code: 2, err: 'apps/nope: no such folder' });
    }
    expect(await cli(['dockerfile', 'apps/svc/go.mod'], root)).toMatchObject({ code: 2, err: expect.stringMatching(/^apps\/svc\/go\.mod: not a folder/) });
  });
});

describe('bad manifests: file, position, parse error; exit 2; nothing written', () => {
  it.each([
    ['apps/api/package.json', '{"name": "api", "main": "server.js",}', 'apps/api/package.json:1:37: expected a property name in double quotes but found "}"'],
    ['apps/api/go.mod', 'module x\ngo 1.22\nrequire github.com/a/b v1 (\n', 'apps/api/go.mod:3:1: block is not closed (missing ")")'],
    ['apps/api/Cargo.toml', '[package]\nname = "api"\nedition = 2021"\n', 'apps/api/Cargo.toml:3:'],
  ])('%s', async (file, text, message) => {
    const root = workspace({ '.git/HEAD': 'ref: x\n', [file]: text });
    for (const argv of [['detect', 'apps/api'], ['dockerfile', 'apps/api', '--write']]) {
      const r = await cli(argv, root);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err.split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(root, 'apps/api/Dockerfile'))).toBe(false);
    expect(existsSync(join(root, 'apps/api/.dockerignore'))).toBe(false);
  });

  it('a FIFO named package.json neither hangs the workspace-root search nor detection', async () => {
    const root = workspace({ '.git/HEAD': 'ref: x\n', 'apps/api/main.go': 'package main\n' });
    execFileSync('mkfifo', [join(root, 'apps/api/package.json')]);
    const r = await cli(['dockerfile', 'apps/api'], root);
    expect(r).toMatchObject({ code: 2, err: 'apps/api/package.json: not a regular file (a FIFO, socket or device); refusing to read it' });
  });
});

describe('flags that name folders', () => {
  it('--workspace-root that does not exist is named', async () => {
    const root = workspace(GO_APP);
    for (const argv of [['detect', 'apps/svc'], ['dockerfile', 'apps/svc'], ['migrate']]) {
      expect(await cli([...argv, '--workspace-root', 'nope'], root)).toMatchObject({ code: 2, err: '--workspace-root nope: no such folder' });
    }
    expect(await cli(['build', 'apps/nope'], root)).toMatchObject({ code: 2, err: 'apps/nope: no such folder' });
  });

  it('--help lists the exit codes', async () => {
    const r = await cli(['--help'], workspace(GO_APP));
    expect(r.out).toMatch(/^Exit codes:\n {2}0 {2}done\n {2}1 {2}a runtime failure.*\n {2}2 {2}bad usage or input/m);
  });
});
