import { formatFiles, logger, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { BUILD_OPTION_RENAMES, renameOptionKeys, renameTargetOptions } from '@docker-ms/core';
import { BUILD_EXECUTOR } from '../../utils/docker-build-target';
import { DEFAULT_BUILD_TARGET_NAME, findPluginEntry, registeredBuildTargetName } from '../../utils/plugin-registration';
import { updateExecutorTargets, updateTargetDefaults } from '../utils/executor-targets';

/**
 * nx-container's kebab-case build options (`build-args`, `cache-from`, `cache-to`, `no-cache`) →
 * docker-ms's names, in project targets (options and every configuration), overrides of the inferred
 * target, nx.json targetDefaults and the plugin's options in nx.json. The executor keeps reading the old names.
 */
export default async function renameBuildOptions(tree: Tree): Promise<void> {
  const inferredName = registeredBuildTargetName(tree) ?? DEFAULT_BUILD_TARGET_NAME;
  const changed = [
    ...updateExecutorTargets(tree, BUILD_EXECUTOR, [inferredName], (target) => renameTargetOptions(target, BUILD_OPTION_RENAMES)),
    ...updateTargetDefaults(tree, BUILD_EXECUTOR, [inferredName], (entry) => renameTargetOptions(entry, BUILD_OPTION_RENAMES)).map(
      (key) => `nx.json targetDefaults "${key}"`,
    ),
  ];

  const nxJson = readNxJson(tree);
  const plugin = findPluginEntry(nxJson);
  if (nxJson && plugin && typeof plugin === 'object' && renameOptionKeys(plugin.options as Record<string, unknown>, BUILD_OPTION_RENAMES)) {
    updateNxJson(tree, nxJson);
    changed.push('nx.json plugin options');
  }

  if (changed.length === 0) return;
  const names = BUILD_OPTION_RENAMES.map((r) => `${r.from} → ${r.to}`).join(', ');
  logger.info(`docker-ms: renamed build options (${names}) in ${changed.join(', ')}`);
  await formatFiles(tree);
}
