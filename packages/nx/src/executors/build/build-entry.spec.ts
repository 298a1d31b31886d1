import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';

// Nx forks a process for each run of the build executor, so everything it loads is paid on every build: the
// executor must load core's build entry only, never detection, rendering, lint, migrations, the CLI or Nx's devkit.
const REPO = join(__dirname, '../../../../..');

/** Files the executor module loads (as Node does, in a fresh process), relative to the repository. */
function loadedBy(entry: string): string[] {
  const script = `
    const before = new Set(Object.keys(require.cache));
    require(${JSON.stringify(entry)});
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => !before.has(f))));
  `;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: REPO, encoding: 'utf8' });
  return (JSON.parse(out) as string[]).map((f) => relative(REPO, f));
}

const packageOf = (file: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];

describe('what the build executor loads', () => {
  const files = loadedBy(join(REPO, 'packages/nx/src/executors/build/executor.ts'));

  it('loads the executor through core\'s build entry', () => {
    expect(files).toContain('packages/core/src/build.ts');
    expect(files).not.toContain('packages/core/src/index.ts');
  });

  it('none of core\'s detection, rendering, lint, migrations, catalog or CLI', () => {
    const core = files.filter((f) => f.startsWith('packages/core/src/')).map((f) => f.slice('packages/core/src/'.length));
    const areas = new Set(core.map((f) => f.split('/')[0]));
    for (const area of ['render', 'lint', 'migrate', 'cli', 'catalog', 'managed']) expect(areas).not.toContain(area);
    // the context walk shares detection's file reader and the lockfile names; nothing else of detection or the options
    expect(core.filter((f) => f.startsWith('detect/'))).toEqual(['detect/file-reader.ts', 'detect/manifest-error.ts']);
    expect(core.filter((f) => f.startsWith('options/'))).toEqual(['options/lockfiles.ts']);
  });

  it('only the libraries a build uses: zod (options), the Dockerfile parser, TOML (path dependencies); no Nx', () => {
    const packages = new Set(files.map(packageOf).filter((p): p is string => !!p));
    expect([...packages].sort()).toEqual(['dockerfile-ast', 'smol-toml', 'vscode-languageserver-textdocument', 'vscode-languageserver-types', 'zod']);
  });
});
