import type { TargetConfiguration } from '@nx/devkit';

export const LINT_EXECUTOR = 'docker-ms:lint';
export const DEFAULT_LINT_TARGET_NAME = 'docker-lint';

/** Files the runtime-drift rule reads a version from (project folder or workspace root). */
const VERSION_FILES = [
  '.nvmrc', '.node-version', '.tool-versions', 'package.json',
  '.python-version', 'pyproject.toml', 'runtime.txt',
  'go.mod', 'rust-toolchain.toml', 'rust-toolchain', 'Cargo.toml',
  'pom.xml', 'build.gradle', 'build.gradle.kts',
];

/** The docker-lint target for the Dockerfile at a project's root: cached on the Dockerfile and the version files. */
export function dockerLintTarget(projectRoot: string): TargetConfiguration<{ file: string }> {
  const file = projectRoot === '.' || projectRoot === '' ? 'Dockerfile' : `${projectRoot}/Dockerfile`;
  const inputs = ['{projectRoot}/Dockerfile', ...VERSION_FILES.map((f) => `{projectRoot}/${f}`)];
  if (projectRoot !== '.' && projectRoot !== '') inputs.push(...VERSION_FILES.map((f) => `{workspaceRoot}/${f}`));
  return {
    executor: LINT_EXECUTOR,
    options: { file },
    cache: true,
    inputs,
    outputs: [],
    metadata: {
      technologies: ['docker'],
      description: `Lint ${file}: build-check rules, pinned FROM lines, non-root user, runtime version drift from the project's version files`,
    },
  };
}
