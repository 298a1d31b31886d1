// Package main: `"plugin": "docker-ms"` in nx.json loads createNodes from here.
export { createNodes, createNodesV2 } from './plugins/plugin';
export type { DockerMsPluginOptions } from './plugins/plugin';
export { initGenerator } from './generators/init/generator';
