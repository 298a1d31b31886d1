// Where the build executor writes for a project (beside its image metadata); the target inference and the
// generator name the same paths. No imports: the executor loads this on every build.

/** The image metadata JSON; the docker-build target declares it as its output. */
export function defaultMetadataFile(projectRoot: string): string {
  return `${outputDir(projectRoot)}/metadata.json`;
}

/** The app's pruned package.json and lockfile. */
export function prunedManifestsDir(projectRoot: string): string {
  return outputDir(projectRoot);
}

function outputDir(projectRoot: string): string {
  return projectRoot === '.' || projectRoot === '' ? 'dist/docker' : `dist/docker/${projectRoot}`;
}
