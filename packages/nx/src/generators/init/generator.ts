import { formatFiles, logger, readNxJson, type Tree } from '@nx/devkit';
import { addPluginByDefault, DEFAULT_BUILD_TARGET_NAME, findPluginEntry, PLUGIN_NAME, registerPlugin } from '../../utils/plugin-registration';
import type { InitGeneratorSchema } from './schema';

const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9:_.-]*$/;

export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<void> {
  const buildTargetName = options.buildTargetName ?? DEFAULT_BUILD_TARGET_NAME;
  if (!TARGET_NAME.test(buildTargetName)) {
    throw new Error(
      `--buildTargetName "${buildTargetName}" is not a valid target name: use letters, digits, ':', '_', '.', '-' (e.g. docker-build).`,
    );
  }
  const nxJson = readNxJson(tree) ?? {};
  if (findPluginEntry(nxJson) !== undefined) {
    logger.info(`${PLUGIN_NAME} is already registered in nx.json; nothing to do.`);
    return;
  }
  if (!addPluginByDefault(tree)) {
    logger.info(`Inferred targets are turned off in this workspace; docker-ms:dockerfile will write docker-build targets into each project instead.`);
    return;
  }
  registerPlugin(tree, buildTargetName);
  if (!options.skipFormat) await formatFiles(tree);
}

export default initGenerator;
