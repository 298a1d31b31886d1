import { joinPathFragments, type Tree } from '@nx/devkit';
import type { Language } from '@docker-ms/core';
import { contextAllowlist } from '../../utils/allowlist';
import { generatorGraph } from '../../utils/build-context';
import { treeFileReader } from '../../utils/tree-file-reader';

export interface IgnoreFile {
  path: string;
  content: string;
  /** Written only when no such file exists (a shared workspace-root .dockerignore). */
  onlyIfAbsent?: boolean;
}

export interface IgnoreFilesInput {
  project: string;
  root: string;
  /** Workspace-relative build context: the project root, the workspace root ('.') or a folder between. */
  context: string;
  language: Language;
  /** core's rendered .dockerignore for the app. */
  dockerignore: string;
}

/** Which ignore files a generated Dockerfile gets, by where its build context is. */
export function contextIgnoreFiles(tree: Tree, input: IgnoreFilesInput): IgnoreFile[] {
  const { project, root, context, language, dockerignore } = input;
  if (context === root) return [{ path: joinPathFragments(root, '.dockerignore'), content: dockerignore }];
  // From the workspace root, BuildKit reads <Dockerfile>.dockerignore beside the file: an allowlist of the app's
  // closure (project graph + root manifests). The legacy builder reads only the context root's .dockerignore.
  const beside = context === '.'
    ? contextAllowlist(treeFileReader(tree), { project, projectRoot: root, language, graph: generatorGraph(tree), exclude: dockerignore })
    : dockerignore;
  return [
    { path: joinPathFragments(root, 'Dockerfile.dockerignore'), content: beside },
    { path: '.dockerignore', content: dockerignore, onlyIfAbsent: true },
  ];
}
