import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger, type Tree } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addManagedHeader, isUntouched, readManagedHeader } from '@docker-ms/core';
import { snapshotFiles } from '../../utils/testing';
import updateBaseImages, { moveBaseImages } from './update-base-images';

const moves = [
  { from: 'node:20-bookworm-slim', to: 'node:22-bookworm-slim' },
  { from: 'gcr.io/distroless/nodejs20-debian12:nonroot', to: 'gcr.io/distroless/nodejs22-debian12:nonroot' },
];
const body = 'FROM node:20-bookworm-slim AS build\nRUN npm ci\n\nFROM gcr.io/distroless/nodejs20-debian12:nonroot AS runtime\nUSER 65532\n';

describe('update-base-images (0.2.0)', () => {
  let tree: Tree;
  let info: jest.SpyInstance;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => info.mockRestore());

  it('moves untouched and hand-edited managed Dockerfiles, leaving everything else and logging each file', () => {
    tree.write('apps/api/Dockerfile', addManagedHeader(body, '0.1.0'));
    tree.write('apps/web/Dockerfile', addManagedHeader(body, '0.1.0').replace('RUN npm ci', 'RUN npm ci --ignore-scripts'));
    tree.write('apps/legacy/Dockerfile', body);
    tree.write('apps/pinned/Dockerfile.prod', addManagedHeader(body.replace('node:20-bookworm-slim', `node:20-bookworm-slim@sha256:${'c'.repeat(64)}`), '0.1.0'));
    tree.write('apps/api/Dockerfile.dockerignore', 'node_modules\n');

    const report = moveBaseImages(tree, moves, '0.2.0');

    const api = tree.read('apps/api/Dockerfile', 'utf-8')!;
    expect(api).toContain('FROM node:22-bookworm-slim AS build');
    expect(readManagedHeader(api)?.version).toBe('0.2.0');
    expect(isUntouched(api)).toBe(true);
    const web = tree.read('apps/web/Dockerfile', 'utf-8')!;
    expect(web).toContain('RUN npm ci --ignore-scripts');
    expect(web).toContain('FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime');
    expect(readManagedHeader(web)?.version).toBe('0.1.0');
    expect(tree.read('apps/legacy/Dockerfile', 'utf-8')).toBe(body);
    expect(tree.read('apps/pinned/Dockerfile.prod', 'utf-8')).toContain(`node:20-bookworm-slim@sha256:${'c'.repeat(64)}`);

    expect(tree.read('apps/pinned/Dockerfile.prod', 'utf-8')).toContain('FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime');
    expect(report.changed.map((c) => c.split(':')[0])).toEqual(['apps/api/Dockerfile', 'apps/pinned/Dockerfile.prod', 'apps/web/Dockerfile']);
    expect(report.changed[1]).toMatch(/line 2: node:20-bookworm-slim@sha256:c+ is pinned by digest, left alone$/);
    expect(report.skipped).toEqual(['apps/legacy/Dockerfile: no docker-ms header, not a managed Dockerfile']);
    expect(info.mock.calls.map(([m]) => m)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^docker-ms: updated apps\/api\/Dockerfile: untouched/), expect.stringMatching(/^docker-ms: skipped apps\/legacy\/Dockerfile/)]),
    );
  });

  it('writes nothing when no file uses an old default', () => {
    tree.write('apps/api/Dockerfile', addManagedHeader(body.replace(/20/g, '22'), '0.1.0'));
    const before = snapshotFiles(tree);
    const changesBefore = tree.listChanges().length;
    moveBaseImages(tree, moves, '0.2.0');
    expect(snapshotFiles(tree)).toEqual(before);
    expect(tree.listChanges()).toHaveLength(changesBefore);
  });

  it('running twice is a no-op', () => {
    tree.write('apps/api/Dockerfile', addManagedHeader(body, '0.1.0'));
    tree.write('apps/web/Dockerfile', addManagedHeader(body, '0.1.0') + 'EXPOSE 3000\n');
    moveBaseImages(tree, moves, '0.2.0');
    const once = snapshotFiles(tree);
    const report = moveBaseImages(tree, moves, '0.2.0');
    expect(snapshotFiles(tree)).toEqual(once);
    expect(report.changed).toEqual([]);
  });

  it('ignores Dockerfiles the workspace ignores', () => {
    tree.write('.gitignore', 'dist\n');
    tree.write('dist/apps/api/Dockerfile', addManagedHeader(body, '0.1.0'));
    expect(moveBaseImages(tree, moves, '0.2.0').changed).toEqual([]);
  });

  it('the registered 0.2.0 migration applies the catalog history and returns skipped files as next steps', async () => {
    tree.write('apps/api/Dockerfile', addManagedHeader('FROM node:22-bookworm-slim AS runtime\nUSER 65532\n', '0.1.0'));
    const before = snapshotFiles(tree);
    const nextSteps = await updateBaseImages(tree);
    expect(Array.isArray(nextSteps)).toBe(true);
    expect(snapshotFiles(tree)).toEqual(before);
  });

  it('does not follow links on disk: a self -> . loop ends, a linked Dockerfile or folder outside is left alone', () => {
    const root = mkdtempSync(join(tmpdir(), 'docker-ms-migrate-links-'));
    const outside = mkdtempSync(join(tmpdir(), 'docker-ms-outside-'));
    const managed = addManagedHeader(body, '0.1.0');
    mkdirSync(join(root, 'apps/api'), { recursive: true });
    writeFileSync(join(root, 'nx.json'), '{}');
    writeFileSync(join(root, 'apps/api/Dockerfile'), managed);
    writeFileSync(join(outside, 'Dockerfile'), managed);
    symlinkSync('.', join(root, 'self'));
    symlinkSync('..', join(root, 'apps/up'));
    symlinkSync(outside, join(root, 'apps/elsewhere'));
    symlinkSync(join(outside, 'Dockerfile'), join(root, 'apps/Dockerfile'));

    const fsTree = new FsTree(root, false);
    const report = moveBaseImages(fsTree, moves, '0.2.0');
    expect(report.changed.map((c) => c.split(':')[0])).toEqual(['apps/api/Dockerfile']);
    expect(fsTree.listChanges().map((c) => c.path)).toEqual(['apps/api/Dockerfile']);
    expect(readFileSync(join(outside, 'Dockerfile'), 'utf8')).toBe(managed);
  });
});
