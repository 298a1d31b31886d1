export { lintDockerfile, formatFinding, LINT_RULES, LintConfigError } from './lint';
export type { LintOptions } from './lint';
export type { LintFinding, LintRule, Severity } from './types';
export { DRIFT_RULE, driftFindings, imageRuntime, repoVersion, type RepoVersion } from './drift';
export { countFindings, formatLintResults, lintExitCode, type FileLintResult, type LintFormat } from './report';
export { LOOPBACK_RULE, NO_LOCKFILE_RULE, lintDockerfileFile, type LintFileOptions } from './lint-file';
