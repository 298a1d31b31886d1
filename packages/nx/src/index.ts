// Package main: `"plugin": "docker-ms"` in nx.json loads createNodes and the task hooks from here.
export { createNodes, createNodesV2 } from './plugins/plugin';
export { postTasksExecution, preTasksExecution } from './plugins/build-summary';
export type { DockerMsPluginOptions } from './plugins/plugin';
export { initGenerator } from './generators/init/generator';
