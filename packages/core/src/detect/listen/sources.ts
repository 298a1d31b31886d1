import type { ProjectFiles } from '../project-files';

const SKIP_DIRS = new Set([
  'node_modules', 'dist', 'build', 'out', 'target', 'coverage', 'vendor', '.git', '.nx', '.next', '.turbo',
  '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', 'site-packages', 'migrations', 'e2e', '__fixtures__',
]);
const TEST_FILE = /(?:\.spec\.|\.test\.|_test\.go$|^test_.*\.py$|_test\.py$|Test\.java$|Tests\.java$|\.d\.ts$)/;
const TEST_DIR = new Set(['test', 'tests', '__tests__', 'spec', 'testdata']);
const MAX_FILES = 80;
const MAX_DEPTH = 5;
const MAX_BYTES = 256 * 1024;

export interface SourceFile {
  /** Project-relative path, as shown in evidence. */
  rel: string;
  text: string;
}

/**
 * Source files of the project with one of `exts`, `first` ones (entry files) ahead of the rest, tests,
 * build output and dependencies left out; bounded in count and size so a big repository stays fast.
 */
export function sourceFiles(files: ProjectFiles, exts: readonly string[], first: readonly string[] = []): SourceFile[] {
  const found: string[] = [];
  const walk = (rel: string, depth: number) => {
    if (found.length >= MAX_FILES * 2 || depth > MAX_DEPTH) return;
    for (const name of files.list(rel)) {
      const child = rel === '' ? name : `${rel}/${name}`;
      if (files.has(child)) {
        if (exts.some((e) => name.endsWith(e)) && !TEST_FILE.test(name)) found.push(child);
      } else if (!SKIP_DIRS.has(name) && !TEST_DIR.has(name) && !name.startsWith('.')) {
        walk(child, depth + 1);
      }
    }
  };
  walk('', 0);
  const wanted = first.filter((f) => files.has(f));
  const ordered = [...new Set([...wanted, ...found])].slice(0, MAX_FILES);
  const out: SourceFile[] = [];
  for (const rel of ordered) {
    const text = files.read(rel);
    if (text !== null && text.length <= MAX_BYTES) out.push({ rel, text });
  }
  return out;
}
