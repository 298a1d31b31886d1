// Go workspaces as the go.dev workspaces tutorial and `go help work` lay them out: go.work with `use` (single and
// block forms, comments), modules in sub-folders and no root go.mod, members reached by `require` + workspace or by
// import alone, `replace` to a local folder, `use .` for a root module.
import { detectProject, memoryFileReader } from '../detect';
import { generateDockerfile } from '../render';
import { renderDockerfile } from '../render';
import { contextClosure } from './closure';
import { findGoWorkspace, importsOf, neededGoModules } from './go-workspace';

const MAIN = 'package main\n\nfunc main() {}\n';

/** The go.dev tutorial: hello uses golang.org/x/example/hello/reverse from a clone in the workspace. */
const tutorial = {
  'go.work': 'go 1.22\n\nuse (\n\t./example/hello\n\t./hello\n)\n',
  'hello/go.mod': 'module example.com/hello\n\ngo 1.22\n\nrequire golang.org/x/example/hello v0.1.0\n',
  'hello/hello.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"golang.org/x/example/hello/reverse"\n)\n\nfunc main() {\n\tfmt.Println(reverse.String("Hello"))\n}\n',
  'example/hello/go.mod': 'module golang.org/x/example/hello\n\ngo 1.19\n',
  'example/hello/hello.go': 'package main\n\nfunc main() {}\n',
  'example/hello/reverse/reverse.go': 'package reverse\n\nfunc String(s string) string { return s }\n',
};

/** A service monorepo: no root go.mod, services import shared packages with no require (workspace-only). */
const services = {
  'go.work': '// services workspace\ngo 1.23.4\n\ntoolchain go1.24.2\n\nuse (\n\t./services/api   // the HTTP API\n\t./services/worker\n\t./pkg/shared\n\t./pkg/util\n\t./pkg/unused\n)\n',
  'go.work.sum': 'golang.org/x/mod v0.1.0 h1:x=\n',
  'services/api/go.mod': 'module example.com/services/api\n\ngo 1.23\n\nrequire github.com/go-chi/chi/v5 v5.1.0\n',
  'services/api/go.sum': 'github.com/go-chi/chi/v5 v5.1.0 h1:x=\n',
  'services/api/cmd/api/main.go': 'package main\n\nimport (\n\tshared "example.com/pkg/shared/log"\n\t_ "github.com/go-chi/chi/v5"\n)\n\nfunc main() { shared.Info("up") }\n',
  'services/api/internal/h_test.go': 'package internal\n\nimport "example.com/pkg/unused"\n',
  'services/worker/go.mod': 'module example.com/services/worker\n\ngo 1.23\n',
  'services/worker/main.go': MAIN,
  'pkg/shared/go.mod': 'module example.com/pkg/shared\n\ngo 1.23\n',
  'pkg/shared/log/log.go': 'package log\n\nimport "example.com/pkg/util"\n\nfunc Info(string) { util.Noop() }\n',
  'pkg/util/go.mod': 'module example.com/pkg/util\n\ngo 1.23\n',
  'pkg/util/util.go': 'package util\n\nfunc Noop() {}\n',
  'pkg/unused/go.mod': 'module example.com/pkg/unused\n\ngo 1.23\n',
  'pkg/unused/u.go': 'package unused\n',
};

const detect = (files: Record<string, string>, project: string) => detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files) });

describe('go.work parsing and the modules a build needs', () => {
  it('reads use blocks with comments, go and toolchain lines', () => {
    const ws = findGoWorkspace(memoryFileReader(services), 'services/api/cmd/api')!;
    expect(ws).toMatchObject({ path: 'go.work', root: '', go: '1.23.4', toolchain: 'go1.24.2', missing: [] });
    expect(ws.modules.map((m) => m.dir)).toEqual(['pkg/shared', 'pkg/unused', 'pkg/util', 'services/api', 'services/worker']);
  });

  it('follows imports without a require, transitively, and leaves test-only imports and siblings out', () => {
    const fs = memoryFileReader(services);
    expect(neededGoModules(fs, findGoWorkspace(fs, 'services/api')!, 'services/api')).toEqual(['pkg/shared', 'pkg/util', 'services/api']);
  });

  it('follows a require to a member (the tutorial: golang.org/x/example/hello)', () => {
    const fs = memoryFileReader(tutorial);
    expect(neededGoModules(fs, findGoWorkspace(fs, 'hello')!, 'hello')).toEqual(['example/hello', 'hello']);
  });

  it('single-line use, `use .` for a root module, and a local replace target', () => {
    const fs = memoryFileReader({
      'go.work': 'go 1.22\nuse .\nuse ./plugins/auth\nreplace example.com/forked v1.0.0 => ./third_party/forked\n',
      'go.mod': 'module example.com/app\n\ngo 1.22\n',
      'main.go': 'package main\n\nimport _ "example.com/app/plugins/auth"\n\nfunc main() {}\n',
      'plugins/auth/go.mod': 'module example.com/app/plugins/auth\n\ngo 1.22\n',
      'plugins/auth/a.go': 'package auth\n',
      'third_party/forked/go.mod': 'module example.com/forked\n',
    });
    const ws = findGoWorkspace(fs, '')!;
    expect(ws.modules.map((m) => m.dir)).toEqual(['', 'plugins/auth']);
    expect(ws.replaces).toEqual(['third_party/forked']);
    // the longest module path owns the import: plugins/auth, not the root module
    expect(neededGoModules(fs, ws, '')).toEqual(['', 'plugins/auth', 'third_party/forked']);
  });

  it('imports: grouped, named, blank and dot imports; comments ignored', () => {
    expect(importsOf('package x\n// import "no/comment"\nimport "a/b"\nimport c "c/d"\nimport (\n\t. "e/f"\n\t_ "g/h" // why\n\t/* "i/j" */\n)\n')).toEqual(['e/f', 'g/h', 'a/b', 'c/d']);
  });
});

describe('go detection in a workspace', () => {
  it('a member module: workspace mode, the modules it needs, go.work governs the version', () => {
    const d = detect(services, 'services/api');
    expect(d).toMatchObject({ language: 'go', entry: './cmd/api', runtimeVersion: '1.24' });
    expect(d.goWork).toEqual({ path: 'go.work', modules: ['pkg/shared', 'pkg/unused', 'pkg/util', 'services/api', 'services/worker'], needs: ['pkg/shared', 'pkg/util', 'services/api'] });
    expect(d.evidence).toContain('go.work (workspace root): workspace of 5 modules; this app is services/api, and its build reads pkg/shared, pkg/util');
    expect(d.evidence).toContain('go.work (workspace root): toolchain go1.24.2 → 1.24 (wins over go 1.23.4)');
  });

  it('the tutorial: hello with example/hello from the workspace', () => {
    const d = detect(tutorial, 'hello');
    expect(d).toMatchObject({ entry: '.', runtimeVersion: '1.22' });
    expect(d.goWork?.needs).toEqual(['example/hello', 'hello']);
  });

  it('the go.work folder itself (no root go.mod) is a Go project; its entry is a member\'s main package', () => {
    const d = detect({ ...services, 'services/worker/main.go': '// no main here\npackage worker\n' }, '');
    expect(d.evidence[0]).toBe('language go: go.work');
    expect(d.entry).toBe('./services/api/cmd/api');
    expect(d.goWork?.needs).toEqual(['pkg/shared', 'pkg/util', 'services/api']);
  });

  it('the go.work folder with several main packages: the first, the others named', () => {
    const d = detect(services, '');
    expect(d.entry).toBe('./services/api/cmd/api');
    expect(d.evidence).toContain('go.work: main package ./services/api/cmd/api of the workspace → entry (also: ./services/worker; pass --entry to choose)');
  });

  it('a module the go.work does not use builds on its own, and the evidence says why', () => {
    const d = detect({ ...services, 'tools/gen/go.mod': 'module example.com/tools/gen\n\ngo 1.22\n', 'tools/gen/main.go': MAIN }, 'tools/gen');
    expect(d.goWork).toBeUndefined();
    expect(d.runtimeVersion).toBe('1.22');
    expect(d.evidence).toContain('go.work (workspace root): does not use this module (go would refuse to build it there); building the module on its own');
  });

  it('a use entry without go.mod is named (go refuses such a workspace)', () => {
    const d = detect({ ...services, 'go.work': 'go 1.23\n\nuse (\n\t./services/api\n\t./pkg/shared\n\t./pkg/util\n\t./pkg/gone\n)\n' }, 'services/api');
    expect(d.evidence).toContain('go.work (workspace root): use ./pkg/gone has no go.mod; go refuses this workspace until it is fixed');
  });

  it('a go.work in a sub-folder of the repository governs the modules below it only', () => {
    const nested = Object.fromEntries(Object.entries(services).map(([k, v]) => [`go/${k}`, v]));
    const d = detect(nested, 'go/services/api');
    expect(d.goWork).toMatchObject({ path: 'go/go.work', needs: ['go/pkg/shared', 'go/pkg/util', 'go/services/api'] });
  });
});

describe('go workspace: options, Dockerfile and build-context allowlist', () => {
  it('generate: the context is the go.work folder; go.work and every go.mod are named from it', () => {
    const r = generateDockerfile({ workspaceRoot: '/ws', projectRoot: 'services/api', fs: memoryFileReader(services) });
    expect(r.options).toMatchObject({
      language: 'go',
      projectRoot: 'services/api',
      workspaceManifests: ['go.work', 'pkg/shared/go.mod', 'pkg/unused/go.mod', 'pkg/util/go.mod', 'services/api/go.mod', 'services/worker/go.mod'],
    });
    const text = r.dockerfile;
    expect(text).toContain('ENV GOWORK=/src/go.work\nCOPY go.work go.work.sum* ./\nCOPY pkg/shared/go.mod pkg/shared/go.sum* pkg/shared/\n');
    expect(text).toContain('COPY services/api/go.mod services/api/go.sum* services/api/\n');
    expect(text).toMatch(/COPY \. \.\nRUN .*go build -trimpath -ldflags="-s -w" -o \/out\/api \.\/services\/api\/cmd\/api\n/s);
    expect(text.indexOf('go mod download')).toBeLessThan(text.indexOf('COPY . .'));
  });

  it('generate from a sub-folder go.work: the context is that folder', () => {
    const nested = Object.fromEntries(Object.entries(services).map(([k, v]) => [`go/${k}`, v]));
    const r = generateDockerfile({ workspaceRoot: '/ws', projectRoot: 'go/services/api', fs: memoryFileReader(nested) });
    expect(r.options).toMatchObject({ projectRoot: 'services/api' });
    expect((r.options as { workspaceManifests?: string[] }).workspaceManifests?.[0]).toBe('go.work');
  });

  it('a user context that cannot see the go.work (--projectRoot .) builds the module alone', () => {
    const r = generateDockerfile({ workspaceRoot: '/ws', projectRoot: 'services/api', fs: memoryFileReader(services), options: { projectRoot: '.' } });
    expect(r.options).not.toHaveProperty('workspaceManifests');
    expect(r.dockerfile).not.toContain('GOWORK');
  });

  it('render: a go.work beside a root module (`use .`), and the option checks', () => {
    const text = renderDockerfile({ language: 'go', workspaceManifests: ['go.work', 'go.mod', 'plugins/auth/go.mod'], entry: '.' });
    expect(text).toContain('COPY go.work go.work.sum* ./\nCOPY go.mod go.sum* ./\nCOPY plugins/auth/go.mod plugins/auth/go.sum* plugins/auth/\n');
    expect(text).toContain('-o /out/app .\n');
    expect(() => renderDockerfile({ language: 'go', workspaceManifests: ['a/go.mod'] })).toThrow(/^workspaceManifests: must name exactly one go.work/);
    expect(() => renderDockerfile({ language: 'go', workspaceManifests: ['go.work', 'a/package.json'] })).toThrow(/^workspaceManifests\.1: must name go.work and go.mod files/);
  });

  it('closure: the needed modules, go.work(.sum) and every module\'s go.mod/go.sum, nothing of the siblings\' sources', () => {
    const closure = contextClosure(memoryFileReader(services), { language: 'go', projectRoot: 'services/api' });
    expect(closure.folders).toEqual(['pkg/shared', 'pkg/util', 'services/api']);
    expect(closure.files).toEqual(['go.work', 'go.work.sum', 'pkg/unused/go.mod', 'services/worker/go.mod']);
  });
});
