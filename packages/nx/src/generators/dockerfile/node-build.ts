import { joinPathFragments, type Tree } from '@nx/devkit';
import { NODE_LOCKFILE_NAMES, everyMemberManifest, installNeedsEveryMember, packageRuntimePaths, shellQuote } from '@docker-ms/core';
import { generatorGraph, workspaceMemberManifests } from '../../utils/build-context';
import { prunedManifestsDir } from '../../utils/output-paths';
import { treeFileReader } from '../../utils/tree-file-reader';
import type { NxProjectFacts } from './nx-metadata';

/**
 * Node apps in an Nx workspace usually install from the workspace root's package.json and lockfile, so the
 * image builds from the workspace root: its build runs the project's Nx build target and ships that output.
 */
export function nodeBuildOptions(tree: Tree, name: string, root: string, facts: NxProjectFacts): Record<string, unknown> {
  const hasOwn = (file: string) => tree.exists(joinPathFragments(root, file));
  if (root === '.' || (hasOwn('package.json') && NODE_LOCKFILE_NAMES.some(hasOwn))) return {};
  if (!NODE_LOCKFILE_NAMES.some((file) => tree.exists(file)) && hasOwn('package.json')) return {};
  // npm/pnpm/yarn workspaces: the members' manifests go in before the install so their links resolve; otherwise the
  // production install reads the app's own pruned manifests, which the build executor writes with @nx/js
  const fs = treeFileReader(tree);
  const members = workspaceMemberManifests(fs, name, root, generatorGraph(tree));
  // the libraries' node_modules links resolve in the runtime only if each library's package.json and built files are there
  const libraries = members.map((m) => m.slice(0, -'/package.json'.length)).filter((dir) => dir !== root).flatMap((dir) => packageRuntimePaths(fs, dir));
  return {
    projectRoot: root,
    ...(members.length > 0 ? { workspaceManifests: installNeedsEveryMember(fs) ? everyMemberManifest(fs) : members, ...(libraries.length > 0 ? { workspaceRuntimePaths: libraries } : {}) } : usesNxJs(tree) ? { manifestsPath: prunedManifestsDir(root) } : {}),
    // --skip-sync: the context holds only the app's closure, so sync generators (@nx/js:typescript-sync) would read the
    // root tsconfig.json's references to the projects left out as "out of sync" and stop the build; the committed
    // workspace is the synced one (`nx sync`, checked by `nx sync:check`)
    ...(facts.buildTarget ? { buildCommand: `NX_DAEMON=false NX_NO_CLOUD=true npx nx run ${shellQuote(`${name}:${facts.buildTarget}`)} --skip-sync` } : {}),
    // a web app's document root (Angular's application builder writes <outputPath>/browser)
    ...(facts.staticSite ? { outputPath: facts.staticSite.root } : facts.outputPath ? { outputPath: facts.outputPath } : {}),
    ...(facts.outputPath && facts.entry ? { entry: facts.entry } : {}),
  };
}

function usesNxJs(tree: Tree): boolean {
  try {
    const pkg = JSON.parse(tree.read('package.json', 'utf-8') ?? '{}') as Record<string, Record<string, string> | undefined>;
    return Boolean(pkg.dependencies?.['@nx/js'] ?? pkg.devDependencies?.['@nx/js']);
  } catch {
    return false;
  }
}

