import type { Tree } from '@nx/devkit';

/** Every file of a Tree with its content, for "running twice changes nothing" assertions. */
export function snapshotFiles(tree: Tree, dir = '.'): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (path: string) => {
    for (const child of tree.children(path)) {
      const childPath = path === '.' ? child : `${path}/${child}`;
      if (tree.isFile(childPath)) files[childPath] = tree.read(childPath, 'utf-8') ?? '';
      else visit(childPath);
    }
  };
  visit(dir);
  return files;
}
