import { visitNotIgnoredFiles, type Tree } from '@nx/devkit';

/** Renovate's default Dockerfile names: Dockerfile, Dockerfile.<x>, <x>.Dockerfile (and Containerfile). */
const DOCKERFILE = /(^|\/|\.)([Dd]ocker|[Cc]ontainer)file$|(^|\/)([Dd]ocker|[Cc]ontainer)file\.[^/]*$/;

export function isDockerfilePath(path: string): boolean {
  return DOCKERFILE.test(path) && !path.endsWith('.dockerignore');
}

/** Workspace-relative paths of every Dockerfile the workspace does not ignore, sorted. */
export function findDockerfiles(tree: Tree): string[] {
  const found: string[] = [];
  visitNotIgnoredFiles(tree, '.', (path) => {
    const normal = path.replace(/^\.\//, '');
    if (isDockerfilePath(normal)) found.push(normal);
  });
  return found.sort();
}
