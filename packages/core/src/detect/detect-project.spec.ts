import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Detection, Language, LanguageHint } from '../types';
import { detectProject } from './detect-project';
import { DetectionError } from './detection-error';
import { memoryFileReader, nodeFileReader } from './file-reader';

const FIXTURES = path.join(__dirname, '__fixtures__');
const MONOREPO = path.join(FIXTURES, 'monorepo');

function detectMem(files: Record<string, string>, project = 'apps/app', language?: Language): Detection {
  return detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files), language });
}

function errorOf(fn: () => unknown): DetectionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DetectionError) return e;
    throw e;
  }
  throw new Error('expected a DetectionError');
}

describe('fixtures on disk (nodeFileReader, default reader)', () => {
  it.each([
    ['apps/web', { language: 'node', packageManager: 'pnpm', runtimeVersion: '26', entry: 'dist/main.js' }],
    ['apps/go-api', { language: 'go', packageManager: 'go', runtimeVersion: '1.22', entry: './cmd/api' }],
    ['apps/py-worker', { language: 'python', packageManager: 'uv', runtimeVersion: '3.12', entry: 'worker' }],
    ['apps/rust-svc', { language: 'rust', packageManager: 'cargo', runtimeVersion: '1.82', entry: 'svc' }],
    ['apps/java-maven', { language: 'java', packageManager: 'maven', runtimeVersion: '21', entry: null }],
    ['apps/java-gradle', { language: 'java', packageManager: 'gradle', runtimeVersion: '17', entry: 'com.example.billing.Main' }],
  ])('monorepo %s', (project, expected) => {
    // No fs given: detectProject reads the real folder.
    const d = detectProject(project, { workspaceRoot: MONOREPO });
    expect(d).toMatchObject(expected);
    expect(d.evidence.length).toBeGreaterThan(1);
  });

  it('monorepo apps/web: pnpm from the root packageManager field; engines >=18 → 26', () => {
    const d = detectProject(path.join(MONOREPO, 'apps/web'), { workspaceRoot: MONOREPO });
    expect(d.evidence).toEqual([
      'language node: package.json',
      'package.json (workspace root): packageManager "pnpm@9.12.0" → pnpm 9.12.0, installed from the npm registry at exactly that version',
      'package.json: engines.node ">=18" → 26 (lower bound only; the default satisfies it)',
      'package.json: scripts.start "node dist/main.js" → entry dist/main.js',
      'port: none found (no source files to look in); pass --port <port> so the image EXPOSEs it',
    ]);
  });

  it('monorepo apps/go-api: the scripts-only package.json wrapper loses to go.mod', () => {
    const d = detectProject('apps/go-api', { workspaceRoot: MONOREPO });
    expect(d.evidence).toEqual([
      'language go: go.mod',
      'weaker sign of node ignored: package.json (scripts only) — a script wrapper',
      'go.mod: module example.com/go-api',
      "go.work (workspace root): in workspace mode its go and toolchain lines govern the build (the module's own are not used)",
      'go.work (workspace root): go 1.22 → 1.22',
      'go.work (workspace root): workspace of 1 module; this app is apps/go-api, and its build reads no other member',
      'go.sum: module checksums present',
      'cmd/api/main.go: found → entry ./cmd/api (also: cmd/worker; pass --entry to choose)',
      'Go 1.22 reached end of life on 2025-02-11; move to 1.26 (kept because the project pins it)',
      'port: none found (looked in cmd/api/main.go, cmd/worker/main.go); pass --port <port> so the image EXPOSEs it',
    ]);
  });

  it('monorepo apps/java-maven: Spring Boot parent and the Maven wrapper in evidence', () => {
    const d = detectProject('apps/java-maven', { workspaceRoot: MONOREPO });
    expect(d.evidence).toEqual(expect.arrayContaining([
      'mvnw: Maven wrapper 3.9.9',
      'pom.xml: Spring Boot parent 3.3.4',
      'pom.xml: java.version 21 → 21',
    ]));
  });

  it('monorepo apps/conflict: Cargo.toml and go.mod are a real conflict', () => {
    const e = errorOf(() => detectProject('apps/conflict', { workspaceRoot: MONOREPO }));
    expect(e.message).toMatch(/^apps\/conflict: go \(go\.mod\) and rust \(Cargo\.toml\) are equally likely \(checked .*\); pass --language <node\|python\|go\|rust\|java> to choose$/);
    expect(e.candidates.map((c) => c.language).sort()).toEqual(['go', 'rust']);
  });

  it('monorepo apps/empty: nothing found', () => {
    const e = errorOf(() => detectProject('apps/empty', { workspaceRoot: MONOREPO }));
    expect(e.message).toMatch(/^apps\/empty: no language detected/);
  });

  it('yarn-berry: Berry lockfile at the root, .tool-versions, bin entry', () => {
    const d = detectProject('apps/site', { workspaceRoot: path.join(FIXTURES, 'yarn-berry') });
    expect(d).toMatchObject({ language: 'node', packageManager: 'yarn', runtimeVersion: '20', entry: 'bin/site.js' });
    expect(d.evidence).toContain('yarn.lock (workspace root): lockfile → yarn (Berry lockfile: __metadata)');
  });

  it('poetry-app: a project at the workspace root (".")', () => {
    const d = detectProject('.', { workspaceRoot: path.join(FIXTURES, 'poetry-app') });
    expect(d).toMatchObject({ language: 'python', packageManager: 'poetry', runtimeVersion: '3.11', entry: 'app/main.py' });
    expect(d.evidence).toContain('pyproject.toml: [tool.poetry.dependencies] python ">=3.10,<3.12" → 3.11 (the newest version the range allows)');
  });

  it('cargo-workspace: a member inherits rust-version from [workspace.package]; the root lists its binaries', () => {
    const ws = path.join(FIXTURES, 'cargo-workspace');
    expect(detectProject('crates/api', { workspaceRoot: ws })).toMatchObject({ language: 'rust', runtimeVersion: null, entry: 'api' });
    expect(detectProject(ws, { workspaceRoot: ws })).toMatchObject({ language: 'rust', runtimeVersion: null, entry: 'api' });
    expect(detectProject('crates/shared', { workspaceRoot: ws }).entry).toBeNull();
  });

  it('an absolute project path through a symlinked workspace path is still inside', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detect-link-'));
    try {
      const link = path.join(tmp, 'ws-link');
      fs.symlinkSync(MONOREPO, link);
      const d = detectProject(path.join(MONOREPO, 'apps/rust-svc'), { workspaceRoot: link });
      expect(d).toMatchObject({ language: 'rust', entry: 'svc' });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('an explicit nodeFileReader gives the same answer as the default reader', () => {
    const withReader = detectProject('apps/rust-svc', { workspaceRoot: MONOREPO, fs: nodeFileReader(MONOREPO) });
    expect(withReader).toEqual(detectProject('apps/rust-svc', { workspaceRoot: MONOREPO }));
  });
});

describe('choosing the language', () => {
  const wrapper = JSON.stringify({ name: 'app', private: true, scripts: { build: 'make', dev: 'make run' } });

  it.each([
    ['go.mod', 'go', { 'apps/app/go.mod': 'module x\n\ngo 1.22\n', 'apps/app/main.go': 'package main\n' }],
    ['Cargo.toml', 'rust', { 'apps/app/Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n' }],
    ['pyproject.toml', 'python', { 'apps/app/pyproject.toml': '[project]\nname = "app"\n' }],
    ['requirements.txt', 'python', { 'apps/app/requirements.txt': 'flask\n' }],
    ['main.py only', 'python', { 'apps/app/main.py': 'print(1)\n' }],
    ['pom.xml', 'java', { 'apps/app/pom.xml': '<project><artifactId>app</artifactId></project>' }],
    ['build.gradle.kts', 'java', { 'apps/app/build.gradle.kts': 'plugins { java }\n' }],
  ])('a scripts-only package.json wrapper next to %s → %s', (_file, language, files) => {
    const d = detectMem({ 'apps/app/package.json': wrapper, ...files });
    expect(d.language).toBe(language);
    expect(d.evidence[1]).toBe('weaker sign of node ignored: package.json (scripts only) — a script wrapper');
  });

  it('a package.json alone, even scripts-only, is node', () => {
    expect(detectMem({ 'apps/app/package.json': wrapper, 'apps/app/index.js': '' }).language).toBe('node');
  });

  it('a package.json with dependencies next to go.mod is a conflict', () => {
    const e = errorOf(() =>
      detectMem({ 'apps/app/package.json': JSON.stringify({ name: 'app', devDependencies: { nodemon: '3' } }), 'apps/app/go.mod': 'module x\n' }),
    );
    expect(e.message).toContain('apps/app: node (package.json) and go (go.mod) are equally likely');
    expect(e.message).toContain('pass --language <node|python|go|rust|java> to choose');
  });

  it('a package.json with main is not a wrapper', () => {
    const e = errorOf(() => detectMem({ 'apps/app/package.json': JSON.stringify({ name: 'a', main: 'x.js' }), 'apps/app/pyproject.toml': '' }));
    expect(e.message).toContain('node (package.json) and python (pyproject.toml)');
  });

  it('a JS lockfile in the project makes node strong even without dependencies', () => {
    const e = errorOf(() => detectMem({ 'apps/app/package.json': wrapper, 'apps/app/package-lock.json': '{}', 'apps/app/Cargo.toml': '' }));
    expect(e.message).toContain('node (package-lock.json) and rust (Cargo.toml)');
  });

  it('three languages: the message names all the tied ones', () => {
    const e = errorOf(() => detectMem({ 'apps/app/pom.xml': '<project/>', 'apps/app/Cargo.toml': '', 'apps/app/go.mod': '' }));
    expect(e.message).toContain('go (go.mod) and rust (Cargo.toml) and java (pom.xml) are equally likely');
  });

  it('Go sources without go.mod, under a root go.mod, are Go', () => {
    expect(detectMem({ 'go.mod': 'module x\n\ngo 1.23.0\n', 'apps/app/main.go': 'package main\n' }).runtimeVersion).toBe('1.23');
  });

  it('the DetectionError text lists every file checked per language and the flag', () => {
    const e = errorOf(() => detectMem({ 'apps/app/README.md': '# hi\n', 'package.json': '{"name":"root","dependencies":{"x":"1"}}' }));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DetectionError');
    expect(e.message).toBe(
      'apps/app: no language detected (checked ' +
        'node: package.json, package.json5, package.yaml, pnpm-lock.yaml, yarn.lock, bun.lock, bun.lockb, package-lock.json, npm-shrinkwrap.json, tsconfig.json, tsconfig.app.json; ' +
        'python: pyproject.toml, setup.py, setup.cfg, Pipfile, Pipfile.lock, uv.lock, poetry.lock, pdm.lock, requirements*.txt, *.py; ' +
        'go: go.mod, *.go, cmd/*/main.go; ' +
        'rust: Cargo.toml; ' +
        'java: pom.xml, build.gradle.kts, build.gradle, settings.gradle.kts, settings.gradle); ' +
        'pass --language <node|python|go|rust|java>',
    );
    expect(e.message).not.toContain('\n');
    expect(Object.keys(e.checked)).toEqual(['node', 'python', 'go', 'rust', 'java']);
  });
});

describe('hints from the caller\'s build tooling', () => {
  const hinted = (files: Record<string, string>, hints: LanguageHint[]) =>
    detectProject('apps/app', { workspaceRoot: '/ws', fs: memoryFileReader(files), hints });

  it('a hint alone decides the language, and is named first in the evidence', () => {
    const d = hinted({ 'apps/app/src/readme.md': '' }, [{ language: 'go', because: 'target "build" uses @nx-go/nx-go:build' }]);
    expect(d.language).toBe('go');
    expect(d.evidence[0]).toBe('language go: target "build" uses @nx-go/nx-go:build');
  });

  it('a hint outweighs loose sources of another language', () => {
    const d = hinted({ 'apps/app/tsconfig.json': '{}', 'apps/app/main.go': 'package main\n' }, [{ language: 'go', because: 'x' }]);
    expect(d.language).toBe('go');
  });

  it('a hint ties with another language\'s manifest', () => {
    const e = errorOf(() => hinted({ 'apps/app/Cargo.toml': '' }, [{ language: 'go', because: 'tag go' }]));
    expect(e.message).toContain('go (tag go) and rust (Cargo.toml) are equally likely');
  });

  it('no hints: a project.json says nothing to core', () => {
    const e = errorOf(() => detectMem({ 'apps/app/project.json': JSON.stringify({ targets: { build: { executor: '@nx-go/nx-go:build' } } }) }));
    expect(e.message).toMatch(/^apps\/app: no language detected/);
  });

  it('an Nx integrated node app: tsconfig.app.json and src/main.ts, entry from the compiled output', () => {
    const d = detectMem({ 'apps/app/tsconfig.app.json': '{}', 'apps/app/src/main.ts': '', 'package-lock.json': '{}' });
    expect(d).toMatchObject({ language: 'node', packageManager: 'npm', entry: 'dist/main.js' });
  });
});

describe('--language', () => {
  it('detects only that language: no conflict error', () => {
    const d = detectMem({ 'apps/app/go.mod': 'module x\n\ngo 1.21.4\n', 'apps/app/Cargo.toml': '[package]\nname="x"\n', 'apps/app/main.go': 'package main\n' }, 'apps/app', 'go');
    expect(d).toMatchObject({ language: 'go', runtimeVersion: '1.21', entry: '.' });
    expect(d.evidence[0]).toBe('language go: given by --language');
  });

  it('works in a folder with no signs at all, using defaults', () => {
    const d = detectMem({ 'apps/app/README.md': '' }, 'apps/app', 'python');
    expect(d).toMatchObject({ language: 'python', packageManager: 'pip', runtimeVersion: null, entry: null });
  });

  it('lets a wrapper project be detected as node on request', () => {
    const d = detectMem({ 'apps/app/package.json': JSON.stringify({ scripts: { start: 'node srv.js' } }), 'apps/app/go.mod': '' }, 'apps/app', 'node');
    expect(d).toMatchObject({ language: 'node', entry: 'srv.js' });
  });

  it('rejects an unknown language', () => {
    expect(() => detectMem({ 'apps/app/x': '' }, 'apps/app', 'ruby' as Language)).toThrow('unknown language "ruby"; pass --language <node|python|go|rust|java>');
    expect(() => detectMem({ 'apps/app/x': '' }, 'apps/app', 'toString' as Language)).toThrow('unknown language "toString"');
  });
});

describe('project paths', () => {
  const files = { 'apps/deep/nested/svc/Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\n', 'apps/deep/nested/svc/src/main.rs': '', 'rust-toolchain.toml': '[toolchain]\nchannel = "1.81"\n' };

  it.each([
    ['relative', 'apps/deep/nested/svc'],
    ['relative with ./ and trailing /', './apps/deep/nested/svc/'],
    ['absolute under the workspace root', '/ws/apps/deep/nested/svc'],
  ])('%s project root', (_name, project) => {
    const d = detectMem(files, project);
    expect(d).toMatchObject({ language: 'rust', runtimeVersion: '1.81', entry: 'svc' });
    expect(d.evidence).toContain('rust-toolchain.toml (workspace root): channel 1.81 → 1.81');
  });

  it('files in a folder between the project and the root are labelled as above the project', () => {
    const d = detectMem({ ...files, 'apps/deep/rust-toolchain': '1.77.2\n' }, 'apps/deep/nested/svc');
    expect(d.runtimeVersion).toBe('1.77');
    expect(d.evidence).toContain('apps/deep/rust-toolchain (above the project): channel 1.77.2 → 1.77');
  });

  it.each([
    ['outside the workspace (absolute)', '/elsewhere/app', 'project root "/elsewhere/app" is outside the workspace root "/ws"; pass a folder inside it'],
    ['outside the workspace (relative)', '../app', 'project root "../app" is outside the workspace root "/ws"; pass a folder inside it'],
    ['missing', 'apps/nope', 'apps/nope: no such project folder in the workspace "/ws"; pass an existing project root'],
  ])('%s → DetectionError', (_name, project, message) => {
    const e = errorOf(() => detectMem(files, project));
    expect(e.message).toBe(message);
  });
});

describe('an empty folder', () => {
  it('is one short line naming the folder', () => {
    const error = errorOf(() => detectMem({ 'apps/app/': '' }));
    expect(error.message).toBe('apps/app is an empty folder; pass the folder that holds the app');
  });
});
