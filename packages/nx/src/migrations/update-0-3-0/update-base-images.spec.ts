import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addManagedHeader, isUntouched, lintDockerfile, readManagedHeader } from '@docker-ms/core';
import updateBaseImages from './update-base-images';

// What 0.2.0 wrote for a Go app (its defaults) and for a node app whose .nvmrc pins 22.
const go = 'FROM golang:1.22-bookworm AS deps\nRUN go mod download\n\nFROM deps AS build\n\nFROM gcr.io/distroless/static-debian12:nonroot AS runtime\nUSER 65532\nENTRYPOINT ["/usr/local/bin/app"]\n';
const node = 'FROM node:22-bookworm-slim AS base\n\nFROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime\nUSER 65532\nCMD ["index.js"]\n';

describe('update-base-images (0.3.0)', () => {
  let tree: Tree;
  let info: jest.SpyInstance;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => info.mockRestore());

  it('moves 0.2.0 defaults to Debian 13: supported lines keep their version, end-of-life lines move to the default', async () => {
    tree.write('apps/go/Dockerfile', addManagedHeader(go, '0.2.0'));
    tree.write('apps/node/Dockerfile', addManagedHeader(node, '0.2.0'));
    tree.write('apps/edited/Dockerfile', addManagedHeader(go, '0.2.0').replace('RUN go mod download', 'RUN go mod download -x'));

    expect(await updateBaseImages(tree)).toEqual([]);

    const goFile = tree.read('apps/go/Dockerfile', 'utf-8')!;
    expect(goFile).toContain('FROM golang:1.26-trixie AS deps');
    expect(goFile).toContain('FROM gcr.io/distroless/static-debian13:nonroot AS runtime');
    expect(readManagedHeader(goFile)?.version).toBe('0.3.0');
    expect(isUntouched(goFile)).toBe(true);
    expect(lintDockerfile(goFile).filter((f) => f.rule === 'EndOfLifeBaseImage')).toEqual([]);

    const nodeFile = tree.read('apps/node/Dockerfile', 'utf-8')!;
    expect(nodeFile).toContain('FROM node:22-trixie-slim AS base');
    expect(nodeFile).toContain('FROM gcr.io/distroless/nodejs22-debian13:nonroot AS runtime');

    const edited = tree.read('apps/edited/Dockerfile', 'utf-8')!;
    expect(edited).toContain('RUN go mod download -x');
    expect(edited).toContain('FROM golang:1.26-trixie AS deps');
    expect(readManagedHeader(edited)?.version).toBe('0.2.0');
  });

  it('leaves digest-pinned lines alone, logs why, and is a no-op the second time', async () => {
    tree.write('apps/pinned/Dockerfile', addManagedHeader(go.replace('golang:1.22-bookworm', `golang:1.22-bookworm@sha256:${'a'.repeat(64)}`), '0.2.0'));
    expect(await updateBaseImages(tree)).toEqual([]);
    expect(info.mock.calls.map(([m]) => m).join('\n')).toMatch(/updated apps\/pinned\/Dockerfile: .*golang:1\.22-bookworm@sha256:a+ is pinned by digest, left alone/);
    const once = tree.read('apps/pinned/Dockerfile', 'utf-8');
    expect(once).toContain(`golang:1.22-bookworm@sha256:${'a'.repeat(64)}`);
    expect(once).toContain('static-debian13');
    await updateBaseImages(tree);
    expect(tree.read('apps/pinned/Dockerfile', 'utf-8')).toBe(once);
  });
});
