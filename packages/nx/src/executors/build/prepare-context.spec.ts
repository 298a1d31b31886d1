import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext, ProjectGraph } from '@nx/devkit';
import { contextDockerignore, planBuild } from '@docker-ms/core';
import { prepareContext } from './prepare-context';

const ALLOWLIST_BEFORE = contextDockerignore({
  closure: { folders: ['apps/api'], files: ['package.json'], outside: [] },
  exclude: '**/node_modules\ndist/apps/api\n',
  keep: ['dist/docker/apps/api'],
  label: 'api',
  language: 'node',
});

describe('prepareContext (before a workspace-root build)', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const graph = (apiDeps: string[]): ProjectGraph => ({
    nodes: {
      api: { name: 'api', type: 'app', data: { root: 'apps/api' } },
      shared: { name: 'shared', type: 'lib', data: { root: 'libs/shared' } },
      other: { name: 'other', type: 'app', data: { root: 'apps/other' } },
    },
    dependencies: { api: apiDeps.map((target) => ({ source: 'api', target, type: 'static' })), shared: [], other: [] },
  });
  const context = (g: ProjectGraph): ExecutorContext =>
    ({ root, cwd: root, isVerbose: false, projectName: 'api', projectGraph: g, projectsConfigurations: { version: 2, projects: {} }, nxJsonConfiguration: {} }) as unknown as ExecutorContext;

  const plan = (options: Record<string, unknown>) => planBuild(options, { cwd: root });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-ms-prepare-'));
    write('package.json', '{"name":"ws"}');
    write('apps/api/src/main.ts', '');
    write('libs/shared/index.ts', '');
    write('apps/other/main.ts', '');
    write('apps/api/Dockerfile', 'FROM node:22-bookworm-slim AS runtime\nCOPY . .\nUSER 65532\n');
    write('apps/api/Dockerfile.dockerignore', ALLOWLIST_BEFORE);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refreshes a docker-ms allowlist from the project graph, keeping its exclusions and kept paths', () => {
    const done = prepareContext(plan({ context: '.', file: 'apps/api/Dockerfile' }), context(graph(['shared', 'npm:ms'])));
    const text = readFileSync(join(root, 'apps/api/Dockerfile.dockerignore'), 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('!'))).toEqual(['!apps/api/**', '!libs/shared/**', '!package.json', '!dist/docker/apps/api']);
    expect(text).toContain('dist/apps/api\n');
    expect(done).toEqual([expect.stringContaining('updated the build context allowlist')]);
    // unchanged graph: nothing to write
    expect(prepareContext(plan({ context: '.', file: 'apps/api/Dockerfile' }), context(graph(['shared'])))).toEqual([]);
  });

  it('leaves a hand-written ignore file, a project-root context and a dry run alone', () => {
    write('apps/api/Dockerfile.dockerignore', 'node_modules\n');
    expect(prepareContext(plan({ context: '.', file: 'apps/api/Dockerfile' }), context(graph(['shared'])))).toEqual([]);
    expect(readFileSync(join(root, 'apps/api/Dockerfile.dockerignore'), 'utf8')).toBe('node_modules\n');
    write('apps/api/Dockerfile.dockerignore', ALLOWLIST_BEFORE);
    expect(prepareContext(plan({ context: 'apps/api' }), context(graph(['shared'])))).toEqual([]);
    expect(prepareContext(plan({ context: '.', file: 'apps/api/Dockerfile', dryRun: true }), context(graph(['shared'])))).toEqual([]);
    expect(readFileSync(join(root, 'apps/api/Dockerfile.dockerignore'), 'utf8')).toBe(ALLOWLIST_BEFORE);
  });

  it('a Dockerfile that copies the pruned manifests needs @nx/js; without it the line says how to fix that', () => {
    write('apps/api/Dockerfile', 'FROM node:22-bookworm-slim AS runtime\nCOPY dist/docker/apps/api/package.json dist/docker/apps/api/package-lock.json* ./\nUSER 65532\n');
    expect(() => prepareContext(plan({ context: '.', file: 'apps/api/Dockerfile' }), context(graph([])))).toThrow(
      /installs from pruned manifests \(dist\/docker\/apps\/api\); install @nx\/js for nx \d+\.\d+\.\d+: npm i -D @nx\/js@\^\d+ /,
    );
  });

  it('never writes the allowlist or the pruned manifests through a link', () => {
    const outside = mkdtempSync(join(tmpdir(), 'docker-ms-outside-'));
    writeFileSync(join(outside, 'ignore'), ALLOWLIST_BEFORE);
    rmSync(join(root, 'apps/api/Dockerfile.dockerignore'));
    symlinkSync(join(outside, 'ignore'), join(root, 'apps/api/Dockerfile.dockerignore'));
    expect(() => prepareContext(plan({ context: '.', file: 'apps/api/Dockerfile' }), context(graph(['shared'])))).toThrow(/Dockerfile\.dockerignore: is a symbolic link; docker-ms does not write through links/);
    expect(readFileSync(join(outside, 'ignore'), 'utf8')).toBe(ALLOWLIST_BEFORE);

    rmSync(join(root, 'apps/api/Dockerfile.dockerignore'));
    symlinkSync(join(__dirname, '../../../../../node_modules'), join(root, 'node_modules'));
    write('apps/api/Dockerfile', 'FROM node:22-bookworm-slim AS runtime\nCOPY dist/docker/apps/api/package.json dist/docker/apps/api/package-lock.json* ./\nUSER 65532\n');
    write('package-lock.json', '{"name":"ws","lockfileVersion":3,"packages":{"":{"name":"ws"}}}');
    mkdirSync(join(root, 'dist/docker/apps/api'), { recursive: true });
    symlinkSync(join(outside, 'package.json'), join(root, 'dist/docker/apps/api/package.json'));
    expect(() => prepareContext(plan({ context: '.', file: 'apps/api/Dockerfile' }), context(graph([])))).toThrow(
      'dist/docker/apps/api/package.json: is a symbolic link; docker-ms does not write through links, remove it or write elsewhere (nothing written)',
    );
    expect(existsSync(join(outside, 'package.json'))).toBe(false);
  });
});
