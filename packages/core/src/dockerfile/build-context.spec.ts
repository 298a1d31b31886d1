import { inferContext, literalPrefix } from './build-context';
import { contextSources } from './copy-sources';

describe('contextSources', () => {
  it('lists COPY and ADD sources, skipping --from stages and URLs', () => {
    const text = [
      'FROM node:22-bookworm-slim AS build',
      'COPY --chown=1000:1000 package.json package-lock.json ./',
      'COPY ["apps/api/src", "./src"]',
      'ADD https://example.com/x.tgz /tmp/',
      'COPY --from=build /app/dist /app',
      'FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime',
      'COPY --from=build /app /app',
      'copy tsconfig.json ./',
    ].join('\n');
    expect(contextSources(text)).toEqual(['package.json', 'package-lock.json', 'apps/api/src', 'tsconfig.json']);
  });
});

describe('literalPrefix', () => {
  it.each([
    ['./', '.'],
    ['.', '.'],
    ['/src/', 'src'],
    ['apps/api/src/*.ts', 'apps/api/src'],
    ['*.json', '.'],
    ['go.mod', 'go.mod'],
  ])('%s → %s', (source, prefix) => expect(literalPrefix(source)).toBe(prefix));
});

describe('inferContext', () => {
  const files = new Set(['package.json', 'package-lock.json', 'apps/api/package.json', 'apps/api/src', 'apps/go/go.mod']);
  const exists = (p: string) => files.has(p);

  it('is the workspace root when a source names the project path', () => {
    expect(inferContext(['package.json', 'apps/api/src'], 'apps/api', exists)).toBe('.');
  });
  it('is the workspace root when sources resolve only there', () => {
    expect(inferContext(['package-lock.json', 'package.json', '.'], 'apps/api', exists)).toBe('.');
  });
  it('reads "name*" (copy when present) as the file name', () => {
    expect(inferContext(['package.json', 'package-lock.json*', '.'], 'apps/api', exists)).toBe('.');
    expect(inferContext(['go.mod', 'go.sum*'], 'apps/go', exists)).toBe('apps/go');
  });
  it('is the project root when sources resolve there', () => {
    expect(inferContext(['go.mod', '.'], 'apps/go', exists)).toBe('apps/go');
  });
  it('is the project root for COPY . . alone and for nothing to go on', () => {
    expect(inferContext(['.'], 'apps/api', exists)).toBe('apps/api');
    expect(inferContext([], 'apps/api', exists)).toBe('apps/api');
  });
  it('is the workspace root for a root project', () => {
    expect(inferContext(['src'], '.', exists)).toBe('.');
  });
});
