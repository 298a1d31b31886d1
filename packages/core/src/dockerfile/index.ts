// The one Dockerfile parser: stages, FROM refs, COPY sources and the build context they expect.
export { parseDockerfile, modelOf, lineOf, stageChain, findStage } from './parse';
export type { DockerfileModel, DockerfileSource, Stage } from './parse';
export { listStages } from './stages';
export type { StageInfo } from './stages';
export { buildKitFeatures } from './buildkit-features';
export type { BuildKitFeature } from './buildkit-features';
export * from './from-refs';
export { contextSources } from './copy-sources';
export { literalPrefix, inferContext } from './build-context';
export { pinSites, hasTag, isPinned, applyDigests, describePinChange } from './pin-digests';
export type { PinSite, PinChange } from './pin-digests';
