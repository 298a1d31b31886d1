// The packages of a JS-package-manager workspace (npm/yarn/bun `workspaces`, pnpm-workspace.yaml),
// found the way Turborepo finds them: the workspace globs, expanded on disk.
import fs from 'node:fs';
import path from 'node:path';

export interface WorkspacePackage {
  /** `name` from its package.json; null when it has none (or no package.json yet). */
  name: string | null;
  /** Folder relative to the workspace root, '/'-separated. */
  dir: string;
  hasManifest: boolean;
}

export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** `packages:` entries of a pnpm-workspace.yaml (a plain block list; enough for what pnpm accepts there). */
function pnpmGlobs(text: string): string[] {
  const globs: string[] = [];
  let inPackages = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (/^packages\s*:/.test(line)) {
      inPackages = true;
      const inline = line.match(/\[(.*)\]/);
      if (inline) {
        globs.push(...inline[1].split(',').map(unquote).filter(Boolean));
        inPackages = false;
      }
      continue;
    }
    if (inPackages) {
      const item = line.match(/^\s*-\s*(.+?)\s*$/);
      if (item) globs.push(unquote(item[1]));
      else if (/^\S/.test(line)) inPackages = false;
    }
  }
  return globs;
}

function unquote(s: string): string {
  return s.trim().replace(/^(['"])(.*)\1$/, '$2');
}

/** The workspace globs of the root, or [] when it is no JS workspace. */
export function workspaceGlobs(root: string): string[] {
  const pnpm = path.join(root, 'pnpm-workspace.yaml');
  if (fs.existsSync(pnpm)) return pnpmGlobs(fs.readFileSync(pnpm, 'utf8'));
  const workspaces = readJson(path.join(root, 'package.json'))?.workspaces;
  if (Array.isArray(workspaces)) return workspaces.filter((w): w is string => typeof w === 'string');
  const nested = (workspaces as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(nested) ? nested.filter((w): w is string => typeof w === 'string') : [];
}

const SKIP = new Set(['node_modules', '.git', '.turbo']);

function subdirs(root: string, rel: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.'))
    .map((e) => (rel ? `${rel}/${e.name}` : e.name))
    .sort();
}

function expand(root: string, segments: string[], base: string): string[] {
  if (segments.length === 0) return [base];
  const [head, ...rest] = segments;
  if (head === '**') {
    const here = expand(root, rest, base);
    return [...here, ...subdirs(root, base).flatMap((d) => expand(root, segments, d))];
  }
  if (head.includes('*')) {
    const re = new RegExp(`^${head.split('*').map(escapeRe).join('[^/]*')}$`);
    return subdirs(root, base)
      .filter((d) => re.test(d.slice(d.lastIndexOf('/') + 1)))
      .flatMap((d) => expand(root, rest, d));
  }
  const next = base ? `${base}/${head}` : head;
  return fs.existsSync(path.join(root, next)) ? expand(root, rest, next) : [];
}

function escapeRe(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('/')
    .map((seg) => (seg === '**' ? '.*' : seg.split('*').map(escapeRe).join('[^/]*')))
    .join('/');
  return new RegExp(`^${body}$`);
}

function clean(glob: string): string {
  return glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/** Every folder the workspace globs match (with or without a package.json), sorted by path. */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  const globs = workspaceGlobs(root);
  const include = globs.filter((g) => !g.startsWith('!')).map(clean).filter(Boolean);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => globToRegExp(clean(g.slice(1))));
  const dirs = new Set<string>();
  for (const glob of include) {
    for (const dir of expand(root, glob.split('/'), '')) {
      if (dir && !exclude.some((re) => re.test(dir))) dirs.add(dir);
    }
  }
  return [...dirs].sort().map((dir) => {
    const manifest = readJson(path.join(root, dir, 'package.json'));
    return { dir, name: typeof manifest?.name === 'string' ? manifest.name : null, hasManifest: manifest !== null };
  });
}

function describe(p: WorkspacePackage): string {
  return p.name ? `${p.name} (${p.dir})` : p.dir;
}

/**
 * The workspace package a user named: a package name, or its folder (relative to the workspace root,
 * to `cwd`, or absolute). Throws WorkspaceError listing the known packages.
 */
export function resolveWorkspace(root: string, arg: string, cwd: string = root): WorkspacePackage {
  const wanted = arg.trim();
  const packages = listWorkspacePackages(root);
  if (!wanted) throw new WorkspaceError(`workspace: give a package name or folder (known: ${packages.map(describe).join(', ') || 'none'})`);
  const byName = packages.find((p) => p.name === wanted);
  if (byName) return byName;
  const candidates = path.isAbsolute(wanted) ? [wanted] : [path.join(root, wanted), path.join(cwd, wanted)];
  for (const candidate of candidates) {
    const rel = path.relative(root, candidate).split(path.sep).join('/');
    const byDir = packages.find((p) => p.dir === rel);
    if (byDir) return byDir;
  }
  if (packages.length === 0) {
    throw new WorkspaceError(`workspace "${wanted}": ${root} has no workspace packages (no "workspaces" in package.json, no pnpm-workspace.yaml)`);
  }
  throw new WorkspaceError(
    `workspace "${wanted}": no workspace package has that name or folder; give one of ${packages.map(describe).join(', ')} (folders must match the "workspaces" globs)`,
  );
}
