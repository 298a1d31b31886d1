import { readCachedProjectGraph, workspaceRoot, type ProjectConfiguration, type ProjectGraph, type Tree } from '@nx/devkit';

// One read of the cached graph per generator run (per Tree): --all asks for every project, and the file is large.
const graphs = new WeakMap<Tree, ProjectGraph | null>();

/** Nx's cached project graph when the Tree is the real workspace, else null. */
export function cachedGraph(tree: Tree): ProjectGraph | null {
  if (!graphs.has(tree)) {
    let graph: ProjectGraph | null = null;
    if (tree.root === workspaceRoot) {
      try {
        graph = readCachedProjectGraph();
      } catch {
        // no cached graph: the Tree's projects are used
      }
    }
    graphs.set(tree, graph);
  }
  return graphs.get(tree) ?? null;
}

/**
 * The project as Nx sees it, inferred targets included, when the Tree is the real workspace
 * (`nx g` computes the graph before running generators). On a virtual Tree, or without a cached
 * graph, the Tree's own project.json is all there is.
 */
export function graphProject(tree: Tree, name: string): ProjectConfiguration | undefined {
  return cachedGraph(tree)?.nodes[name]?.data;
}

export function graphProjectNames(tree: Tree): Map<string, 'app' | 'lib' | 'e2e'> {
  const types = new Map<string, 'app' | 'lib' | 'e2e'>();
  for (const [name, node] of Object.entries(cachedGraph(tree)?.nodes ?? {})) types.set(name, node.type);
  return types;
}

/** Tree configuration with inferred targets underneath (explicit project.json targets win). */
export function effectiveProject(tree: Tree, config: ProjectConfiguration, name: string): ProjectConfiguration {
  const inferred = graphProject(tree, name);
  if (!inferred) return config;
  return { ...inferred, ...config, targets: { ...inferred.targets, ...config.targets }, metadata: { ...inferred.metadata, ...config.metadata } };
}
