import { memoryFileReader } from '../detect';
import { localDependencyRoots, packageRuntimePaths, workspaceGlobs, workspacePackages } from './workspace-packages';

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

describe('packageRuntimePaths (what Node loads from a workspace library through its node_modules link)', () => {
  const at = (manifest: object) => memoryFileReader({ 'libs/a/package.json': JSON.stringify(manifest), 'libs/a/index.js': '' });

  it.each([
    // npm's workspaces docs: packages/a with an index.js and no main (Node's default entry)
    ['no main, no exports: index.js', { name: 'a' }, ['index.js']],
    ['main at the package root', { name: 'a', main: 'lib.js' }, ['lib.js']],
    ['main in a build folder', { name: 'a', main: './dist/index.js' }, ['dist']],
    // what @nx/js:library writes in a TS-solution workspace: a source condition for the editor and tsc, dist for Node
    ['Nx TS-solution library', {
      name: '@ws/a', type: 'module', main: './dist/index.js', module: './dist/index.js', types: './dist/index.d.ts',
      exports: { './package.json': './package.json', '.': { '@ws/source': './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' } },
    }, ['dist']],
    // Node's dual-package layout: require and import from different folders, subpath patterns, a blocked subpath
    ['conditional and subpath exports', {
      name: 'a', exports: { '.': { require: './cjs/index.cjs', import: './esm/index.mjs' }, './features/*': './features/*.js', './internal/*': null },
    }, ['cjs', 'esm', 'features']],
    ['exports as one string win over main', { name: 'a', main: './old/index.js', exports: './build/index.js' }, ['build']],
    ['exports fallback arrays', { name: 'a', exports: { '.': [{ node: './node/index.js' }, './browser/index.js'] } }, ['browser', 'node']],
    // pnpm/yarn "workspace:" packages used from source by a bundler: nothing Node could run is built
    ['TypeScript source as main', { name: 'a', main: 'src/index.ts', types: 'src/index.ts' }, []],
    ['types-only conditions and paths leaving the package', { name: 'a', exports: { '.': { types: './types/index.d.ts', default: '../elsewhere.js' } } }, []],
  ])('%s', (_, manifest, files) => {
    expect(packageRuntimePaths(at(manifest), 'libs/a')).toEqual(['libs/a/package.json', ...files.map((f) => `libs/a/${f}`)]);
  });

  it('no main, no exports and no index.js (types or tooling only): just its package.json', () => {
    expect(packageRuntimePaths(memoryFileReader({ 'libs/a/package.json': '{"name":"a"}' }), 'libs/a')).toEqual(['libs/a/package.json']);
  });

  it('no package.json: nothing', () => {
    expect(packageRuntimePaths(memoryFileReader({ 'libs/a/index.js': '' }), 'libs/a')).toEqual([]);
  });
});
