export {
  buildOptionsSchema, parseBuildOptions, BuildOptionsError, ENGINES, DEFAULT_STAGE, BUILD_OPTION_ALIASES,
  UNSUPPORTED_NX_CONTAINER_OPTIONS,
} from './options';
export type { BuildOptions, BuildOptionsInput, EngineName } from './options';
export { validateTag, sanitizeImageName } from './tag';
export { resolveEngine, defaultProbe, EngineError, LEGACY_FIX, DEBIAN_DOCKER } from './resolve';
export type { ResolvedEngine, EngineKind, EngineProbe, ProbeResult } from './resolve';
export { buildCommand, formatCommand, dockerfilePath } from './command';
export type { BuildCommand, Command } from './command';
export { checkSupport } from './support';
export { planBuild, resolveStage, defaultStage, defaultTags, defaultImageName, BuildPlanError } from './plan-build';
export type { BuildPlan, BuildSetup } from './plan-build';
export { runBuild, buildImage } from './run-build';
export type { BuildRuntime, BuildResult } from './run-build';
export { gitLabels, headCommit } from './git-labels';
export { PROGRESS_MODES } from './options';
export type { ProgressMode } from './options';
export { resolveProgress, inCI } from './progress';
export { countSteps } from './build-steps';
export type { StepCount } from './build-steps';
export { sizeTable, savedPercent, baseImages, reduction, contextSize, figuresMetadata, figuresFromMetadata } from './size-report';
export type { BuildFigures } from './size-report';
export { rememberingProbe } from './remembering-probe';
export { inputsHash, upToDateImage, mustBuild, INPUTS_LABEL } from './up-to-date';
export { budgetBytes, checkBudget } from './budget';
export { resolveDigest, pinBaseImages, pinChangeLines } from './digests';
export type { ResolvedDigest, PinOutcome } from './digests';
export { inspectBuilder, platformProblem } from './builder';
export type { BuilderFacts } from './builder';
