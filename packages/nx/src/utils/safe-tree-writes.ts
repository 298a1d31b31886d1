import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { lstatOrNull, symlinkOnPath } from '@docker-ms/core';

/**
 * The Tree writes to disk after the generator returns, following links as it goes: a path whose file or folder
 * on disk (under tree.root) is a symbolic link, or whose file is not a regular one, is refused up front.
 * Returns one line per refused path.
 */
export function unsafeTreeWrites(tree: Tree, paths: string[]): string[] {
  const problems: string[] = [];
  for (const path of paths) {
    const link = symlinkOnPath(tree.root, path);
    if (link === path) problems.push(`${path}: is a symbolic link; docker-ms does not write through links (remove it, then run the generator again)`);
    else if (link !== null) problems.push(`${path}: ${link} is a symbolic link; docker-ms does not write through links`);
    else {
      const stat = lstatOrNull(join(tree.root, path));
      if (stat && !stat.isFile()) problems.push(`${path}: exists and is not a regular file`);
    }
  }
  return problems;
}
