import { NODE_LOCKFILE_NAMES } from '../options/lockfiles';
import type { FileReader, Language } from '../types';
import { everyMemberManifest, installNeedsEveryMember, localDependencyRoots, normalizeRoot } from './workspace-packages';
import { localPathDependencies } from './path-dependencies';
import { localTarballs } from './local-tarballs';
import { findGoWorkspace, memberOf, neededGoModules } from './go-workspace';

/**
 * Workspace-root files a build of each language may read: manifests, lockfiles and the tool settings that
 * shape the build. Only those that exist join the closure. Never credential files (.npmrc, .yarnrc with tokens):
 * those reach a build only as BuildKit secrets.
 */
export const ROOT_FILES: Record<Language, readonly string[]> = {
  node: [
    'package.json', ...NODE_LOCKFILE_NAMES, 'pnpm-workspace.yaml', '.yarnrc.yml', '.nvmrc', '.node-version',
    // Yarn 2+'s committed release (yarnPath) and plugins, which the install stages copy
    '.yarn/releases', '.yarn/plugins',
    // an Nx build inside the image reads these
    'nx.json', 'tsconfig.base.json', 'tsconfig.json', '.swcrc', 'babel.config.json',
  ],
  python: ['pyproject.toml', 'uv.lock', 'poetry.lock', 'pdm.lock', 'Pipfile', 'Pipfile.lock', 'requirements.txt', '.python-version'],
  go: ['go.work', 'go.work.sum'],
  rust: ['Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml', 'rust-toolchain', '.cargo'],
  java: ['pom.xml', 'settings.gradle', 'settings.gradle.kts', 'build.gradle', 'build.gradle.kts', 'gradle.properties', 'gradlew', 'gradle', 'mvnw', '.mvn'],
};

export interface ContextClosureInput {
  language: Language;
  /** Workspace-relative folder of the app. */
  projectRoot: string;
  /** Workspace-relative folders of the workspace libraries the app depends on (e.g. from the Nx project graph). */
  dependencyRoots?: string[];
  /** Further workspace-relative files or folders the build reads (e.g. a prepared, pruned package.json). */
  extraPaths?: string[];
  /** Workspace-relative build context folder; '' or '.' (default) is the workspace root. */
  contextRoot?: string;
  /**
   * Also follow the app's own manifests to local packages: package.json workspace dependencies (node),
   * go.mod `replace … => ./path`, Cargo.toml `path = …` dependencies. Default true.
   */
  followManifests?: boolean;
}

export interface ContextClosure {
  /** Context-relative folders that belong to the build (none nested in another). */
  folders: string[];
  /** Context-relative single files (root manifests, lockfiles, extra paths). */
  files: string[];
  /** Closure paths outside the build context: the build cannot see them (adapters say so). */
  outside: string[];
}

/**
 * A module of a go.work builds in workspace mode: the go.work (and go.work.sum), every member's go.mod and go.sum
 * (go loads them all), and the folders of the members the app imports or requires.
 */
function goWorkspaceClosure(fs: FileReader, projectRoot: string, folders: Set<string>, files: Set<string>): void {
  const work = findGoWorkspace(fs, projectRoot);
  const start = work ? memberOf(work, projectRoot) : null;
  if (!work || start === null) return;
  for (const dir of neededGoModules(fs, work, start)) folders.add(dir);
  const join = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);
  for (const path of [work.path, join(work.root, 'go.work.sum'), ...work.modules.flatMap((m) => [join(m.dir, 'go.mod'), join(m.dir, 'go.sum')])]) {
    if (fs.isFile(path)) files.add(path);
  }
}

/** The app's build-context closure: its folder, the libraries it depends on, and the root manifests and lockfiles. */
export function contextClosure(fs: FileReader, input: ContextClosureInput): ContextClosure {
  const projectRoot = normalizeRoot(input.projectRoot);
  const contextRoot = normalizeRoot(input.contextRoot ?? '');
  const follow = input.followManifests ?? true;
  const folders = new Set<string>([projectRoot]);
  for (const root of input.dependencyRoots ?? []) folders.add(normalizeRoot(root));
  if (follow) {
    if (input.language === 'node') {
      for (const root of [...folders]) for (const dep of localDependencyRoots(fs, root)) folders.add(dep);
    }
    for (const root of [...folders]) for (const dep of localPathDependencies(fs, root, input.language)) folders.add(dep);
  }
  const files = new Set<string>();
  if (input.language === 'go') goWorkspaceClosure(fs, projectRoot, folders, files);
  for (const file of ROOT_FILES[input.language]) {
    const path = contextRoot === '' ? file : `${contextRoot}/${file}`;
    if (fs.exists(path)) (fs.isFile(path) ? files : folders).add(path);
  }
  // Yarn 2+ installs only with every member's manifest (installNeedsEveryMember); the members' other files stay out
  if (input.language === 'node' && contextRoot === '' && installNeedsEveryMember(fs)) for (const manifest of everyMemberManifest(fs)) files.add(manifest);
  // tarballs that file: dependencies of the root's or the app's package.json install from
  if (input.language === 'node') {
    for (const dir of new Set([contextRoot, projectRoot])) for (const t of localTarballs(fs, dir)) if (t.path) files.add(t.path);
  }
  for (const extra of input.extraPaths ?? []) {
    const path = normalizeRoot(extra);
    if (!fs.exists(path) || fs.isFile(path)) files.add(path);
    else folders.add(path);
  }

  const outside: string[] = [];
  const relative = (path: string): string | null => {
    if (contextRoot === '') return path;
    if (path === contextRoot) return '';
    return path.startsWith(`${contextRoot}/`) ? path.slice(contextRoot.length + 1) : null;
  };
  const keptFolders: string[] = [];
  for (const folder of [...folders].sort()) {
    const rel = relative(folder);
    if (rel === null) outside.push(folder);
    else keptFolders.push(rel);
  }
  // the context root itself as a folder means "everything": nothing narrower is left to list
  const topFolders = keptFolders.includes('') ? [''] : keptFolders.filter((f) => !keptFolders.some((o) => o !== f && f.startsWith(`${o}/`)));
  const keptFiles: string[] = [];
  for (const file of [...files].sort()) {
    const rel = relative(file);
    if (rel === null) outside.push(file);
    else if (!topFolders.some((f) => f === '' || rel.startsWith(`${f}/`))) keptFiles.push(rel);
  }
  return { folders: topFolders, files: keptFiles, outside: outside.sort() };
}
