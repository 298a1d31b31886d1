// The package boundaries, checked on every import in packages/: core knows no adapter, adapters do not
// know each other, only core's dockerfile/ parses Dockerfiles with dockerfile-ast, only the engine spawns.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const PACKAGES = __dirname;
/** Package folder → the name it is published as. */
const NAMES: Record<string, string> = { core: '@docker-ms/core', nx: 'docker-ms', turbo: '@docker-ms/turbo' };
const ADAPTERS = ['nx', 'turbo'];

interface SourceFile {
  /** Path relative to packages/, '/'-separated. */
  path: string;
  pkg: string;
  isTest: boolean;
  imports: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : walk(path);
    return /\.(ts|js|cjs|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier a file names: import/export from, import(), require(), require.resolve(). */
function importsOf(text: string): string[] {
  const found = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  for (const match of text.matchAll(/require\.resolve\(\s*(['"`])([^'"`]+)\1/g)) found.push(match[2]);
  return found;
}

const FILES: SourceFile[] = Object.keys(NAMES).flatMap((pkg) =>
  ['src', 'bin'].flatMap((folder) => {
    const root = join(PACKAGES, pkg, folder);
    let paths: string[];
    try {
      paths = walk(root);
    } catch {
      return [];
    }
    return paths.map((file) => ({
      path: relative(PACKAGES, file).split(sep).join('/'),
      pkg,
      isTest: /\.spec\.ts$/.test(file) || file.includes(`${sep}testing${sep}`) || file.includes(`${sep}__fixtures__${sep}`),
      imports: importsOf(readFileSync(file, 'utf8')),
    }));
  }),
);

/** The package a specifier reaches: by its published name, or by a relative path into another package's folder. */
function packageOf(file: SourceFile, specifier: string): string | null {
  if (specifier.startsWith('.')) {
    const target = relative(PACKAGES, resolve(PACKAGES, dirname(file.path), specifier)).split(sep)[0];
    return target in NAMES ? target : null;
  }
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  return Object.keys(NAMES).find((pkg) => NAMES[pkg] === name) ?? null;
}

function violations(rule: (file: SourceFile, specifier: string) => boolean): string[] {
  return FILES.flatMap((file) => file.imports.filter((s) => rule(file, s)).map((s) => `${file.path} imports ${s}`));
}

describe('package boundaries', () => {
  it('reads the sources of every package', () => {
    for (const pkg of Object.keys(NAMES)) expect(FILES.filter((f) => f.pkg === pkg && !f.isTest).length).toBeGreaterThan(5);
    expect(FILES.find((f) => f.path === 'core/src/engine/spawn.ts')?.imports).toContain('node:child_process');
  });

  it('core imports (or requires) no adapter', () => {
    expect(violations((file, s) => file.pkg === 'core' && ADAPTERS.includes(packageOf(file, s) ?? ''))).toEqual([]);
  });

  it('an adapter imports no other adapter', () => {
    expect(violations((file, s) => ADAPTERS.includes(file.pkg) && ADAPTERS.includes(packageOf(file, s) ?? '') && packageOf(file, s) !== file.pkg)).toEqual([]);
  });

  it('dockerfile-ast is imported only by core/src/dockerfile/', () => {
    expect(violations((file, s) => s === 'dockerfile-ast' && !file.path.startsWith('core/src/dockerfile/'))).toEqual([]);
  });

  it('child_process is imported only by the engine (tests may spawn their tools)', () => {
    expect(violations((file, s) => /^(node:)?child_process$/.test(s) && !file.isTest && !file.path.startsWith('core/src/engine/'))).toEqual([]);
  });

  it('the checks catch what they look for', () => {
    const probe = (path: string, text: string): SourceFile => ({ path, pkg: path.split('/')[0], isTest: false, imports: importsOf(text) });
    const core = probe('core/src/cli/x.ts', "const t = require('@docker-ms/turbo'); const n = require.resolve('docker-ms/package.json'); import '../../../nx/src/index';");
    expect(core.imports.map((s) => packageOf(core, s))).toEqual(['turbo', 'nx', 'nx']);
  });
});
