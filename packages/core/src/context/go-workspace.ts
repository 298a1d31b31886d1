import type { FileReader } from '../types';
import { resolveInside } from './path-dependencies';

/** A Go workspace (go.work): its file, and each `use`d module's folder and module path. Paths are workspace-relative. */
export interface GoWorkspace {
  /** The go.work file. */
  path: string;
  /** Its folder ('' for the workspace root). */
  root: string;
  go?: string;
  toolchain?: string;
  /** `use` members that exist, sorted by folder. */
  modules: Array<{ dir: string; module: string | null }>;
  /** `use` entries whose go.mod is missing (go itself refuses such a go.work). */
  missing: string[];
  /** Local folders of `replace … => ./path` directives. */
  replaces: string[];
}

const join = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);
const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');

/** Directive values of a go.mod/go.work: single-line (`use ./a`) and block (`use (\n ./a\n)`) forms, comments dropped. */
function directiveValues(text: string, directive: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '') continue;
    if (inBlock) {
      if (line === ')') inBlock = false;
      else out.push(line);
      continue;
    }
    if (line === `${directive} (` || line === `${directive}(`) inBlock = true;
    else if (line.startsWith(`${directive} `)) out.push(line.slice(directive.length + 1).trim());
  }
  return out;
}

/** `module example.com/x` of a go.mod. */
export function goModulePath(text: string): string | null {
  const value = directiveValues(text, 'module')[0];
  return value ? unquote(value.split(/\s+/)[0]) : null;
}

/** `require` module paths of a go.mod. */
function requires(text: string): string[] {
  return directiveValues(text, 'require').map((v) => unquote(v.split(/\s+/)[0]));
}

/** Local targets of `replace` directives (`=> ./x`, `=> ../x`). */
function localReplaces(text: string): string[] {
  return directiveValues(text, 'replace')
    .map((v) => /=>\s*(\S+)\s*$/.exec(v)?.[1])
    .filter((t): t is string => t !== undefined && /^\.\.?(\/|$)/.test(unquote(t)))
    .map(unquote);
}

/** The go.work governing `dir`: the nearest one in `dir` or a folder above it (Go's own lookup), parsed. */
export function findGoWorkspace(fs: FileReader, dir: string): GoWorkspace | null {
  for (let d: string | null = dir; d !== null; d = d === '' ? null : d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
    const path = join(d, 'go.work');
    const text = fs.isFile(path) ? fs.read(path) : null;
    if (text !== null) return parseGoWork(fs, path, d, text);
  }
  return null;
}

function parseGoWork(fs: FileReader, path: string, root: string, text: string): GoWorkspace {
  const modules: GoWorkspace['modules'] = [];
  const missing: string[] = [];
  for (const value of directiveValues(text, 'use')) {
    const rel = unquote(value);
    const dir = resolveInside(root, rel);
    const gomod = dir === null ? null : fs.isFile(join(dir, 'go.mod')) ? fs.read(join(dir, 'go.mod')) : null;
    if (dir === null || gomod === null) missing.push(rel);
    else if (!modules.some((m) => m.dir === dir)) modules.push({ dir, module: goModulePath(gomod) });
  }
  modules.sort((a, b) => a.dir.localeCompare(b.dir));
  const replaces = localReplaces(text)
    .map((r) => resolveInside(root, r))
    .filter((d): d is string => d !== null && fs.exists(d) && !fs.isFile(d));
  const one = (name: string) => directiveValues(text, name)[0]?.split(/\s+/)[0];
  return { path, root, go: one('go'), toolchain: one('toolchain'), modules, missing, replaces };
}

/** The workspace member whose folder holds `dir` (the deepest one), or null. */
export function memberOf(ws: GoWorkspace, dir: string): string | null {
  const holders = ws.modules.filter((m) => m.dir === dir || m.dir === '' || dir.startsWith(`${m.dir}/`));
  return holders.sort((a, b) => b.dir.length - a.dir.length)[0]?.dir ?? null;
}

const MAX_FILES = 2000;
const SKIPPED = new Set(['vendor', 'testdata', 'node_modules', '.git']);

/** Import paths of the non-test .go files of one module (nested modules and vendor/testdata left out). */
function moduleImports(fs: FileReader, dir: string): Set<string> {
  const imports = new Set<string>();
  let seen = 0;
  const walk = (d: string, top: boolean): void => {
    if (!top && fs.isFile(join(d, 'go.mod'))) return;
    for (const name of fs.list(d)) {
      const path = join(d, name);
      if (fs.isFile(path)) {
        if (!name.endsWith('.go') || name.endsWith('_test.go') || ++seen > MAX_FILES) continue;
        for (const imp of importsOf(fs.read(path) ?? '')) imports.add(imp);
      } else if (!SKIPPED.has(name) && !name.startsWith('.') && !name.startsWith('_')) walk(path, false);
    }
  };
  walk(dir, true);
  return imports;
}

/** The quoted paths of a Go file's import declarations (single and grouped, named or blank imports). */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  for (const m of code.matchAll(/^\s*import\s*\(([^)]*)\)/gm)) for (const q of m[1].matchAll(/"([^"]+)"/g)) out.push(q[1]);
  for (const m of code.matchAll(/^\s*import\s+(?:[\w.]+\s+)?"([^"]+)"/gm)) out.push(m[1]);
  return out;
}

/**
 * The workspace members a build of the module at `start` reads: itself, and every member it imports or requires,
 * transitively (in workspace mode a member's packages resolve from the workspace, with or without a require),
 * plus the go.work's local replace targets. Sorted folders.
 */
export function neededGoModules(fs: FileReader, ws: GoWorkspace, start: string): string[] {
  const byPath = ws.modules.filter((m) => m.module !== null) as Array<{ dir: string; module: string }>;
  const owner = (importPath: string) =>
    byPath.filter((m) => importPath === m.module || importPath.startsWith(`${m.module}/`)).sort((a, b) => b.module.length - a.module.length)[0];
  const needed = new Set<string>([start, ...ws.replaces]);
  const queue = [start];
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    const gomod = fs.read(join(dir, 'go.mod')) ?? '';
    const targets: Array<string | undefined> = [...requires(gomod), ...moduleImports(fs, dir)].map((p) => owner(p)?.dir);
    for (const rel of localReplaces(gomod)) targets.push(resolveInside(dir, rel) ?? undefined);
    for (const target of targets) {
      if (target === undefined || needed.has(target) || !fs.exists(target) || fs.isFile(target)) continue;
      needed.add(target);
      queue.push(target);
    }
  }
  return [...needed].sort();
}
