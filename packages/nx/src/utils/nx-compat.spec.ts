import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { SUPPORTED_NX_MAJORS, createNodesExports, installedNxVersion, loadNxJsLockfileApi, visitNotIgnoredFilesCompat, type NxIgnoreInternals } from './nx-compat';
import * as main from '../index';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

describe('nx-compat', () => {
  it('the package admits every supported major: nx as a peer, @nx/devkit 23 (whose own nx peer range spans them) as a dependency', () => {
    const [first, last] = [SUPPORTED_NX_MAJORS[0], SUPPORTED_NX_MAJORS[SUPPORTED_NX_MAJORS.length - 1]];
    expect(pkg.peerDependencies).toEqual({ nx: `>=${first}.0.0 <${last + 1}.0.0` });
    expect(pkg.dependencies['@nx/devkit']).toMatch(/^\^23\./);
    const devkit = JSON.parse(readFileSync(require.resolve('@nx/devkit/package.json'), 'utf8'));
    const [, low, high] = /^>= ?(\d+) <= ?(\d+)/.exec(devkit.peerDependencies.nx) ?? [];
    expect(Number(low)).toBeLessThanOrEqual(first);
    expect(Number(high)).toBeGreaterThanOrEqual(last);
  });

  it('exports the same createNodes tuple under both names every major reads', () => {
    const tuple = ['**/Dockerfile', () => []] as const;
    expect(createNodesExports(tuple)).toEqual({ createNodes: tuple, createNodesV2: tuple });
    expect(main.createNodesV2).toBe(main.createNodes);
    expect(main.createNodes[0]).toBe('**/Dockerfile');
  });

  describe('visitNotIgnoredFilesCompat', () => {
    let tree: Tree;
    const visit = (internals?: NxIgnoreInternals) => {
      const seen: string[] = [];
      visitNotIgnoredFilesCompat(tree, '.', (p) => seen.push(p), internals);
      return seen.sort();
    };
    beforeEach(() => {
      tree = createTreeWithEmptyWorkspace({ formatter: 'none' } as never);
      for (const file of ['.gitignore', 'nx.json', 'package.json', 'tsconfig.base.json']) tree.delete(file);
      tree.write('.gitignore', 'tmp/\n');
      tree.write('apps/api/Dockerfile', 'FROM scratch\n');
      tree.write('tmp/Dockerfile', 'FROM scratch\n');
      tree.write('node_modules/x/Dockerfile', 'FROM scratch\n');
    });

    it('nx 23/24 (ignore checkers exported): devkit’s own walk', () => {
      expect(visit()).toEqual(['.gitignore', 'apps/api/Dockerfile']);
    });

    it('nx 22 (only getIgnoreObjectForTree): the walk nx 22’s devkit does, skipping what the matcher ignores', () => {
      const ignoredByRootGitignore = { ignores: (p: string) => p === 'tmp' || p.startsWith('tmp/') };
      expect(visit({ getIgnoreObjectForTree: () => ignoredByRootGitignore })).toEqual(['.gitignore', 'apps/api/Dockerfile']);
      expect(visit({ getIgnoreObjectForTree: () => undefined })).toEqual(['.gitignore', 'apps/api/Dockerfile', 'tmp/Dockerfile']);
    });

    it('an nx with neither: one line naming the version and the supported majors', () => {
      expect(() => visit({})).toThrow(/^nx \S+ exports neither createGitIgnoreChecker nor getIgnoreObjectForTree; docker-ms supports nx 22, 23, 24$/);
    });
  });

  describe('loadNxJsLockfileApi', () => {
    let root: string;
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    const fakePackage = (name: string, version: string) => {
      write(`node_modules/${name}/package.json`, JSON.stringify({ name, version, main: 'index.js' }));
      write(`node_modules/${name}/index.js`, `exports.getLockFileName = () => 'package-lock.json from ${name} ${version}';`);
    };
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'docker-ms-compat-'));
      fakePackage('nx', '24.0.6');
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('reads the workspace’s nx version', () => {
      expect(installedNxVersion(root)).toBe('24.0.6');
    });

    it('takes the functions from the workspace’s nx itself when it has them (no @nx/js loaded)', () => {
      write('node_modules/nx/src/plugins/js/lock-file/lock-file.js', `exports.getLockFileName = (pm) => pm + ' lockfile from nx'; exports.createLockFile = () => '';`);
      write('node_modules/nx/src/plugins/js/package-json/create-package-json.js', 'exports.createPackageJson = () => ({});');
      write('node_modules/nx/src/utils/package-manager.js', "exports.detectPackageManager = () => 'pnpm';");
      fakePackage('@nx/js', '22.7.9'); // two majors away: refused if it were loaded
      const api = loadNxJsLockfileApi(root, 'd');
      expect(api.getLockFileName(api.detectPackageManager(root))).toBe('pnpm lockfile from nx');
    });

    it('@nx/js missing: says which @nx/js to install for the workspace’s nx', () => {
      expect(() => loadNxJsLockfileApi(root, 'dist/docker/apps/api')).toThrow(
        'the Dockerfile installs from pruned manifests (dist/docker/apps/api); install @nx/js for nx 24.0.6: npm i -D @nx/js@^24 (where @nx/js 24 is not published: @nx/js@^23), or regenerate the Dockerfile with --manifestsPath unset',
      );
    });

    it('@nx/js one major older than nx (Nx 24 with @nx/js 23) is used', () => {
      fakePackage('@nx/js', '23.3.1');
      expect(loadNxJsLockfileApi(root, 'd').getLockFileName('npm')).toBe('package-lock.json from @nx/js 23.3.1');
    });

    it('@nx/js two majors away: refused with the install that fixes it', () => {
      fakePackage('@nx/js', '22.7.9');
      expect(() => loadNxJsLockfileApi(root, 'd')).toThrow(/but @nx\/js 22\.7\.9 is more than one major away from nx 24\.0\.6: npm i -D @nx\/js@\^24 /);
    });
  });
});
