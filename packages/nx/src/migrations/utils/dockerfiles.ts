import type { Tree } from '@nx/devkit';
import { isDockerfilePath } from '@docker-ms/core';
import { visitNotIgnoredFilesCompat } from '../../utils/nx-compat';

/** Workspace-relative paths of every Dockerfile the workspace does not ignore, sorted. */
export function findDockerfiles(tree: Tree): string[] {
  const found: string[] = [];
  visitNotIgnoredFilesCompat(tree, '.', (path) => {
    const normal = path.replace(/^\.\//, '');
    if (isDockerfilePath(normal)) found.push(normal);
  });
  return found.sort();
}
