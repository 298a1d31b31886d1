import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileReader } from '../types';
import { checkReadable } from './manifest-error';

/** 'a/./b/' or '/a/b' → 'a/b'; '' is the workspace root. Returns null for paths that climb out ('..'). */
export function normalizePath(p: string): string | null {
  const parts: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return parts.join('/');
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Reads a real folder. Every path is resolved inside workspaceRoot; nothing outside it (also through symlinks) is read. */
export function nodeFileReader(workspaceRoot: string): FileReader {
  const root = fs.existsSync(workspaceRoot) ? fs.realpathSync(path.resolve(workspaceRoot)) : path.resolve(workspaceRoot);

  const inside = (rel: string): string | null => {
    const n = normalizePath(rel);
    if (n === null) return null;
    const abs = path.join(root, n);
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch {
      return null;
    }
    return real === root || real.startsWith(root + path.sep) ? real : null;
  };
  const stat = (rel: string): fs.Stats | null => {
    const abs = inside(rel);
    if (abs === null) return null;
    try {
      return fs.statSync(abs);
    } catch {
      return null;
    }
  };

  return {
    exists: (p) => stat(p) !== null,
    isFile: (p) => stat(p)?.isFile() ?? false,
    // a FIFO or device would block or never end, a huge file would exhaust memory: refused before reading
    read: (p) => {
      const abs = inside(p);
      if (abs === null) return null;
      const stat = fs.statSync(abs);
      if (stat.isDirectory()) return null;
      checkReadable(normalizePath(p) ?? p, { isFile: stat.isFile(), size: stat.size });
      return fs.readFileSync(abs, 'utf8');
    },
    // links to folders are left out: a walk over list() must not follow them (a `self -> .` link would never end)
    list: (dir) => {
      const abs = inside(dir);
      if (abs === null || !fs.statSync(abs).isDirectory()) return [];
      return fs
        .readdirSync(abs, { withFileTypes: true })
        .filter((e) => !(e.isSymbolicLink() && isDirectory(path.join(abs, e.name))))
        .map((e) => e.name)
        .sort();
    },
  };
}

function isDirectory(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/**
 * An in-memory tree: keys are workspace-relative file paths, values their text.
 * A key ending in '/' declares an (empty) folder. Folders are implied by the files under them.
 */
export function memoryFileReader(files: Record<string, string>): FileReader {
  const fileMap = new Map<string, string>();
  const dirs = new Map<string, Set<string>>([['', new Set()]]);
  const addDir = (dir: string): void => {
    if (dirs.has(dir)) return;
    dirs.set(dir, new Set());
    const slash = dir.lastIndexOf('/');
    const parent = slash === -1 ? '' : dir.slice(0, slash);
    addDir(parent);
    dirs.get(parent)!.add(dir.slice(slash + 1));
  };
  for (const [key, text] of Object.entries(files)) {
    const n = normalizePath(key);
    if (n === null || n === '') throw new Error(`memoryFileReader: bad path "${key}"`);
    if (key.endsWith('/')) {
      addDir(n);
      continue;
    }
    fileMap.set(n, text);
    const slash = n.lastIndexOf('/');
    const parent = slash === -1 ? '' : n.slice(0, slash);
    addDir(parent);
    dirs.get(parent)!.add(n.slice(slash + 1));
  }

  const norm = (p: string): string | null => normalizePath(p);
  return {
    exists: (p) => {
      const n = norm(p);
      return n !== null && (fileMap.has(n) || dirs.has(n));
    },
    isFile: (p) => {
      const n = norm(p);
      return n !== null && fileMap.has(n);
    },
    read: (p) => {
      const n = norm(p);
      return n === null ? null : (fileMap.get(n) ?? null);
    },
    list: (dir) => {
      const n = norm(dir);
      const entries = n === null ? undefined : dirs.get(n);
      return entries ? [...entries].sort() : [];
    },
  };
}
