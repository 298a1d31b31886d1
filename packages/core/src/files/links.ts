import fs from 'node:fs';
import path from 'node:path';

/** lstat that returns null for a missing path (or one under a missing folder). */
export function lstatOrNull(abs: string): fs.Stats | null {
  try {
    return fs.lstatSync(abs);
  } catch {
    return null;
  }
}

/**
 * The first part of `rel` below `root` that is a symbolic link ("apps/api" of "apps/api/Dockerfile" when
 * apps/api is a link), or null. `root` itself may be a link (a checkout reached through one); what lies under it is checked.
 */
export function symlinkOnPath(root: string, rel: string): string | null {
  const parts = rel.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    const stat = lstatOrNull(path.join(root, sub));
    if (stat === null) return null;
    if (stat.isSymbolicLink()) return sub;
  }
  return null;
}
