export { listStages } from './stages';
export type { StageInfo } from './stages';
export { lintDockerfile, formatFinding, LINT_RULES, LintConfigError } from './lint';
export type { LintOptions } from './lint';
export type { LintFinding, LintRule, Severity } from './types';
export { buildKitFeatures } from './buildkit-features';
export type { BuildKitFeature } from './buildkit-features';
export { DRIFT_RULE, driftFindings, imageRuntime, versionSource } from './drift';
export { countFindings, formatLintResults, lintExitCode, type FileLintResult, type LintFormat } from './report';
