// The one place that knows how Nx 22, 23 and 24 differ for docker-ms. The plugin runs on @nx/devkit 23 (a
// dependency: its peer range is nx 22–24, so `npm install docker-ms` resolves in each major's workspace) against
// whichever nx the workspace has. Everything else in the plugin calls these helpers instead of looking at versions.
// The build executor loads this file too (pruned manifests): @nx/devkit is required only where it is used.
import type { ProjectGraph, Tree } from '@nx/devkit';

/** Nx majors the plugin is tested on (e2e/nx-majors.e2e.ts) and admits in its `nx` peer range. */
export const SUPPORTED_NX_MAJORS = [22, 23, 24] as const;

/**
 * Nx 22 loads `createNodesV2 ?? createNodes`, Nx 23 and 24 `createNodes ?? createNodesV2`; all three call the
 * v2 shape `[glob, (files, options, context) => results]`, so both names carry the same tuple.
 */
export function createNodesExports<T>(createNodes: T): { createNodes: T; createNodesV2: T } {
  return { createNodes, createNodesV2: createNodes };
}

interface IgnoreMatcher {
  ignores(path: string): boolean;
}

/** What the tree walk needs from `nx/src/devkit-internals` (nx ≥ 23 has the first, nx 22 the second). */
export interface NxIgnoreInternals {
  createGitIgnoreChecker?: unknown;
  getIgnoreObjectForTree?: (tree: Tree) => IgnoreMatcher | undefined;
}

function nxIgnoreInternals(): NxIgnoreInternals {
  return require('nx/src/devkit-internals') as NxIgnoreInternals;
}

/**
 * devkit 23's `visitNotIgnoredFiles` throws on nx 22, which lacks the ignore checkers it builds on. There the walk
 * is what nx 22's own devkit does: skip what the root `.gitignore` / `.nxignore` match (nx 22's getIgnoreObjectForTree).
 */
export function visitNotIgnoredFilesCompat(tree: Tree, dir: string, visitor: (path: string) => void, internals = nxIgnoreInternals()): void {
  if (internals.createGitIgnoreChecker) return (require('@nx/devkit') as typeof import('@nx/devkit')).visitNotIgnoredFiles(tree, dir, visitor);
  if (!internals.getIgnoreObjectForTree) {
    throw new Error(`nx ${installedNxVersion(tree.root)} exports neither createGitIgnoreChecker nor getIgnoreObjectForTree; docker-ms supports nx ${SUPPORTED_NX_MAJORS.join(', ')}`);
  }
  const ignore = internals.getIgnoreObjectForTree(tree);
  const walk = (folder: string): void => {
    for (const child of tree.children(folder)) {
      const path = folder === '' ? child : `${folder}/${child}`;
      if (child === 'node_modules' || ignore?.ignores(path)) continue;
      if (tree.isFile(path)) visitor(path);
      else walk(path);
    }
  };
  walk(dir === '.' ? '' : dir.replace(/^\.\//, '').replace(/\/+$/, ''));
}

/** The nx version the workspace at `root` runs (the one resolvable from it, else the one beside this package). */
export function installedNxVersion(root: string): string {
  for (const paths of [[root], [__dirname]]) {
    try {
      return (require(require.resolve('nx/package.json', { paths })) as { version: string }).version;
    } catch {
      // next place
    }
  }
  return 'unknown';
}

/** The functions the pruned-manifest step calls (public exports of @nx/js, implemented in nx itself). */
export interface NxJsLockfileApi {
  createPackageJson(project: string, graph: ProjectGraph, options: { root: string; isProduction: boolean }): Record<string, unknown>;
  createLockFile(packageJson: Record<string, unknown>, graph: ProjectGraph, packageManager: string): string;
  getLockFileName(packageManager: string): string;
  detectPackageManager(root: string): string;
}

const major = (version: string) => Number(version.split('.')[0]);

/** Where nx 22, 23 and 24 implement what @nx/js re-exports (@nx/js 22 imports these very paths). */
const NX_MODULES = {
  lockFile: 'nx/src/plugins/js/lock-file/lock-file',
  packageJson: 'nx/src/plugins/js/package-json/create-package-json',
  packageManager: 'nx/src/utils/package-manager',
};

/**
 * The pruning functions for a Dockerfile that copies pruned manifests from `dir`, from the workspace at `root`.
 * Taken from the workspace's nx itself, they cost a few ms in Nx's task process (nx is loaded there already),
 * where loading @nx/js and the devkit for them takes ~0.3 s on every build. An nx that lacks those modules
 * falls back to @nx/js: within one major of nx (its devkit's peer range: an Nx 24 workspace with @nx/js 23 is
 * tested); missing or further off, the error names the install that fixes it.
 */
export function loadNxJsLockfileApi(root: string, dir: string): NxJsLockfileApi {
  const fromNx = (id: string) => {
    try {
      return require(require.resolve(id, { paths: [root] }));
    } catch {
      return null;
    }
  };
  const lockFile = fromNx(NX_MODULES.lockFile);
  const packageJson = lockFile && fromNx(NX_MODULES.packageJson);
  const packageManager = packageJson && fromNx(NX_MODULES.packageManager);
  const api = { ...lockFile, ...packageJson, ...packageManager } as Partial<NxJsLockfileApi>;
  if (api.createLockFile && api.createPackageJson && api.getLockFileName && api.detectPackageManager) return api as NxJsLockfileApi;
  return { ...nxJs(root, dir), detectPackageManager: (require('@nx/devkit') as typeof import('@nx/devkit')).detectPackageManager };
}

function nxJs(root: string, dir: string): Omit<NxJsLockfileApi, 'detectPackageManager'> {
  const nxVersion = installedNxVersion(root);
  const nxMajor = major(nxVersion);
  const fix = Number.isNaN(nxMajor)
    ? 'npm i -D @nx/js@<your nx version>'
    : `npm i -D @nx/js@^${nxMajor} (where @nx/js ${nxMajor} is not published: @nx/js@^${nxMajor - 1})`;
  const why = `the Dockerfile installs from pruned manifests (${dir})`;
  const unset = 'or regenerate the Dockerfile with --manifestsPath unset';
  let manifest: string;
  try {
    manifest = require.resolve('@nx/js/package.json', { paths: [root] });
  } catch {
    throw new Error(`${why}; install @nx/js for nx ${nxVersion}: ${fix}, ${unset}`);
  }
  const jsVersion = (require(manifest) as { version: string }).version;
  if (!Number.isNaN(nxMajor) && Math.abs(major(jsVersion) - nxMajor) > 1) {
    throw new Error(`${why}, but @nx/js ${jsVersion} is more than one major away from nx ${nxVersion}: ${fix}, ${unset}`);
  }
  return require(require.resolve('@nx/js', { paths: [root] })) as Omit<NxJsLockfileApi, 'detectPackageManager'>;
}
