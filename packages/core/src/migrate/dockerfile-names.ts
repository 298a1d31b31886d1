/** Renovate's default Dockerfile names: Dockerfile, Dockerfile.<x>, <x>.Dockerfile, and the Containerfile spellings. */
const DOCKERFILE = /(^|\/|\.)([Dd]ocker|[Cc]ontainer)file$|(^|\/)([Dd]ocker|[Cc]ontainer)file\.[^/]*$/;

export function isDockerfilePath(path: string): boolean {
  return DOCKERFILE.test(path) && !/\.dockerignore$/.test(path);
}
