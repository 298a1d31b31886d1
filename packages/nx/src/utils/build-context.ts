// What the generator reads about a build context: the project graph it can see and the workspace members an
// app installs with. (The allowlist itself: allowlist.ts; the executor's pruned manifests: pruned-manifests.ts.)
import { getProjects, type Tree } from '@nx/devkit';
import { cachedGraph } from '../generators/dockerfile/project-graph';
import { localDependencyRoots, workspaceGlobs, workspacePackages, graphDependencyRoots, type FileReader, type ProjectGraphLike } from '@docker-ms/core';

/**
 * The project graph a generator can see: Nx's cached graph when the Tree is the real workspace, plus the
 * Tree's own implicitDependencies (new projects, virtual trees in tests).
 */
export function generatorGraph(tree: Tree): ProjectGraphLike {
  const known = graphs.get(tree);
  if (known) return known;
  const graph: ProjectGraphLike = { nodes: {}, dependencies: {} };
  const cached = cachedGraph(tree);
  if (cached) {
    Object.assign(graph.nodes, cached.nodes);
    for (const [name, deps] of Object.entries(cached.dependencies)) graph.dependencies[name] = [...deps];
  }
  const projects = getProjects(tree);
  for (const [name, config] of projects) {
    graph.nodes[name] ??= { data: { root: config.root } };
    for (const dep of config.implicitDependencies ?? []) {
      if (dep.startsWith('!') || !projects.has(dep)) continue;
      (graph.dependencies[name] ??= []).push({ target: dep });
    }
  }
  graphs.set(tree, graph);
  return graph;
}

const graphs = new WeakMap<Tree, ProjectGraphLike>();

/**
 * package.json files of the npm/pnpm/yarn workspace members an app needs before its install: the app itself and
 * the workspace packages it reaches through the project graph or its package.json. Empty outside such workspaces.
 */
export function workspaceMemberManifests(fs: FileReader, project: string, projectRoot: string, graph: ProjectGraphLike): string[] {
  if (workspaceGlobs(fs).length === 0) return [];
  const packages = workspacePackages(fs);
  const members = new Set(packages.map((p) => p.root));
  const roots = new Set<string>([projectRoot, ...localDependencyRoots(fs, projectRoot, packages)]);
  if (graph.nodes[project]) for (const root of graphDependencyRoots(graph, project)) roots.add(root);
  return [...roots].filter((root) => members.has(root) && fs.isFile(`${root}/package.json`)).map((root) => `${root}/package.json`).sort();
}
