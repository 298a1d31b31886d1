import { readCachedProjectGraph, workspaceRoot, type ProjectConfiguration, type Tree } from '@nx/devkit';

/**
 * The project as Nx sees it, inferred targets included, when the Tree is the real workspace
 * (`nx g` computes the graph before running generators). On a virtual Tree, or without a cached
 * graph, the Tree's own project.json is all there is.
 */
export function graphProject(tree: Tree, name: string): ProjectConfiguration | undefined {
  if (tree.root !== workspaceRoot) return undefined;
  try {
    return readCachedProjectGraph().nodes[name]?.data;
  } catch {
    return undefined;
  }
}

export function graphProjectNames(tree: Tree): Map<string, 'app' | 'lib' | 'e2e'> {
  const types = new Map<string, 'app' | 'lib' | 'e2e'>();
  if (tree.root !== workspaceRoot) return types;
  try {
    for (const [name, node] of Object.entries(readCachedProjectGraph().nodes)) types.set(name, node.type);
  } catch {
    // no cached graph: the Tree's projects are used
  }
  return types;
}

/** Tree configuration with inferred targets underneath (explicit project.json targets win). */
export function effectiveProject(tree: Tree, config: ProjectConfiguration, name: string): ProjectConfiguration {
  const inferred = graphProject(tree, name);
  if (!inferred) return config;
  return { ...inferred, ...config, targets: { ...inferred.targets, ...config.targets }, metadata: { ...inferred.metadata, ...config.metadata } };
}
