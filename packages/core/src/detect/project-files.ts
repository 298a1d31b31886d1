import { parse as parseToml } from 'smol-toml';
import type { FileReader } from '../types';
import { joinPath } from './file-reader';
import { jsonError } from './json-error';
import { isManifest, lineColumn, ManifestError } from './manifest-error';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The files detection may read for one project: the project folder itself and, for lockfiles and
 * version files, every folder above it up to the workspace root (nearest first).
 */
export class ProjectFiles {
  /** The project folder, then each parent up to the workspace root ('' ). */
  readonly dirs: string[];

  constructor(
    readonly fs: FileReader,
    /** Workspace-relative project folder; '' when the project is the workspace root. */
    readonly dir: string,
    /** The project folder's own name (used when a build tool names the artifact after it). */
    readonly name: string,
  ) {
    const dirs = [dir];
    for (let d = dir; d !== ''; ) {
      const slash = d.lastIndexOf('/');
      d = slash === -1 ? '' : d.slice(0, slash);
      dirs.push(d);
    }
    this.dirs = dirs;
  }

  /** Workspace-relative path of a project file. */
  path(rel: string): string {
    return joinPath(this.dir, rel);
  }

  has(rel: string): boolean {
    return this.fs.isFile(this.path(rel));
  }

  read(rel: string): string | null {
    return this.fs.read(this.path(rel));
  }

  /** Sorted (readers such as an Nx Tree need not sort). */
  list(rel = ''): string[] {
    return [...this.fs.list(rel === '' ? this.dir : this.path(rel))].sort();
  }

  isDir(rel: string): boolean {
    const p = this.path(rel);
    return this.fs.exists(p) && !this.fs.isFile(p);
  }

  /** How a workspace path is named in evidence: relative to the project, or marked as coming from above it. */
  label(wsPath: string): string {
    if (this.dir === '') return wsPath;
    if (wsPath.startsWith(this.dir + '/')) return wsPath.slice(this.dir.length + 1);
    return wsPath.includes('/') ? `${wsPath} (above the project)` : `${wsPath} (workspace root)`;
  }

  /** The nearest file among `names`, looking in the project folder first, then each folder above it. */
  findUp(names: readonly string[], from: readonly string[] = this.dirs): { path: string; name: string; dir: string } | null {
    for (const dir of from) {
      for (const name of names) {
        const p = joinPath(dir, name);
        if (this.fs.isFile(p)) return { path: p, name, dir };
      }
    }
    return null;
  }

  /** All files among `names` in one folder, in the order given. */
  filesIn(dir: string, names: readonly string[]): string[] {
    return names.filter((n) => this.fs.isFile(joinPath(dir, n)));
  }

  readJson(wsPath: string): Parsed<Record<string, unknown>> | null {
    const text = this.fs.read(wsPath);
    if (text === null) return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const where = jsonError(text);
      const error = where ? `${lineColumn(text, where.offset)}: ${where.message}` : firstLine(e);
      // a broken manifest stops detection: reading it as "no settings" would build the wrong image
      if (isManifest(wsPath)) throw new ManifestError(`${wsPath}:${error}`);
      return { ok: false, error };
    }
    if (!isRecord(value)) {
      if (isManifest(wsPath)) throw new ManifestError(`${wsPath}:1:1: must be a JSON object`);
      return { ok: false, error: 'not a JSON object' };
    }
    return { ok: true, value };
  }

  readToml(wsPath: string): Parsed<Record<string, unknown>> | null {
    const text = this.fs.read(wsPath);
    if (text === null) return null;
    try {
      return { ok: true, value: parseToml(text) as Record<string, unknown> };
    } catch (e) {
      const { line, column } = e as { line?: number; column?: number };
      const error = `${line ?? 1}:${column ?? 1}: ${firstLine(e).replace(/^Invalid TOML document: /, '')}`;
      if (isManifest(wsPath)) throw new ManifestError(`${wsPath}:${error}`);
      return { ok: false, error };
    }
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** obj.a.b.c when every step is an object, else undefined. */
export function dig(obj: unknown, ...keys: string[]): unknown {
  let cur = obj;
  for (const k of keys) {
    if (!isRecord(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** Parse `.tool-versions` (asdf/mise): the version of `tool` (any of the names given), or null. */
export function toolVersion(text: string, tools: readonly string[]): string | null {
  for (const line of text.split('\n')) {
    const [tool, version] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (tool && version && tools.includes(tool)) return version;
  }
  return null;
}
