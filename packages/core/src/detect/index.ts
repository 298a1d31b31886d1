export { detectProject, type DetectOptions } from './detect-project';
export { DetectionError } from './detection-error';
export { checkReadable, ManifestError, MANIFEST_MAX_BYTES } from './manifest-error';
export { nodeFileReader, memoryFileReader } from './file-reader';
export { reduceVersionRange, truncateVersion, javaMajor } from './version-range';
export { isWrapperPackageJson } from './node';
