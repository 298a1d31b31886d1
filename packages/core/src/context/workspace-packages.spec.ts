import { memoryFileReader } from '../detect';
import { localDependencyRoots, workspaceGlobs, workspacePackages } from './workspace-packages';

const pkg = (name: string, deps: Record<string, string> = {}) => JSON.stringify({ name, dependencies: deps });

describe('workspacePackages', () => {
  it('reads npm/yarn workspaces (array or { packages }) and pnpm-workspace.yaml, with ! exclusions and ** depth', () => {
    const fs = memoryFileReader({
      'package.json': JSON.stringify({ workspaces: { packages: ['apps/*', '!apps/legacy'] } }),
      'pnpm-workspace.yaml': "packages:\n  - 'libs/**'\n",
      'apps/api/package.json': pkg('api'),
      'apps/legacy/package.json': pkg('legacy'),
      'apps/notes.md': '',
      'libs/a/package.json': pkg('@ws/a'),
      'libs/group/b/package.json': pkg('@ws/b'),
      'libs/group/b/node_modules/x/package.json': pkg('x'),
      'libs/nameless/package.json': '{}',
    });
    expect(workspaceGlobs(fs)).toEqual(['apps/*', '!apps/legacy', 'libs/**']);
    expect(workspacePackages(fs)).toEqual([
      { name: 'api', root: 'apps/api', hasManifest: true },
      { name: '@ws/a', root: 'libs/a', hasManifest: true },
      { name: '@ws/b', root: 'libs/group/b', hasManifest: true },
    ]);
  });

  it('no workspace configuration: no packages', () => {
    expect(workspacePackages(memoryFileReader({ 'package.json': '{}' }))).toEqual([]);
    expect(workspacePackages(memoryFileReader({ 'package.json': 'not json' }))).toEqual([]);
  });
});

describe('localDependencyRoots', () => {
  const fs = memoryFileReader({
    'package.json': JSON.stringify({ workspaces: ['apps/*', 'packages/*'] }),
    'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { '@ws/db': 'workspace:^', lodash: '4' }, devDependencies: { '@ws/test': '*' } }),
    'packages/db/package.json': pkg('@ws/db', { '@ws/log': '1.0.0', api: '*' }),
    'packages/log/package.json': pkg('@ws/log'),
    'packages/test/package.json': pkg('@ws/test'),
    'packages/unused/package.json': pkg('@ws/unused'),
    'tools/gen/package.json': pkg('gen'),
    'apps/cli/package.json': JSON.stringify({ name: 'cli', dependencies: { gen: 'file:../../tools/gen', far: 'file:../../../outside', ghost: 'workspace:*' } }),
  });

  it('follows every dependency field through workspace packages, transitively and without cycles', () => {
    expect(localDependencyRoots(fs, 'apps/api')).toEqual(['packages/db', 'packages/log', 'packages/test']);
  });

  it('file: paths inside the workspace count; paths outside it and unknown workspace names do not', () => {
    expect(localDependencyRoots(fs, 'apps/cli')).toEqual(['tools/gen']);
  });

  it('a project without package.json has none', () => {
    expect(localDependencyRoots(fs, 'apps/none')).toEqual([]);
  });
});
