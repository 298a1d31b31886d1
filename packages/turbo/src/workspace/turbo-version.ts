import fs from 'node:fs';
import path from 'node:path';

const EXACT = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/;

function readJson(file: string): Record<string, any> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The turbo version the workspace uses, so the image's `turbo prune` matches the host's: the installed
 * one, else the npm lockfile's, else an exact (or ^/~) version in the root package.json; null if none.
 */
export function workspaceTurboVersion(root: string): string | null {
  const installed = readJson(path.join(root, 'node_modules', 'turbo', 'package.json'))?.version;
  if (typeof installed === 'string' && EXACT.test(installed)) return installed;
  const locked = readJson(path.join(root, 'package-lock.json'))?.packages?.['node_modules/turbo']?.version;
  if (typeof locked === 'string' && EXACT.test(locked)) return locked;
  const pkg = readJson(path.join(root, 'package.json'));
  const range = pkg?.devDependencies?.turbo ?? pkg?.dependencies?.turbo;
  if (typeof range === 'string') {
    const version = range.replace(/^[\^~=v]+/, '');
    if (EXACT.test(version)) return version;
  }
  return null;
}
