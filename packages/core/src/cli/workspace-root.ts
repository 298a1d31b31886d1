import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MANIFEST_MAX_BYTES } from '../detect/manifest-error';
import { UsageError } from './io';

const MARKERS = ['nx.json', 'turbo.json', 'pnpm-workspace.yaml', 'lerna.json', 'go.work'];

function isWorkspaceRoot(dir: string): boolean {
  if (MARKERS.some((m) => existsSync(join(dir, m)))) return true;
  try {
    // only a regular, manifest-sized file is read: a FIFO named package.json would block forever
    const stat = statSync(join(dir, 'package.json'));
    if (!stat.isFile() || stat.size > MANIFEST_MAX_BYTES) return false;
    return 'workspaces' in JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
}

/** The nearest folder at or above `dir` that is a monorepo root (or a git checkout's top), else `dir` itself. */
export function findWorkspaceRoot(dir: string): string {
  const start = resolve(dir);
  for (let current = start; ; current = dirname(current)) {
    if (isWorkspaceRoot(current) || existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return start;
  }
}

/** The --workspace-root flag (absolute), or the detected root above `start` when the flag is not given. */
export function workspaceRootFor(flag: unknown, cwd: string, start: string): string {
  if (flag === undefined) return findWorkspaceRoot(start);
  const root = resolve(cwd, String(flag));
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`--workspace-root ${String(flag)}: no such folder`);
  return root;
}
