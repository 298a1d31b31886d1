import { contextClosure } from '../context/closure';
import { localTarballs } from '../context/local-tarballs';
import { detectProject, memoryFileReader } from '../detect';
import { lintDockerfile } from '../lint';
import { renderDockerfile } from './dockerfile';
import { generateDockerfile } from './generate';

// a workspace that installed docker-ms from tarballs packed in a checkout (`npm install -D ./vendor/…tgz`)
const ROOT_PKG = JSON.stringify({
  name: 'ws',
  devDependencies: { nx: '23.2.1', 'docker-ms': 'file:vendor/docker-ms/docker-ms-0.1.0.tgz', '@docker-ms/core': 'file:vendor/docker-ms/docker-ms-core-0.1.0.tgz' },
});
const files = (rootPkg = ROOT_PKG) => ({
  'package.json': rootPkg,
  'package-lock.json': '{"lockfileVersion":3}',
  'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { build: 'tsc', start: 'node dist/main.js' } }),
  'apps/api/src/main.ts': '',
  'vendor/docker-ms/docker-ms-0.1.0.tgz': 'x',
  'vendor/docker-ms/docker-ms-core-0.1.0.tgz': 'x',
});
const TARBALLS = ['vendor/docker-ms/docker-ms-0.1.0.tgz', 'vendor/docker-ms/docker-ms-core-0.1.0.tgz'];

describe('file: tarball dependencies (packages installed from packed tarballs)', () => {
  it('are read from package.json; a path outside the workspace is marked', () => {
    const fs = memoryFileReader({ 'package.json': JSON.stringify({ dependencies: { a: 'file:../a-1.0.0.tgz', b: '^1.0.0', c: 'file:../c' } }) });
    expect(localTarballs(fs, '')).toEqual([{ manifest: 'package.json', field: 'dependencies', name: 'a', spec: 'file:../a-1.0.0.tgz', path: null }]);
    expect(localTarballs(memoryFileReader(files()), '').map((t) => t.path)).toEqual(TARBALLS);
  });

  it('detection names them (they are copied in before the installs) and refuses one outside the workspace in one line', () => {
    const d = detectProject('apps/api', { workspaceRoot: '/ws', fs: memoryFileReader(files()) });
    expect(d.localTarballs).toEqual(TARBALLS);
    expect(d.evidence.join('\n')).toContain('package.json (workspace root): docker-ms file:vendor/docker-ms/docker-ms-0.1.0.tgz');
    const outside = ROOT_PKG.replace('file:vendor/docker-ms/docker-ms-0.1.0.tgz', 'file:../docker-ms/dist/packages/docker-ms-0.1.0.tgz');
    expect(() => detectProject('apps/api', { workspaceRoot: '/ws', fs: memoryFileReader(files(outside)) })).toThrow(
      'package.json: devDependencies docker-ms is file:../docker-ms/dist/packages/docker-ms-0.1.0.tgz, outside the workspace, so the image\'s install cannot read it; put the tarball inside the workspace (e.g. vendor/) and install it from there (npm install -D ./vendor/<file>.tgz)',
    );
    // an app with its own lockfile installs from its own manifests: the root's tarballs are not its business
    const own = detectProject('apps/api', { workspaceRoot: '/ws', fs: memoryFileReader({ ...files(outside), 'apps/api/package-lock.json': '{"lockfileVersion":3}' }) });
    expect(own.localTarballs).toBeUndefined();
  });

  it('the Dockerfile copies them to the paths the manifests name before both installs, and lints clean', () => {
    const { dockerfile, options } = generateDockerfile({ workspaceRoot: '/ws', projectRoot: 'apps/api', fs: memoryFileReader(files()), options: { projectRoot: 'apps/api' } });
    expect(options).toMatchObject({ localTarballs: TARBALLS });
    const lines = dockerfile.split('\n');
    for (const stage of ['deps', 'prod-deps']) {
      const from = lines.findIndex((l) => l.endsWith(` AS ${stage}`));
      const install = lines.findIndex((l, i) => i > from && l.startsWith('RUN '));
      expect(lines.slice(from, install)).toEqual(expect.arrayContaining(TARBALLS.map((t) => `COPY ${t} ./${t}`)));
    }
    expect(lintDockerfile(dockerfile).filter((f) => f.severity === 'error')).toEqual([]);
    expect(renderDockerfile({ language: 'node' })).not.toMatch(/\.tgz/);
  });

  it('a build context that does not hold them is refused in one line', () => {
    expect(() => generateDockerfile({ workspaceRoot: '/ws', projectRoot: 'apps/api', fs: memoryFileReader(files()) })).toThrow(
      /^vendor\/docker-ms\/docker-ms-0\.1\.0\.tgz: a file: dependency installs from this tarball, which is outside the build context/,
    );
  });

  it('the workspace-root context allowlist holds them', () => {
    const closure = contextClosure(memoryFileReader(files()), { language: 'node', projectRoot: 'apps/api' });
    expect(closure.files).toEqual(expect.arrayContaining(TARBALLS));
  });
});

describe('file: tarballs with turbo prune (Turborepo)', () => {
  it('are copied beside the pruned manifests before both installs', () => {
    const text = renderDockerfile({ language: 'node', projectRoot: 'apps/web', pruneWith: 'turbo', pruneScope: 'web', localTarballs: TARBALLS });
    const lines = text.split('\n');
    for (const stage of ['deps', 'prod-deps']) {
      const from = lines.findIndex((l) => l.endsWith(` AS ${stage}`));
      expect(lines.slice(from + 1, from + 4)).toEqual(['COPY --from=prune /app/out/json/ ./', ...TARBALLS.map((t) => `COPY ${t} ./${t}`)]);
    }
    expect(renderDockerfile({ language: 'node', projectRoot: 'apps/web', pruneWith: 'turbo', pruneScope: 'web' })).not.toMatch(/\.tgz/);
  });
});
