import { addManagedHeader, readManagedHeader } from '../managed/header';
import { isDockerfilePath } from './dockerfile-names';
import { migrateDockerfiles } from './migrate-dockerfiles';

const history = [
  { version: '0.2.0', moves: [{ from: 'node:20-bookworm-slim', to: 'node:22-bookworm-slim' }] },
  { version: '0.3.0', moves: [{ from: 'node:22-bookworm-slim', to: 'node:24-bookworm-slim' }] },
];
const body = (tag: string) => `FROM node:${tag}-bookworm-slim AS runtime\nUSER 65532\n`;

describe('migrateDockerfiles', () => {
  it('moves each file from the release in its own header', () => {
    const results = migrateDockerfiles(
      [
        { path: 'a/Dockerfile', text: addManagedHeader(body('20'), '0.1.0') },
        { path: 'b/Dockerfile', text: addManagedHeader(body('22'), '0.2.0') },
        { path: 'c/Dockerfile', text: addManagedHeader(body('24'), '0.3.0') },
        { path: 'd/Dockerfile', text: body('20') },
      ],
      { to: '0.3.0', history },
    );
    expect(results.map((r) => [r.path, r.status])).toEqual([
      ['a/Dockerfile', 'changed'],
      ['b/Dockerfile', 'changed'],
      ['c/Dockerfile', 'unchanged'],
      ['d/Dockerfile', 'skipped'],
    ]);
    expect(results[0].text).toContain('FROM node:24-bookworm-slim AS runtime');
    expect(readManagedHeader(results[1].text)?.version).toBe('0.3.0');
    expect(results[2].reason).toBe('written by 0.3.0, nothing newer to apply');
    expect(results[3].reason).toMatch(/not a managed Dockerfile/);
  });

  it('honours an explicit from release', () => {
    const [result] = migrateDockerfiles([{ path: 'Dockerfile', text: addManagedHeader(body('22'), '0.3.0') }], { from: '0.2.0', to: '0.3.0', history });
    expect(result.status).toBe('changed');
  });
});

describe('isDockerfilePath', () => {
  it.each([
    ['Dockerfile', true],
    ['apps/api/Dockerfile', true],
    ['apps/api/Dockerfile.prod', true],
    ['apps/api/prod.Dockerfile', true],
    ['apps/api/Containerfile', true],
    ['apps/api/Dockerfile.dockerignore', false],
    ['apps/api/.dockerignore', false],
    ['apps/api/MyDockerfile', false],
    ['apps/api/docker-compose.yml', false],
  ])('%s → %s', (path, expected) => {
    expect(isDockerfilePath(path)).toBe(expected);
  });
});
