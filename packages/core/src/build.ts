// `@docker-ms/core/build`: what an image build needs and nothing else. The Nx executor loads this entry instead of
// the package index, so a build never loads detection, rendering, lint, migrations or the CLI (a cached build's
// time is mostly module loading otherwise). build-entry.spec.ts keeps it that way.
export { planBuild, BuildPlanError } from './engine/plan-build';
export type { BuildPlan, BuildSetup } from './engine/plan-build';
export { runBuild } from './engine/run-build';
export { rememberingProbe } from './engine/remembering-probe';
export type { BuildRuntime, BuildResult } from './engine/run-build';
export { BuildOptionsError } from './engine/options';
export { sizeTable, figuresFromMetadata } from './engine/size-report';
export type { BuildFigures } from './engine/size-report';
export { contextSources } from './dockerfile/copy-sources';
export { closestNames } from './text/closest-names';
export { colorEnabled, styler } from './text/style';
export type { Style } from './text/style';
export { assertWritableFile, writeFileAtomic } from './files/write-file';
export { nodeFileReader } from './detect/file-reader';
export { contextClosure } from './context/closure';
export { contextDockerignore, parseContextDockerignore } from './context/dockerignore';
export { graphDependencyRoots, type ProjectGraphLike } from './context/project-graph';
