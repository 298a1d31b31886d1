import type { Tree } from '@nx/devkit';
import type { FileReader } from '@docker-ms/core';

function normalize(path: string): string {
  const trimmed = path.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '.' : trimmed;
}

/** Core detection reads through this, so generators see the Tree (including files written earlier in the same run). */
export function treeFileReader(tree: Tree): FileReader {
  return {
    exists: (path) => tree.exists(normalize(path)),
    read: (path) => {
      const p = normalize(path);
      return tree.exists(p) && tree.isFile(p) ? tree.read(p, 'utf-8') : null;
    },
    list: (dir) => {
      const d = normalize(dir);
      return tree.exists(d) && !tree.isFile(d) ? tree.children(d) : d === '.' ? tree.children('') : [];
    },
    isFile: (path) => {
      const p = normalize(path);
      return tree.exists(p) && tree.isFile(p);
    },
  };
}
