import fs from 'node:fs';
import path from 'node:path';
import { lintDockerfile, listStages } from '@docker-ms/core';
import { addDockerfile } from './add-dockerfile';
import { read, readJson, snapshotFiles, turboFixture, writeFiles } from '../testing/temp-workspace';
import { workspaceTurboVersion } from '../workspace/turbo-version';

describe('addDockerfile for JS apps (turbo prune from the workspace root)', () => {
  it('writes a Dockerfile whose install depends only on the pruned manifests and lockfile', () => {
    const root = turboFixture();
    const result = addDockerfile({ root, workspace: 'web' });
    expect(result).toMatchObject({ pruned: true, language: 'node', package: { name: 'web', root: 'apps/web' } });
    expect(result.changes).toEqual([
      { path: 'apps/web/Dockerfile', status: 'created' },
      { path: '.dockerignore', status: 'created' },
      { path: 'apps/web/package.json', status: 'updated', note: 'script docker-build: docker-ms build . --context ../.. --name acme/web' },
    ]);
    const dockerfile = read(root, 'apps/web/Dockerfile');
    expect(listStages(dockerfile).map((s) => s.name)).toEqual(['base', 'prune', 'deps', 'build', 'prod-deps', 'runtime']);
    expect(dockerfile).toContain('npm install --global turbo@2.11.9');
    expect(dockerfile).toMatch(/FROM base AS prune\nCOPY \. \.\nRUN turbo prune web --docker\n/);
    // the install layer sees out/json only; the sources come after it
    expect(dockerfile).toMatch(/FROM base AS deps\nCOPY --from=prune \/app\/out\/json\/ \.\/\nRUN [^\n]*\\\n[^\n]*--mount=type=secret,id=npmrc,target=\/root\/\.npmrc \\\n(.*\\\n)*\s+if \[ -f package-lock\.json \]/);
    expect(dockerfile).toMatch(/FROM deps AS build\nCOPY --from=prune \/app\/out\/full\/ \.\/\nRUN turbo run build --filter=web --cache=local:,remote:\n/);
    expect(dockerfile).toContain('CMD ["apps/web/server.js"]');
    expect(dockerfile).not.toMatch(/^(ARG|ENV)\b.*(TOKEN|NPMRC)/im);
    expect(lintDockerfile(dockerfile).filter((f) => f.severity === 'error')).toEqual([]);
    expect(read(root, '.dockerignore')).toMatch(/^\*\*\/node_modules$/m);
    expect(readJson(root, 'apps/web/package.json').scripts['docker-build']).toBe('docker-ms build . --context ../.. --name acme/web');
  });

  it('prunes a scoped package by its name and never reads a build script at the workspace root', () => {
    const root = turboFixture({
      'package.json': { name: 'acme', private: true, packageManager: 'npm@10.9.2', workspaces: ['apps/*', 'packages/*'], scripts: { build: 'turbo run build' } },
      'apps/api/package.json': { name: '@acme/api', main: 'dist/main.js', scripts: { build: 'tsc' }, dependencies: { '@acme/shared': '*' } },
    });
    addDockerfile({ root, workspace: 'apps/api' });
    const dockerfile = read(root, 'apps/api/Dockerfile');
    expect(dockerfile).toContain('RUN turbo prune @acme/api --docker');
    expect(dockerfile).toContain('RUN turbo run build --filter=@acme/api --cache=local:,remote:');
    expect(dockerfile).not.toContain('npm run build');
    expect(dockerfile).toContain('CMD ["apps/api/dist/main.js"]');
    expect(readJson(root, 'apps/api/package.json').scripts['docker-build']).toBe('docker-ms build . --context ../.. --name acme/acme-api');
  });

  it('names each image after the repo and the package, or a given prefix: default tags never collide', () => {
    const root = turboFixture();
    addDockerfile({ root, workspace: 'web', imagePrefix: 'registry.example.com:5000/team/' });
    expect(readJson(root, 'apps/web/package.json').scripts['docker-build']).toBe('docker-ms build . --context ../.. --name registry.example.com:5000/team/web');
    fs.rmSync(path.join(root, 'apps/web/Dockerfile'));
    const pkg = readJson(root, 'apps/web/package.json');
    delete pkg.scripts['docker-build'];
    writeFiles(root, { 'apps/web/package.json': pkg });
    addDockerfile({ root, workspace: 'web', imagePrefix: 'My Team' });
    expect(readJson(root, 'apps/web/package.json').scripts['docker-build']).toBe('docker-ms build . --context ../.. --name my-team/web');
    addDockerfile({ root, workspace: 'gosvc' });
    expect(readJson(root, 'apps/gosvc/package.json').scripts['docker-build']).toBe('docker-ms build . --name acme/gosvc');
  });

  it('says when the root package.json lacks the packageManager field turbo prune needs', () => {
    const root = turboFixture({ 'package.json': { name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] } });
    expect(addDockerfile({ root, workspace: 'web' }).changes.at(-1)).toEqual({
      path: 'package.json',
      status: 'skipped',
      note: 'has no "packageManager" field; turbo prune in the image needs one, e.g. "packageManager": "npm@10.9.2"',
    });
    expect(addDockerfile({ root, workspace: 'gosvc' }).changes.map((c) => c.path)).not.toContain('package.json');
  });

  it("keeps an existing root .dockerignore and says when it misses node_modules", () => {
    const root = turboFixture({ '.dockerignore': '.git\n' });
    const change = addDockerfile({ root, workspace: 'web' }).changes.find((c) => c.path === '.dockerignore');
    expect(change).toEqual({ path: '.dockerignore', status: 'skipped', note: 'exists but does not ignore **/node_modules; add it, the workspace root is the build context' });
    expect(read(root, '.dockerignore')).toBe('.git\n');
  });

  it('skips an existing Dockerfile but still gives the package its docker-build script', () => {
    const root = turboFixture();
    addDockerfile({ root, workspace: 'web' });
    const pkg = readJson(root, 'apps/web/package.json');
    delete pkg.scripts['docker-build'];
    writeFiles(root, { 'apps/web/package.json': pkg });
    const before = read(root, 'apps/web/Dockerfile');
    const again = addDockerfile({ root, workspace: 'web' });
    expect(again.changes[0]).toMatchObject({ path: 'apps/web/Dockerfile', status: 'skipped' });
    expect(read(root, 'apps/web/Dockerfile')).toBe(before);
    expect(readJson(root, 'apps/web/package.json').scripts['docker-build']).toBe('docker-ms build . --context ../.. --name acme/web');
    const snapshot = snapshotFiles(root);
    addDockerfile({ root, workspace: 'web' });
    expect(snapshotFiles(root)).toEqual(snapshot);
  });

  it('needs a package name, and a known language', () => {
    const root = turboFixture({ 'apps/web/package.json': { version: '1.0.0', dependencies: { express: '4.21.2' } } });
    expect(() => addDockerfile({ root, workspace: 'apps/web' })).toThrow('apps/web/package.json: needs a "name"; turbo prune selects the app by its package name');
    expect(() => addDockerfile({ root, workspace: 'gosvc', language: 'cobol' })).toThrow('language: must be one of auto, node, python, go, rust, java (got "cobol")');
    expect(fs.existsSync(path.join(root, 'apps/web/Dockerfile'))).toBe(false);
  });
});

describe('workspaceTurboVersion', () => {
  it('prefers the installed turbo, then the npm lockfile, then an exact or ^/~ pin', () => {
    const root = turboFixture({ 'node_modules/turbo/package.json': { name: 'turbo', version: '2.11.8' } });
    expect(workspaceTurboVersion(root)).toBe('2.11.8');
    fs.rmSync(path.join(root, 'node_modules'), { recursive: true });
    expect(workspaceTurboVersion(root)).toBe('2.11.9');
    fs.rmSync(path.join(root, 'package-lock.json'));
    writeFiles(root, { 'package.json': { name: 'a', devDependencies: { turbo: '^2.5.0' } } });
    expect(workspaceTurboVersion(root)).toBe('2.5.0');
    writeFiles(root, { 'package.json': { name: 'a', devDependencies: { turbo: 'latest' } } });
    expect(workspaceTurboVersion(root)).toBeNull();
  });
});

describe('addDockerfile never writes through a link', () => {
  it.each(['apps/web/Dockerfile', '.dockerignore'])('refuses %s when it is a dangling link; nothing is written', (link) => {
    const root = turboFixture();
    const before = snapshotFiles(root);
    const outside = path.join(fs.mkdtempSync(path.join(root, '..', 'docker-ms-outside-')), 'pwned');
    fs.symlinkSync(outside, path.join(root, link));
    expect(() => addDockerfile({ root, workspace: 'web', overwrite: true })).toThrow(
      `${link}: is a symbolic link; docker-ms does not write through links, remove it or write elsewhere (nothing written)`,
    );
    expect(fs.existsSync(outside)).toBe(false);
    fs.unlinkSync(path.join(root, link));
    expect(snapshotFiles(root)).toEqual(before);
  });
});
