import type { FileReader } from '../types';
import { resolveInside } from './path-dependencies';

/** A folder the JavaScript workspace's globs match (npm/yarn/bun `workspaces`, pnpm-workspace.yaml). */
export interface WorkspacePackage {
  /** `name` from its package.json; null when it has none (or no package.json yet). */
  name: string | null;
  /** Folder relative to the workspace root, '/'-separated. */
  root: string;
  hasManifest: boolean;
}

/** A workspace package other packages can depend on by name. */
export type NamedWorkspacePackage = WorkspacePackage & { name: string };

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

function readJson(fs: FileReader, path: string): Record<string, unknown> | null {
  const text = fs.read(path);
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Workspace globs from package.json "workspaces" (array or { packages }) and pnpm-workspace.yaml "packages". */
export function workspaceGlobs(fs: FileReader): string[] {
  const globs: string[] = [];
  const workspaces = readJson(fs, 'package.json')?.workspaces;
  const fromPackageJson = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
  if (Array.isArray(fromPackageJson)) globs.push(...fromPackageJson.filter((g): g is string => typeof g === 'string'));
  const pnpm = fs.read('pnpm-workspace.yaml');
  if (pnpm !== null) {
    try {
      // loaded here, not at the top: only pnpm workspaces need it, and the build executor's start-up time counts
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { parse: parseYaml } = require('yaml') as typeof import('yaml');
      const packages = (parseYaml(pnpm) as { packages?: unknown } | null)?.packages;
      if (Array.isArray(packages)) globs.push(...packages.filter((g): g is string => typeof g === 'string'));
    } catch {
      // an unreadable pnpm-workspace.yaml lists nothing
    }
  }
  return globs;
}

const segmentPattern = (segment: string) =>
  new RegExp(`^${segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);

/** Folders matching one workspace glob ("apps/*", "packages/**", "tools/cli"); "**" matches any depth below node_modules-free folders. */
function expandGlob(fs: FileReader, glob: string): string[] {
  const segments = glob.replace(/^\.\//, '').replace(/\/+$/, '').split('/').filter((s) => s !== '' && s !== '.');
  let current = [''];
  for (const segment of segments) {
    const next: string[] = [];
    for (const dir of current) {
      if (segment === '**') {
        next.push(...descendants(fs, dir));
      } else if (!/[*?]/.test(segment)) {
        const p = join(dir, segment);
        if (fs.exists(p) && !fs.isFile(p)) next.push(p);
      } else {
        const re = segmentPattern(segment);
        for (const entry of fs.list(dir)) {
          const p = join(dir, entry);
          if (re.test(entry) && entry !== 'node_modules' && !entry.startsWith('.') && !fs.isFile(p)) next.push(p);
        }
      }
    }
    current = next;
  }
  return current.filter((d) => d !== '');
}

function descendants(fs: FileReader, dir: string, depth = 0): string[] {
  const out = [dir];
  if (depth > 8) return out;
  for (const entry of fs.list(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const p = join(dir, entry);
    if (!fs.isFile(p)) out.push(...descendants(fs, p, depth + 1));
  }
  return out;
}

const join = (dir: string, entry: string) => (dir === '' ? entry : `${dir}/${entry}`);

/** Every folder the workspace globs match, with or without a package.json, sorted by path; "!" globs exclude. */
export function listWorkspacePackages(fs: FileReader): WorkspacePackage[] {
  const globs = workspaceGlobs(fs);
  const excluded = new Set(globs.filter((g) => g.startsWith('!')).flatMap((g) => expandGlob(fs, g.slice(1))));
  const roots = new Set<string>();
  for (const glob of globs.filter((g) => !g.startsWith('!'))) {
    for (const root of expandGlob(fs, glob)) if (!excluded.has(root)) roots.add(root);
  }
  return [...roots].sort().map((root) => {
    const manifest = readJson(fs, `${root}/package.json`);
    return { name: typeof manifest?.name === 'string' ? manifest.name : null, root, hasManifest: manifest !== null };
  });
}

/**
 * Whether the install needs every workspace member's package.json, not only the app's closure: true when the root
 * lockfile is Yarn 2+'s (`__metadata:`), whose `yarn install --immutable` refuses to run when a member the lockfile
 * records is missing ("The lockfile would have been modified by this install"). npm, pnpm and Yarn 1 install a
 * subset of the members from the whole lockfile.
 */
export function installNeedsEveryMember(fs: FileReader): boolean {
  return /^__metadata:/m.test(fs.read('yarn.lock') ?? '');
}

/** The package.json of every workspace member that has one, sorted. */
export function everyMemberManifest(fs: FileReader): string[] {
  return listWorkspacePackages(fs).filter((p) => p.hasManifest).map((p) => `${p.root}/package.json`);
}

/** The workspace's packages that have a name (the first folder wins a name used twice). */
export function workspacePackages(fs: FileReader): NamedWorkspacePackage[] {
  const found = new Map<string, NamedWorkspacePackage>();
  for (const pkg of listWorkspacePackages(fs)) {
    if (pkg.name !== null && !found.has(pkg.name)) found.set(pkg.name, pkg as NamedWorkspacePackage);
  }
  return [...found.values()].sort((a, b) => a.root.localeCompare(b.root));
}

/**
 * Workspace-relative folders of the local packages `projectRoot` depends on, transitively, through the
 * dependency fields of each package.json (any version or `workspace:` range naming a workspace package,
 * and `file:`/`link:` paths inside the workspace). The project itself is not listed.
 */
export function localDependencyRoots(fs: FileReader, projectRoot: string, packages: NamedWorkspacePackage[] = workspacePackages(fs)): string[] {
  const byName = new Map(packages.map((p) => [p.name, p.root]));
  const start = normalizeRoot(projectRoot);
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const root = queue.shift() as string;
    const manifest = readJson(fs, root === '' ? 'package.json' : `${root}/package.json`);
    if (!manifest) continue;
    for (const field of DEPENDENCY_FIELDS) {
      const deps = manifest[field];
      if (!deps || typeof deps !== 'object') continue;
      for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
        const target = localTarget(root, name, typeof range === 'string' ? range : '', byName);
        if (target !== null && !seen.has(target) && fs.exists(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  seen.delete(start);
  return [...seen].sort();
}

function localTarget(from: string, name: string, range: string, byName: Map<string, string>): string | null {
  const path = /^(file|link):(.+)$/.exec(range)?.[2];
  if (path !== undefined) return resolveInside(from, path);
  if (range.startsWith('workspace:') || byName.has(name)) return byName.get(name) ?? null;
  return null;
}

export function normalizeRoot(root: string): string {
  const clean = root.replace(/\\/g, '/').replace(/^\.\/?/, '').replace(/\/+$/, '');
  return clean === '.' ? '' : clean;
}

/** Export conditions Node itself may pick at run time; `types` and source-only conditions (e.g. "@ws/source") are not among them. */
const RUNTIME_CONDITIONS = new Set(['default', 'require', 'import', 'node', 'module-sync', 'production']);

function exportTargets(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) exportTargets(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      // subpath keys ("./feature") and runtime conditions lead to files Node loads; other conditions do not
      if (key.startsWith('.') || RUNTIME_CONDITIONS.has(key)) exportTargets(v, out);
    }
  }
}

/**
 * What a workspace library needs at run time when an app reaches it through a node_modules link: its package.json
 * and the files its `main`/`exports` point at, as top-level entries of the package folder ("libs/util/dist"), never
 * TypeScript sources or type declarations. Workspace-relative; empty without a package.json.
 */
export function packageRuntimePaths(fs: FileReader, packageRoot: string): string[] {
  const root = normalizeRoot(packageRoot);
  const at = (p: string) => (root === '' ? p : `${root}/${p}`);
  const manifest = readJson(fs, at('package.json'));
  if (!manifest) return [];
  const targets: string[] = [];
  if (manifest.exports !== undefined) exportTargets(manifest.exports, targets);
  else if (typeof manifest.main === 'string') targets.push(manifest.main);
  // Node's default entry; only when there is one (a types-only or tooling package has nothing to load)
  else if (fs.isFile(at('index.js'))) targets.push('index.js');
  const tops = new Set<string>();
  for (const target of targets) {
    const rel = resolveInside('', target.replace(/\*.*$/, ''));
    if (!rel || /(?<!\.d)\.[cm]?tsx?$/.test(rel) || /\.d\.[cm]?ts$/.test(rel)) continue;
    const top = rel.split('/')[0];
    if (top !== 'package.json' && top !== 'node_modules') tops.add(top);
  }
  return [at('package.json'), ...[...tops].sort().map(at)];
}
