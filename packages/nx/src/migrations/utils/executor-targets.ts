import {
  getProjects, readNxJson, updateNxJson, updateProjectConfiguration,
  type TargetConfiguration, type Tree,
} from '@nx/devkit';

type TargetDefaultsMap = NonNullable<NonNullable<ReturnType<typeof readNxJson>>['targetDefaults']>;
type TargetDefaultEntry = Partial<TargetConfiguration> & { filter?: { executor?: string; plugin?: string } };

/**
 * Call `change` for every project target using `executor`, and for executor-less overrides of the
 * inferred targets named in `inferredNames`; write back only the projects where it returned true.
 * Returns the changed `project:target` names.
 */
export function updateExecutorTargets(
  tree: Tree,
  executor: string,
  inferredNames: string[],
  change: (target: TargetConfiguration, project: string, targetName: string) => boolean,
): string[] {
  const changed: string[] = [];
  for (const [project, config] of getProjects(tree)) {
    let projectChanged = false;
    for (const [name, target] of Object.entries(config.targets ?? {})) {
      const override = target.executor === undefined && target.command === undefined && inferredNames.includes(name);
      if (target.executor !== executor && !override) continue;
      if (change(target, project, name)) {
        projectChanged = true;
        changed.push(`${project}:${name}`);
      }
    }
    if (projectChanged) updateProjectConfiguration(tree, project, config);
  }
  return changed;
}

/**
 * Call `change` for every nx.json targetDefaults entry that applies to `executor`: keyed by the executor,
 * naming it (`executor` or `filter.executor`), or keyed by one of `targetNames` (inferred targets get
 * their defaults by name) with no other executor. Writes nx.json only when something changed.
 */
export function updateTargetDefaults(
  tree: Tree,
  executor: string,
  targetNames: string[],
  change: (entry: TargetDefaultEntry, key: string) => boolean,
): string[] {
  const nxJson = readNxJson(tree);
  const defaults = nxJson?.targetDefaults as TargetDefaultsMap | undefined;
  if (!nxJson || !defaults) return [];
  const changed: string[] = [];
  for (const [key, value] of Object.entries(defaults)) {
    const entries = (Array.isArray(value) ? value : [value]) as TargetDefaultEntry[];
    for (const entry of entries) {
      const named = entry.executor ?? entry.filter?.executor;
      const applies = key === executor || named === executor || (named === undefined && targetNames.includes(key));
      if (applies && change(entry, key)) changed.push(key);
    }
  }
  if (changed.length) updateNxJson(tree, nxJson);
  return changed;
}
