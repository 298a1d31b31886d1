import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { isDockerfilePath, lstatOrNull } from '@docker-ms/core';
import { visitNotIgnoredFilesCompat } from '../../utils/nx-compat';

/**
 * Workspace-relative paths of every Dockerfile the workspace does not ignore, sorted. Links on disk (folders and
 * files) are neither followed nor returned: a `self -> .` link would make the walk endless, and a linked
 * Dockerfile would be rewritten outside the workspace.
 */
export function findDockerfiles(tree: Tree): string[] {
  const found: string[] = [];
  visitNotIgnoredFilesCompat(withoutLinks(tree), '.', (path) => {
    const normal = path.replace(/^\.\//, '');
    if (isDockerfilePath(normal)) found.push(normal);
  });
  return found.sort();
}

/** The same Tree, whose children() leaves out entries that are links on disk. */
function withoutLinks(tree: Tree): Tree {
  const isLink = (path: string) => lstatOrNull(join(tree.root, path))?.isSymbolicLink() ?? false;
  return Object.create(tree, {
    children: { value: (dir: string) => tree.children(dir).filter((child) => !isLink(join(dir, child))) },
  }) as Tree;
}
