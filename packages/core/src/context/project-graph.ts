/** The part of an Nx project graph the closure needs (Nx's ProjectGraph fits it; npm nodes are ignored). */
export interface ProjectGraphLike {
  nodes: Record<string, { data: { root: string } }>;
  dependencies: Record<string, Array<{ target: string }>>;
}

/** Roots of the workspace projects `project` depends on, transitively (npm packages and the project itself excluded). */
export function graphDependencyRoots(graph: ProjectGraphLike, project: string): string[] {
  if (!graph.nodes[project]) throw new Error(`project "${project}" is not in the project graph`);
  const seen = new Set<string>([project]);
  const queue = [project];
  while (queue.length > 0) {
    for (const { target } of graph.dependencies[queue.shift() as string] ?? []) {
      if (seen.has(target) || !graph.nodes[target]) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  seen.delete(project);
  return [...new Set([...seen].map((name) => graph.nodes[name].data.root))].sort();
}
