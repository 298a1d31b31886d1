import { parse as parseToml } from 'smol-toml';
import type { FileReader, Language } from '../types';

/** `a/b` + `../c` → `a/c`; null when the path leaves the workspace or is absolute. */
export function resolveInside(from: string, relative: string): string | null {
  if (relative.startsWith('/') || /^[a-z]:/i.test(relative)) return null;
  const parts = from === '' ? [] : from.split('/');
  for (const segment of relative.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/');
}

const file = (root: string, name: string) => (root === '' ? name : `${root}/${name}`);

/** Local modules a Go module points at: `replace example.com/x => ../x` (single line or in a block). */
function goReplaces(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/=>\s*(\.{1,2}\/[^\s]*|\.{1,2})\s*$/gm)) out.push(m[1]);
  return out;
}

function tomlOf(fs: FileReader, path: string): Record<string, unknown> | null {
  const text = fs.read(path);
  if (text === null) return null;
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** `path = "…"` values of every table in `tables` (Cargo dependencies, uv sources, poetry dependencies). */
function pathValues(tables: unknown[]): string[] {
  const out: string[] = [];
  for (const table of tables) {
    if (!table || typeof table !== 'object') continue;
    for (const value of Object.values(table as Record<string, unknown>)) {
      const path = (value as { path?: unknown } | null)?.path;
      if (value && typeof value === 'object' && typeof path === 'string') out.push(path);
    }
  }
  return out;
}

function cargoPaths(manifest: Record<string, unknown>): string[] {
  const tables: unknown[] = [manifest.dependencies, manifest['build-dependencies'], manifest['dev-dependencies']];
  for (const target of Object.values((manifest.target as Record<string, Record<string, unknown>> | undefined) ?? {})) {
    tables.push(target?.dependencies, target?.['build-dependencies']);
  }
  return pathValues(tables);
}

function pythonPaths(manifest: Record<string, unknown>): string[] {
  const tool = (manifest.tool ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const poetry = tool.poetry ?? {};
  const groups = Object.values((poetry.group as Record<string, { dependencies?: unknown }> | undefined) ?? {}).map((g) => g?.dependencies);
  return pathValues([tool.uv?.sources, poetry.dependencies, ...groups]);
}

/**
 * Workspace folders an app's own manifest points at by relative path, transitively: Go `replace` directives,
 * Cargo `path` dependencies, uv/poetry `path` sources. Node workspace packages are found by name instead.
 */
export function localPathDependencies(fs: FileReader, projectRoot: string, language: Language): string[] {
  const read = (root: string): string[] => {
    if (language === 'go') {
      const text = fs.read(file(root, 'go.mod'));
      return text === null ? [] : goReplaces(text);
    }
    if (language === 'rust') {
      const manifest = tomlOf(fs, file(root, 'Cargo.toml'));
      return manifest ? cargoPaths(manifest) : [];
    }
    if (language === 'python') {
      const manifest = tomlOf(fs, file(root, 'pyproject.toml'));
      return manifest ? pythonPaths(manifest) : [];
    }
    return [];
  };
  const seen = new Set<string>([projectRoot]);
  const queue = [projectRoot];
  while (queue.length > 0) {
    const root = queue.shift() as string;
    for (const relative of read(root)) {
      const target = resolveInside(root, relative);
      if (target === null || seen.has(target) || !fs.exists(target) || fs.isFile(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  seen.delete(projectRoot);
  return [...seen].sort();
}
