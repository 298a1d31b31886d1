import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { checkReadable, contextSources, inferContext, lstatOrNull, type DockerfileSource, type FileReader } from '@docker-ms/core';

function normalize(path: string): string {
  const trimmed = path.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '.' : trimmed;
}

/** Core detection reads through this, so generators see the Tree (including files written earlier in the same run). */
export function treeFileReader(tree: Tree): FileReader {
  return remembered.get(tree) ?? plainReader(tree);
}

const remembered = new WeakMap<Tree, FileReader>();

/**
 * Runs `plan` with the Tree's reads remembered: each folder listed once, each file checked and read once.
 * `--all` plans hundreds of projects, and each looks at the same workspace files and for a dozen manifests in its
 * folder. Nothing may write the Tree inside `plan` (the dockerfile generator plans every project before it writes).
 */
export function withRememberedReads<T>(tree: Tree, plan: () => T): T {
  if (remembered.has(tree)) return plan();
  remembered.set(tree, rememberingReader(tree, plainReader(tree)));
  try {
    return plan();
  } finally {
    remembered.delete(tree);
  }
}

function rememberingReader(tree: Tree, reader: FileReader): FileReader {
  const memo = <T>(fn: (path: string) => T) => {
    const known = new Map<string, T>();
    return (path: string): T => {
      const p = normalize(path);
      if (!known.has(p)) known.set(p, fn(p));
      return known.get(p) as T;
    };
  };
  // one listing per folder answers every exists() below it: a project is probed for a dozen manifests
  const entries = memo((dir) => new Set(tree.children(dir === '.' ? '' : dir)));
  const exists = memo((p) => {
    if (p === '.') return true;
    const slash = p.lastIndexOf('/');
    return entries(slash < 0 ? '.' : p.slice(0, slash)).has(p.slice(slash + 1));
  });
  // a path the listing lacks is answered without asking the Tree (each Tree question is a stat on disk)
  const isFile = memo((p) => exists(p) && tree.isFile(p));
  return {
    exists,
    read: memo((p) => (isFile(p) ? reader.read(p) : null)),
    list: memo((dir) => (dir === '.' || (exists(dir) && !isFile(dir)) ? reader.list(dir) : [])),
    isFile,
  };
}

function plainReader(tree: Tree): FileReader {
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
