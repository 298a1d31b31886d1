import type { NxJsonConfiguration, Tree } from '@nx/devkit';
import { readNxJson, updateNxJson } from '@nx/devkit';

export const PLUGIN_NAME = 'docker-ms';
export const DEFAULT_BUILD_TARGET_NAME = 'docker-build';

export interface DockerMsPluginOptions {
  /** Name of the inferred build target; default `docker-build`. */
  buildTargetName?: string;
  /** Name of the inferred lint target; default `docker-lint`. */
  lintTargetName?: string;
}

type PluginEntry = NonNullable<NxJsonConfiguration['plugins']>[number];

function entryName(entry: PluginEntry): string {
  return typeof entry === 'string' ? entry : entry.plugin;
}

/** The nx.json entry that registers docker-ms, if any (string or object form). */
export function findPluginEntry(nxJson: NxJsonConfiguration | null): PluginEntry | undefined {
  return nxJson?.plugins?.find((entry) => entryName(entry) === PLUGIN_NAME);
}

/** Target name the inferred plugin uses in this workspace (undefined when not registered). */
export function registeredBuildTargetName(tree: Tree): string | undefined {
  const entry = findPluginEntry(readNxJson(tree));
  if (entry === undefined) return undefined;
  const options = typeof entry === 'string' ? undefined : (entry.options as DockerMsPluginOptions | undefined);
  return options?.buildTargetName ?? DEFAULT_BUILD_TARGET_NAME;
}

/** Nx's default for `addPlugin`: on unless NX_ADD_PLUGINS=false or nx.json turns inference plugins off. */
export function addPluginByDefault(tree: Tree): boolean {
  return process.env.NX_ADD_PLUGINS !== 'false' && readNxJson(tree)?.useInferencePlugins !== false;
}

/** Adds the docker-ms plugin entry to nx.json (the caller checked it is not there). */
export function registerPlugin(tree: Tree, buildTargetName: string): void {
  const nxJson = readNxJson(tree) ?? {};
  nxJson.plugins = [...(nxJson.plugins ?? []), { plugin: PLUGIN_NAME, options: { buildTargetName } }];
  updateNxJson(tree, nxJson);
}
