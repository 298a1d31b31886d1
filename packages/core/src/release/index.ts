export { resolveVersion, formatDate, VersionSchemeError } from './version-scheme';
export type { VersionFacts } from './version-scheme';
export { releaseImage, planRelease, releaseOptionsShape, ReleaseError } from './publish';
export type { ReleaseOptions, ReleaseResult, ReleaseSetup } from './publish';
