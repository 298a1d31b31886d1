import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { checkReadable, contextSources, inferContext, lstatOrNull, type DockerfileSource, type FileReader } from '@docker-ms/core';

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
      if (!tree.exists(p) || !tree.isFile(p)) return null;
      // the Tree reads unchanged files from disk: a huge one is refused before it is read
      const onDisk = lstatOrNull(join(tree.root, p));
      if (onDisk?.isFile()) checkReadable(p, { isFile: true, size: onDisk.size });
      return tree.read(p, 'utf-8');
    },
    list: (dir) => {
      const d = normalize(dir);
      const children = tree.exists(d) && !tree.isFile(d) ? tree.children(d) : d === '.' ? tree.children('') : [];
      return children.filter((child) => !isFolderLink(tree, d === '.' ? child : `${d}/${child}`));
    },
    isFile: (path) => {
      const p = normalize(path);
      return tree.exists(p) && tree.isFile(p);
    },
  };
}

/** Whether a workspace path on the Tree is a file, a folder or missing (a target's input globs differ). */
export function treePathKind(tree: Tree): (path: string) => 'file' | 'folder' | 'missing' {
  return (path) => (!tree.exists(path) ? 'missing' : tree.isFile(path) ? 'file' : 'folder');
}

/** The build context a Dockerfile on the Tree expects, from the paths its COPY sources name. */
export function treeBuildContext(tree: Tree, dockerfile: DockerfileSource, projectRoot: string): string {
  return inferContext(contextSources(dockerfile), projectRoot, (path) => tree.exists(path));
}

/** A link to a folder on disk under tree.root: the Tree follows it, and a walk through it may never end. */
export function isFolderLink(tree: Tree, path: string): boolean {
  return (lstatOrNull(join(tree.root, path))?.isSymbolicLink() ?? false) && tree.exists(path) && !tree.isFile(path);
}
