import { memoryFileReader } from '../detect';
import { contextClosure } from './closure';
import { graphDependencyRoots } from './project-graph';

const workspace = memoryFileReader({
  'package.json': JSON.stringify({ name: 'ws', private: true, workspaces: ['apps/*', 'libs/*'] }),
  'package-lock.json': '{}',
  'nx.json': '{}',
  'tsconfig.base.json': '{}',
  'README.md': '# ws',
  'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { '@ws/shared': '*', express: '^4' } }),
  'apps/api/src/main.ts': 'x',
  'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@ws/ui': 'workspace:*' } }),
  'apps/web/src/main.ts': 'x',
  'libs/shared/package.json': JSON.stringify({ name: '@ws/shared', dependencies: { '@ws/util': '^1.0.0' } }),
  'libs/shared/index.ts': 'x',
  'libs/util/package.json': JSON.stringify({ name: '@ws/util' }),
  'libs/util/index.ts': 'x',
  'libs/ui/package.json': JSON.stringify({ name: '@ws/ui' }),
  'libs/ui/index.ts': 'x',
});

describe('contextClosure', () => {
  it('node: the app, its workspace packages (transitively) and the root manifests that exist', () => {
    const closure = contextClosure(workspace, { language: 'node', projectRoot: 'apps/api' });
    expect(closure.folders).toEqual(['apps/api', 'libs/shared', 'libs/util']);
    expect(closure.files).toEqual(['nx.json', 'package-lock.json', 'package.json', 'tsconfig.base.json']);
    expect(closure.outside).toEqual([]);
  });

  it('never takes credential files into the closure (.npmrc reaches builds only as a secret)', () => {
    const fs = memoryFileReader({ 'package.json': '{}', '.npmrc': '//r/:_authToken=x', '.yarnrc': 'x', '.yarnrc.yml': 'nodeLinker: node-modules', 'apps/api/index.js': '' });
    const closure = contextClosure(fs, { language: 'node', projectRoot: 'apps/api' });
    expect(closure.files).toEqual(['.yarnrc.yml', 'package.json']);
  });

  it('Yarn 2+ (a Berry yarn.lock): every member\'s package.json, since yarn install --immutable stops without one; their other files stay out', () => {
    const files = (lock: string) => ({ ...Object.fromEntries(workspace.list('apps').flatMap((a) => [[`apps/${a}/package.json`, workspace.read(`apps/${a}/package.json`) ?? '']])),
      ...Object.fromEntries(['shared', 'util', 'ui'].map((l) => [`libs/${l}/package.json`, workspace.read(`libs/${l}/package.json`) ?? ''])),
      'package.json': workspace.read('package.json') ?? '', 'yarn.lock': lock, 'apps/web/src/main.ts': 'x', 'libs/ui/index.ts': 'x', '.yarn/releases/yarn-4.9.4.cjs': 'x', '.yarn/plugins/p.cjs': 'x' });
    const berry = contextClosure(memoryFileReader(files('__metadata:\n  version: 8\n')), { language: 'node', projectRoot: 'apps/web' });
    expect(berry.folders).toEqual(['.yarn/plugins', '.yarn/releases', 'apps/web', 'libs/ui']);
    expect(berry.files).toEqual(['apps/api/package.json', 'libs/shared/package.json', 'libs/util/package.json', 'package.json', 'yarn.lock']);
    const classic = contextClosure(memoryFileReader(files('# yarn lockfile v1\n')), { language: 'node', projectRoot: 'apps/web' });
    expect(classic.files).toEqual(['package.json', 'yarn.lock']);
  });

  it('does not reach other apps or libraries the app does not use', () => {
    const closure = contextClosure(workspace, { language: 'node', projectRoot: 'apps/web' });
    expect(closure.folders).toEqual(['apps/web', 'libs/ui']);
    expect(closure.folders.some((f) => f.startsWith('apps/api') || f === 'libs/shared')).toBe(false);
  });

  it('adds the dependency roots the adapter passes (the Nx project graph) and drops folders nested in others', () => {
    const closure = contextClosure(workspace, {
      language: 'node',
      projectRoot: './apps/web/',
      dependencyRoots: ['libs/shared', 'libs/shared/index.ts', 'apps/web/src'],
      followManifests: false,
    });
    expect(closure.folders).toEqual(['apps/web', 'libs/shared']);
  });

  it('extra paths: a prepared file that does not exist yet is still a file of the closure', () => {
    const closure = contextClosure(workspace, { language: 'node', projectRoot: 'apps/api', extraPaths: ['dist/docker/api/package.json'] });
    expect(closure.files).toContain('dist/docker/api/package.json');
  });

  it('relative to a narrower context; what lies outside it is reported, not listed', () => {
    const closure = contextClosure(workspace, { language: 'node', projectRoot: 'apps/api', contextRoot: 'apps' });
    expect(closure.folders).toEqual(['api']);
    expect(closure.outside).toEqual(['libs/shared', 'libs/util']);
    // apps/package.json does not exist: no root files from the workspace root leak in under another name
    expect(closure.files).toEqual([]);
  });

  it('a project at the context root is the whole context', () => {
    const closure = contextClosure(workspace, { language: 'node', projectRoot: '.', followManifests: false });
    expect(closure.folders).toEqual(['']);
    expect(closure.files).toEqual([]);
  });

  it('go: replace directives to local modules, and go.work at the root', () => {
    const fs = memoryFileReader({
      'go.work': 'go 1.22\nuse ./svc/api\n',
      'svc/api/go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../../pkg/lib\n',
      'svc/api/main.go': 'package main',
      'pkg/lib/go.mod': 'module example.com/lib\n\nreplace (\n\texample.com/base => ../base\n\texample.com/remote => example.com/fork v1.0.0\n)\n',
      'pkg/base/go.mod': 'module example.com/base\n',
      'pkg/other/go.mod': 'module example.com/other\n',
    });
    const closure = contextClosure(fs, { language: 'go', projectRoot: 'svc/api' });
    expect(closure.folders).toEqual(['pkg/base', 'pkg/lib', 'svc/api']);
    expect(closure.files).toEqual(['go.work']);
  });

  it('rust: path dependencies (also under target tables) and the workspace manifest and lockfile', () => {
    const fs = memoryFileReader({
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
      'Cargo.lock': '',
      'crates/api/Cargo.toml': '[package]\nname = "api"\n[dependencies]\nshared = { path = "../shared" }\nserde = "1"\n[target.\'cfg(unix)\'.dependencies]\nsys = { path = "../sys" }\n',
      'crates/shared/Cargo.toml': '[package]\nname = "shared"\n',
      'crates/sys/Cargo.toml': '[package]\nname = "sys"\n',
      'crates/unused/Cargo.toml': '[package]\nname = "unused"\n',
    });
    const closure = contextClosure(fs, { language: 'rust', projectRoot: 'crates/api' });
    expect(closure.folders).toEqual(['crates/api', 'crates/shared', 'crates/sys']);
    expect(closure.files).toEqual(['Cargo.lock', 'Cargo.toml']);
  });

  it('python: uv and poetry path sources; paths leaving the workspace are ignored', () => {
    const fs = memoryFileReader({
      'uv.lock': '',
      'apps/svc/pyproject.toml': '[project]\nname = "svc"\n[tool.uv.sources]\ncore = { path = "../../libs/core", editable = true }\nfar = { path = "../../../elsewhere" }\n',
      'libs/core/pyproject.toml': '[tool.poetry.group.dev.dependencies]\nhelpers = { path = "../helpers" }\n',
      'libs/helpers/pyproject.toml': '',
    });
    const closure = contextClosure(fs, { language: 'python', projectRoot: 'apps/svc' });
    expect(closure.folders).toEqual(['apps/svc', 'libs/core', 'libs/helpers']);
    expect(closure.files).toEqual(['uv.lock']);
  });

  it('java: root build files and wrapper folders, files and folders told apart', () => {
    const fs = memoryFileReader({
      'settings.gradle.kts': '',
      'gradlew': '',
      'gradle/wrapper/gradle-wrapper.properties': '',
      'apps/svc/build.gradle.kts': '',
    });
    const closure = contextClosure(fs, { language: 'java', projectRoot: 'apps/svc' });
    expect(closure.folders).toEqual(['apps/svc', 'gradle']);
    expect(closure.files).toEqual(['gradlew', 'settings.gradle.kts']);
  });
});

describe('graphDependencyRoots', () => {
  const graph = {
    nodes: {
      api: { data: { root: 'apps/api' } },
      web: { data: { root: 'apps/web' } },
      shared: { data: { root: 'libs/shared' } },
      util: { data: { root: 'libs/util' } },
      ui: { data: { root: 'libs/ui' } },
    },
    dependencies: {
      api: [{ target: 'shared' }, { target: 'npm:express' }],
      shared: [{ target: 'util' }, { target: 'api' }],
      web: [{ target: 'ui' }],
      util: [],
    },
  };

  it('follows the graph transitively, skipping npm nodes, cycles and the project itself', () => {
    expect(graphDependencyRoots(graph, 'api')).toEqual(['libs/shared', 'libs/util']);
    expect(graphDependencyRoots(graph, 'web')).toEqual(['libs/ui']);
    expect(graphDependencyRoots(graph, 'util')).toEqual([]);
  });

  it('names a project missing from the graph', () => {
    expect(() => graphDependencyRoots(graph, 'nope')).toThrow('project "nope" is not in the project graph');
  });
});
