// Which apps a workspace-wide command works on: every managed Dockerfile (`build --all`), or those whose
// build context holds a file git reports as changed since a base (`build --affected`). Git, not a task
// graph: an app is affected exactly when a file that reaches its build changed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { contextFiles, dockerignoreMatcher } from '../context/matcher';
import { nodeFileReader } from '../detect/file-reader';
import { contextSources } from '../dockerfile/copy-sources';
import { inferContext } from '../dockerfile/build-context';
import { parseDockerfile } from '../dockerfile/parse';
import { readManagedHeader } from '../managed/header';
import { isDockerfilePath } from '../migrate/dockerfile-names';
import { ignoreFileFor } from '../engine/up-to-date';
import { run } from '../engine/spawn';
import { UsageError } from './io';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'target', 'vendor', 'coverage', 'tmp']);

/** Workspace-relative Dockerfiles, skipping dependency, output and dot folders; links (files or folders) are not followed. */
export function findDockerfiles(root: string, dir = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) found.push(...findDockerfiles(root, path));
    } else if (entry.isFile() && isDockerfilePath(path)) {
      found.push(path);
    }
  }
  return found.sort();
}

export interface WorkspaceApp {
  /** Workspace-relative folder of the Dockerfile; its name is the image name. */
  dir: string;
  /** Workspace-relative Dockerfile. */
  file: string;
  /** Workspace-relative build context the Dockerfile expects (its folder, or the workspace root). */
  context: string;
}

/** Every app with a docker-ms Dockerfile (`<app>/Dockerfile` carrying the managed header), with its build context. */
export function workspaceApps(root: string): WorkspaceApp[] {
  return findDockerfiles(root)
    .filter((file) => /(^|\/)Dockerfile$/.test(file))
    .flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      if (!readManagedHeader(text)) return [];
      const dir = file.includes('/') ? dirname(file) : '.';
      const context = inferContext(contextSources(parseDockerfile(text)), dir, (path) => existsSync(join(root, path)));
      return [{ dir, file, context }];
    });
}

const lines = (text: string) => text.split('\0').filter(Boolean);

/** Workspace-relative files changed since the merge base of `base` and HEAD: committed, staged, unstaged, untracked. */
export async function changedFiles(root: string, base: string): Promise<string[]> {
  const mergeBase = await run('git', ['merge-base', base, 'HEAD'], { cwd: root });
  if (mergeBase.code !== 0) {
    const why = (mergeBase.stderr.trim().split('\n')[0] || `exit ${mergeBase.code}`).replace(/^fatal:\s*/, '');
    throw new UsageError(`--affected: git cannot compare with ${base} (${why}); pass --base <branch or commit>`);
  }
  const [diff, untracked] = await Promise.all([
    run('git', ['diff', '--name-only', '--relative', '-z', mergeBase.stdout.trim()], { cwd: root }),
    run('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root }),
  ]);
  return [...new Set([...lines(diff.stdout), ...lines(untracked.stdout)])].sort();
}

/** The apps a changed file reaches: their Dockerfile, ignore file, or a context file the ignore file lets through. */
export function affectedApps(root: string, apps: WorkspaceApp[], changed: string[]): WorkspaceApp[] {
  return apps.filter((app) => {
    const contextDir = join(root, app.context);
    const ignoreFile = ignoreFileFor(contextDir, join(root, app.file));
    const ignoreText = ignoreFile ? readFileSync(ignoreFile, 'utf8') : '';
    const matcher = dockerignoreMatcher(ignoreText);
    const inContext = (path: string) => (app.context === '.' ? path : path.startsWith(`${app.context}/`) ? path.slice(app.context.length + 1) : null);
    const own = new Set([app.file, ignoreFile ? relative(root, ignoreFile).split('\\').join('/') : '']);
    let files: Set<string> | undefined;
    return changed.some((path) => {
      if (own.has(path)) return true;
      const rel = inContext(path);
      if (rel === null) return false;
      // a deleted file is gone from the walk: the ignore rules alone say whether it reached the build
      if (!existsSync(join(root, path))) return !matcher.excluded(rel);
      files ??= new Set(contextFiles(nodeFileReader(contextDir), ignoreText));
      return files.has(rel);
    });
  });
}
