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

/** Parse `.tool-versions` (asdf/mise): the tool (any of the names given) and its first (default) version, or null. */
export function toolVersion(text: string, tools: readonly string[]): { tool: string; version: string } | null {
  for (const line of text.split('\n')) {
    const [tool, version] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (tool && version && tools.includes(tool)) return { tool, version };
  }
  return null;
}

/**
 * mise's project config files, strongest first (mise merges them; a tool set in an earlier one wins), then
 * asdf's `.tool-versions`, which mise reads too. `mise.local.toml` is left out: it is a developer's own, not committed.
 */
const VERSION_MANAGER_FILES = ['mise.toml', '.mise.toml', 'mise/config.toml', '.mise/config.toml', '.config/mise.toml', '.config/mise/config.toml', '.tool-versions'];

/** Names a version manager knows each runtime by (asdf plugin names and mise's short names). */
export const MANAGER_TOOL_NAMES = {
  node: ['node', 'nodejs'],
  python: ['python'],
  go: ['go', 'golang'],
  rust: ['rust'],
  java: ['java'],
} as const;

export interface ManagedVersion {
  /** Workspace path of the file. */
  path: string;
  /** How the entry is named in evidence: "[tools] python" (mise) or "python" (.tool-versions). */
  what: string;
  spec: string;
}

/**
 * The versions `tools` get from asdf/mise files in one folder, in the order those tools apply them. Values that
 * name no version (`latest`, `system`, `ref:…`, `path:…`) are left out; `prefix:1.22` gives `1.22`; a list
 * gives its first entry (the default), a table its `version`.
 */
export function managedVersions(files: ProjectFiles, dir: string, tools: readonly string[], evidence: string[]): ManagedVersion[] {
  const out: ManagedVersion[] = [];
  for (const name of VERSION_MANAGER_FILES) {
    const path = joinPath(dir, name);
    if (!files.fs.isFile(path)) continue;
    let spec: string | null = null;
    let what = '';
    if (name === '.tool-versions') {
      const found = toolVersion(files.fs.read(path) ?? '', tools);
      spec = found?.version ?? null;
      what = `${found?.tool ?? tools[0]} `;
    } else {
      const parsed = files.readToml(path);
      if (parsed && !parsed.ok) {
        evidence.push(`${files.label(path)}: could not parse (${parsed.error}); ignored`);
        continue;
      }
      const table = parsed?.ok ? dig(parsed.value, 'tools') : undefined;
      const key = isRecord(table) ? tools.find((t) => table[t] !== undefined) : undefined;
      if (key === undefined || !isRecord(table)) continue;
      let value = table[key];
      if (Array.isArray(value)) value = value[0];
      if (isRecord(value)) value = value.version;
      spec = str(value) ?? null;
      what = `[tools] ${key} `;
    }
    if (!spec) continue;
    const cleaned = spec.trim().replace(/^prefix:/, '');
    if (/^(latest|system)$|^(ref|path|sub-\d+):/.test(cleaned)) {
      evidence.push(`${files.label(path)}: ${what}"${spec}" names no version; ignored`);
      continue;
    }
    out.push({ path, what, spec: cleaned });
  }
  return out;
}
