export { lstatOrNull, symlinkOnPath } from './links';
export { UnsafePathError } from './unsafe-path-error';
export { assertWritableFile, writeFileAtomic } from './write-file';
