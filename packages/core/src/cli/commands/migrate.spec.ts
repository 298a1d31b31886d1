import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CATALOG_HISTORY } from '../../catalog/history';
import { addManagedHeader, coreVersion, readManagedHeader } from '../../managed';
import { main } from '../main';
import { migrateCommand } from './migrate';

const OLD = '0.0.1';
const body = (tag: string) => `FROM node:${tag}-bookworm-slim AS build\nRUN npm ci\nFROM node:${tag}-bookworm-slim AS runtime\nUSER 65532\n`;

describe('docker-ms migrate', () => {
  let root: string;
  const release = { version: coreVersion(), moves: [{ from: 'node:18-bookworm-slim', to: 'node:22-bookworm-slim' }] };

  function write(path: string, text: string) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const read = (path: string) => readFileSync(join(root, path), 'utf8');

  async function run(args: string[], cwd = root) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await migrateCommand.run(args, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-ms-migrate-'));
    write('package.json', JSON.stringify({ name: 'ws', private: true, workspaces: ['apps/*'] }));
    write('turbo.json', '{}');
    write('apps/api/Dockerfile', addManagedHeader(body('18'), OLD));
    write('apps/web/Dockerfile', addManagedHeader(body('18'), OLD).replace('RUN npm ci', 'RUN npm ci --omit=dev'));
    write('apps/legacy/Dockerfile', body('18'));
    write('node_modules/pkg/Dockerfile', addManagedHeader(body('18'), OLD));
    // A release whose catalog moved node 18 → 22, standing in for the history entry a real bump appends.
    CATALOG_HISTORY.push(release);
  });
  afterEach(() => {
    CATALOG_HISTORY.splice(CATALOG_HISTORY.indexOf(release), 1);
    rmSync(root, { recursive: true, force: true });
  });

  it('updates managed Dockerfiles across the workspace and reports every file', async () => {
    const { code, out } = await run([], join(root, 'apps/api'));
    expect(code).toBe(0);
    expect(read('apps/api/Dockerfile')).toContain('FROM node:22-bookworm-slim AS runtime');
    expect(readManagedHeader(read('apps/api/Dockerfile'))?.version).toBe(coreVersion());
    expect(read('apps/web/Dockerfile')).toContain('RUN npm ci --omit=dev');
    expect(read('apps/web/Dockerfile')).toContain('FROM node:22-bookworm-slim AS build');
    expect(read('apps/legacy/Dockerfile')).toBe(body('18'));
    expect(read('node_modules/pkg/Dockerfile')).toContain('node:18');
    expect(out).toEqual([
      expect.stringMatching(/^updated apps\/api\/Dockerfile: untouched, header re-stamped; line 2: node:18-bookworm-slim -> node:22-bookworm-slim/),
      'skipped apps/legacy/Dockerfile: no docker-ms header, not a managed Dockerfile',
      expect.stringMatching(/^updated apps\/web\/Dockerfile: hand-edited, only old defaults moved/),
      `docker-ms ${coreVersion()}: updated 2, skipped 1, already current 0 of 3 Dockerfile(s)`,
    ]);
  });

  it('--dry-run writes nothing', async () => {
    const before = read('apps/api/Dockerfile');
    const { out } = await run(['--dry-run']);
    expect(read('apps/api/Dockerfile')).toBe(before);
    expect(out[0]).toMatch(/^would update apps\/api\/Dockerfile/);
  });

  it('takes explicit files and is a no-op the second time', async () => {
    await run(['apps/api/Dockerfile']);
    expect(read('apps/web/Dockerfile')).toContain('node:18');
    const once = read('apps/api/Dockerfile');
    const { out } = await run(['apps/api/Dockerfile']);
    expect(read('apps/api/Dockerfile')).toBe(once);
    expect(out).toEqual([`docker-ms ${coreVersion()}: updated 0, skipped 0, already current 1 of 1 Dockerfile(s)`]);
  });

  it('rejects a bad --from and a missing file with one line naming it', async () => {
    await expect(run(['--from', 'latest'])).rejects.toThrow('--from: must be a release like 0.1.0 (got "latest")');
    await expect(run(['apps/nope/Dockerfile'])).rejects.toThrow('apps/nope/Dockerfile: no such file');
  });
});

describe('docker-ms migrate registration', () => {
  it('is reachable through the CLI entry point', async () => {
    const out: string[] = [];
    expect(await main(['--help'], { cwd: tmpdir(), out: (l) => out.push(l), err: () => undefined })).toBe(0);
    expect(out.join('\n')).toMatch(/^ {2}migrate +move managed Dockerfiles/m);
  });
});
