import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MANIFEST_MAX_BYTES } from '../detect/manifest-error';

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
