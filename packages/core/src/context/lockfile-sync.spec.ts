import { memoryFileReader } from '../detect';
import { lockfileSyncProblem } from './lockfile-sync';

const manifest = (deps: Record<string, string>, dev: Record<string, string> = {}) => JSON.stringify({ name: 'api', dependencies: deps, devDependencies: dev });

describe('lockfileSyncProblem (an out-of-sync lockfile, found before the build)', () => {
  describe('npm (package-lock.json v2/v3 records each workspace package\'s ranges)', () => {
    const lock = (root: Record<string, string>, member?: Record<string, string>) => JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'api', dependencies: root, ...(member ? { workspaces: ['apps/*'] } : {}) },
        ...(member ? { 'apps/web': { name: 'web', dependencies: member }, 'node_modules/web': { resolved: 'apps/web', link: true } } : {}),
        'node_modules/express': { version: '4.21.2' },
      },
    });

    it('in sync: null', () => {
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ express: '^4.21.2' }), 'package-lock.json': lock({ express: '^4.21.2' }) }), '', 'package-lock.json')).toBeNull();
    });

    it('a dependency added to package.json but not installed', () => {
      const fs = memoryFileReader({ 'package.json': manifest({ express: '^4.21.2', ms: '^2.1.3' }), 'package-lock.json': lock({ express: '^4.21.2' }) });
      expect(lockfileSyncProblem(fs, '', 'package-lock.json')).toBe(
        'package-lock.json is out of sync with package.json (package.json: ms@^2.1.3 is not in it); the install in the image would refuse it: run `npm install` and commit package-lock.json',
      );
    });

    it('a changed range, in a workspace member, under a pruned-manifests folder', () => {
      const fs = memoryFileReader({
        'dist/docker/package.json': manifest({ express: '^4.21.2' }),
        'dist/docker/package-lock.json': lock({ express: '^4.21.2' }, { react: '^18.0.0' }),
        'dist/docker/apps/web/package.json': manifest({ react: '^19.0.0' }),
      });
      expect(lockfileSyncProblem(fs, 'dist/docker', 'package-lock.json')).toMatch(/^dist\/docker\/package-lock\.json is out of sync with package\.json \(apps\/web\/package\.json: react is \^19\.0\.0 in package\.json but \^18\.0\.0 in the lockfile\); .* run `npm install`/);
    });
  });

  describe('pnpm (importers record each specifier)', () => {
    const v9 = (specifier: string) => [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      fastify:',
      `        specifier: ${specifier}`,
      '        version: 5.6.1',
      '',
    ].join('\n');

    it('v9: in sync, then a changed specifier and a missing dependency', () => {
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ fastify: '5.6.1' }), 'pnpm-lock.yaml': v9('5.6.1') }), '', 'pnpm-lock.yaml')).toBeNull();
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ fastify: '^5.7.0' }), 'pnpm-lock.yaml': v9('5.6.1') }), '', 'pnpm-lock.yaml'))
        .toMatch(/fastify is \^5\.7\.0 in package\.json but 5\.6\.1 in the lockfile\); .* run `pnpm install` and commit pnpm-lock\.yaml$/);
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ fastify: '5.6.1' }, { vitest: '^3.0.0' }), 'pnpm-lock.yaml': v9('5.6.1') }), '', 'pnpm-lock.yaml'))
        .toMatch(/vitest@\^3\.0\.0 is not in it/);
    });

    it('v5.4 (pnpm 7): a specifiers map', () => {
      const lock = "lockfileVersion: 5.4\n\nspecifiers:\n  ms: ^2.1.3\n\ndependencies:\n  ms: 2.1.3\n";
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ ms: '^2.1.3' }), 'pnpm-lock.yaml': lock }), '', 'pnpm-lock.yaml')).toBeNull();
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ ms: '^2.1.2' }), 'pnpm-lock.yaml': lock }), '', 'pnpm-lock.yaml')).toMatch(/ms is \^2\.1\.2/);
    });
  });

  describe('yarn (name@range keys)', () => {
    it('v1: a key per requested range', () => {
      const lock = '# yarn lockfile v1\n\n\nexpress@^4.21.2, express@^4.0.0:\n  version "4.21.2"\n';
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ express: '^4.21.2' }), 'yarn.lock': lock }), '', 'yarn.lock')).toBeNull();
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ express: '^5.0.0' }), 'yarn.lock': lock }), '', 'yarn.lock'))
        .toBe('yarn.lock is out of sync with package.json (package.json: express@^5.0.0 is not in it); the install in the image would refuse it: run `yarn install` and commit yarn.lock');
    });

    it('Berry: npm: protocol keys; workspace: ranges left to Yarn', () => {
      const lock = '__metadata:\n  version: 8\n\n"ms@npm:2.1.3":\n  version: 2.1.3\n';
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ ms: '2.1.3', '@ws/lib': 'workspace:*' }), 'yarn.lock': lock }), '', 'yarn.lock')).toBeNull();
      expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ ms: '2.1.2' }), 'yarn.lock': lock }), '', 'yarn.lock')).toMatch(/ms@2\.1\.2 is not in it/);
    });
  });

  it('nothing to compare: no lockfile, an unreadable one, bun', () => {
    expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ ms: '1' }) }), '', 'package-lock.json')).toBeNull();
    expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ ms: '1' }), 'package-lock.json': '{' }), '', 'package-lock.json')).toBeNull();
    expect(lockfileSyncProblem(memoryFileReader({ 'package.json': manifest({ ms: '1' }), 'bun.lock': '{}' }), '', 'bun.lock')).toBeNull();
  });
});
