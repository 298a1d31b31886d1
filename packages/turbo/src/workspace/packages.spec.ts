import path from 'node:path';
import { nodeFileReader, workspaceGlobs } from '@docker-ms/core';
import { listWorkspacePackages, resolveWorkspace, WorkspaceError } from './packages';
import { tempWorkspace, turboFixture } from '../testing/temp-workspace';

describe('workspace packages', () => {
  it('expands the package.json workspace globs to folders, with their names', () => {
    const root = turboFixture();
    expect(listWorkspacePackages(root)).toEqual([
      { root: 'apps/api', name: '@acme/api', hasManifest: true },
      { root: 'apps/gosvc', name: 'gosvc', hasManifest: true },
      { root: 'apps/web', name: 'web', hasManifest: true },
      { root: 'packages/shared', name: '@acme/shared', hasManifest: true },
    ]);
  });

  it('reads pnpm-workspace.yaml, yarn-style {packages}, ** and ! exclusions', () => {
    const pnpm = tempWorkspace({
      'package.json': { name: 'r' },
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - \"libs/**\"   # nested\n  - '!libs/internal/**'\nonlyBuiltDependencies: [esbuild]\n",
      'apps/a/package.json': { name: 'a' },
      'apps/a/node_modules/x/package.json': { name: 'x' },
      'libs/ui/button/package.json': { name: 'button' },
      'libs/internal/secret/package.json': { name: 'secret' },
    });
    expect(workspaceGlobs(nodeFileReader(pnpm))).toEqual(['apps/*', 'libs/**', '!libs/internal/**']);
    expect(listWorkspacePackages(pnpm).filter((p) => p.hasManifest).map((p) => p.root)).toEqual(['apps/a', 'libs/ui/button']);

    const yarn = tempWorkspace({ 'package.json': { name: 'r', workspaces: { packages: ['services/*'] } }, 'services/s/package.json': { name: 's' } });
    expect(listWorkspacePackages(yarn).map((p) => p.name)).toEqual(['s']);
  });

  it('lists a folder the globs match even without a package.json (a non-JS app not wrapped yet)', () => {
    const root = turboFixture({ 'apps/rusty/Cargo.toml': '[package]\nname = "rusty"\n' });
    expect(listWorkspacePackages(root)).toContainEqual({ root: 'apps/rusty', name: null, hasManifest: false });
  });

  it('resolves a package by name, by folder from the root, from cwd, or absolute', () => {
    const root = turboFixture();
    expect(resolveWorkspace(root, '@acme/api').root).toBe('apps/api');
    expect(resolveWorkspace(root, 'apps/web').name).toBe('web');
    expect(resolveWorkspace(root, './apps/web/').name).toBe('web');
    expect(resolveWorkspace(root, 'web', path.join(root, 'apps')).root).toBe('apps/web');
    expect(resolveWorkspace(root, '.', path.join(root, 'apps', 'gosvc')).name).toBe('gosvc');
    expect(resolveWorkspace(root, path.join(root, 'packages/shared')).name).toBe('@acme/shared');
  });

  it('resolves a folder without a package.json by its folder name, the name its wrapper gets, as the error lists it', () => {
    const root = turboFixture({ 'apps/pyapi/main.py': 'print(1)\n', 'packages/pyapi/README.md': 'x\n', 'apps/rusty/Cargo.toml': '[package]\nname = "rusty"\n' });
    expect(resolveWorkspace(root, 'rusty')).toEqual({ root: 'apps/rusty', name: null, hasManifest: false });
    expect(() => resolveWorkspace(root, 'nope')).toThrow(/rusty \(apps\/rusty\)/);
    // two such folders share the name: only their paths tell them apart
    expect(() => resolveWorkspace(root, 'pyapi')).toThrow(/workspace "pyapi": no workspace package/);
    expect(resolveWorkspace(root, 'apps/pyapi').root).toBe('apps/pyapi');
  });

  it('names the known packages when nothing matches', () => {
    const root = turboFixture();
    expect(() => resolveWorkspace(root, 'nope')).toThrow(WorkspaceError);
    expect(() => resolveWorkspace(root, 'nope')).toThrow(/workspace "nope": .*give one of @acme\/api \(apps\/api\), gosvc \(apps\/gosvc\), web \(apps\/web\)/);
    const plain = tempWorkspace({ 'package.json': { name: 'solo' } });
    expect(() => resolveWorkspace(plain, 'x')).toThrow(/has no workspace packages/);
  });
});
