export { detectProject, type DetectOptions, type FrameworkHint } from './detect-project';
export { angularBrowserOutput } from './frameworks/angular';
export { angularAllowedHostsNote, angularServerFile } from './frameworks/server/angular';
export { DetectionError } from './detection-error';
export { checkReadable, ManifestError, MANIFEST_MAX_BYTES } from './manifest-error';
export { nodeFileReader, memoryFileReader } from './file-reader';
export { reduceVersionRange, truncateVersion, javaMajor } from './version-range';
export { isWrapperPackageJson } from './node';
