import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createNodesFromFiles, type CreateNodes, type CreateNodesContext, type CreateNodesResult } from '@nx/devkit';
import { dockerBuildTarget } from '../utils/docker-build-target';
import { DEFAULT_LINT_TARGET_NAME, dockerLintTarget } from '../utils/docker-lint-target';
import { createNodesExports } from '../utils/nx-compat';
import { DEFAULT_BUILD_TARGET_NAME, type DockerMsPluginOptions } from '../utils/plugin-registration';
import { inferContext } from '@docker-ms/core';
import { DockerfileCache } from './dockerfile-cache';

export type { DockerMsPluginOptions };

const DOCKERFILE_GLOB = '**/Dockerfile';

/** Infers the docker-build target (one configuration per stage) for every project that has a Dockerfile. */
export const { createNodes, createNodesV2 } = createNodesExports<CreateNodes<DockerMsPluginOptions>>([
  DOCKERFILE_GLOB,
  async (dockerfiles, options, context) => {
    cache ??= new DockerfileCache();
    const known = cache;
    try {
      return await createNodesFromFiles((file, opts, ctx) => createNodesForDockerfile(file, opts, ctx, known), dockerfiles, options ?? {}, context);
    } finally {
      known.save();
    }
  },
]);

/** One per process: the daemon's plugin worker keeps it across graph computations. */
let cache: DockerfileCache | undefined;

function createNodesForDockerfile(
  dockerfilePath: string,
  options: DockerMsPluginOptions | undefined,
  context: CreateNodesContext,
  cache: DockerfileCache,
): CreateNodesResult {
  const projectRoot = dirname(dockerfilePath).split('\\').join('/');
  const abs = (path: string) => join(context.workspaceRoot, path);
  // A Dockerfile makes a target only for an existing project, so stray Dockerfiles (fixtures, tools) stay out of the graph.
  const isProject = projectRoot === '.'
    ? existsSync(abs('project.json'))
    : existsSync(abs(join(projectRoot, 'project.json'))) || existsSync(abs(join(projectRoot, 'package.json')));
  if (!isProject) return {};

  const dockerfile = cache.facts(readFileSync(abs(dockerfilePath), 'utf8'));
  const exists = (path: string) => existsSync(abs(path));
  const buildContext = inferContext(dockerfile.sources, projectRoot, exists);
  const targetName = options?.buildTargetName ?? DEFAULT_BUILD_TARGET_NAME;
  const target = dockerBuildTarget({
    projectRoot,
    dockerfile,
    context: buildContext,
    dependsOn: 'build',
    dockerignore: exists(`${dockerfilePath}.dockerignore`) ? readFileSync(abs(`${dockerfilePath}.dockerignore`), 'utf8') : null,
    kind: (path) => {
      if (!exists(path)) return 'missing';
      return statSync(abs(path)).isDirectory() ? 'folder' : 'file';
    },
  });
  const lintTargetName = options?.lintTargetName ?? DEFAULT_LINT_TARGET_NAME;
  return { projects: { [projectRoot]: { root: projectRoot, targets: { [targetName]: target, [lintTargetName]: dockerLintTarget(projectRoot) } } } };
}
