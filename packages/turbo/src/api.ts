export { dockerMsPlopPack, GENERATOR_NAME, ACTION_TYPE } from './plop/pack';
export { addDockerfile, type AddDockerfileInput, type AddDockerfileResult } from './dockerfile/add-dockerfile';
export { addDockerBuildScript, dockerBuildScript, buildsFromWorkspaceRoot, DOCKER_BUILD_SCRIPT } from './dockerfile/build-script';
export { formatChange, type FileChange, type ChangeStatus } from './dockerfile/changes';
export { initTurboWorkspace } from './init/init';
export { dockerBuildTask, DOCKER_BUILD_TASK } from './init/turbo-json';
export { generatorConfigSource, PACK_NAME } from './init/generator-config';
export { initCommand } from './cli/init-command';
export { listWorkspacePackages, resolveWorkspace, WorkspaceError, type WorkspacePackage } from './workspace/packages';
export { workspaceTurboVersion } from './workspace/turbo-version';

import { initCommand as init } from './cli/init-command';
/** Commands this package adds to `docker-ms` (core's CLI finds them here when its own bin is the one linked). */
export const cliCommands = [init];
