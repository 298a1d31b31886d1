import { DockerMsError } from '../errors';

/** A project file docker-ms cannot use: unparseable (with its position), too big, or not a regular file. One line. */
export class ManifestError extends DockerMsError {}

/** Manifests detection relies on: a broken one stops detection instead of being read as "no settings". */
export const MANIFEST_NAMES = new Set(['package.json', 'pyproject.toml', 'Cargo.toml', 'pom.xml', 'go.mod', 'go.work']);

/** Manifests larger than this are refused without being read (they are a few KB in real projects). */
export const MANIFEST_MAX_BYTES = 4 * 1024 * 1024;
/** Any other project file read through a FileReader (lockfiles can be large). */
export const FILE_MAX_BYTES = 64 * 1024 * 1024;

export function isManifest(path: string): boolean {
  return MANIFEST_NAMES.has(path.slice(path.lastIndexOf('/') + 1));
}

/** Throws ManifestError when a file of `size` bytes at `path` (shown as is) must not be read. */
export function checkReadable(path: string, kind: { isFile: boolean; size: number }): void {
  if (!kind.isFile) throw new ManifestError(`${path}: not a regular file (a FIFO, socket or device); refusing to read it`);
  const max = isManifest(path) ? MANIFEST_MAX_BYTES : FILE_MAX_BYTES;
  if (kind.size > max) {
    throw new ManifestError(`${path}: ${(kind.size / 1024 / 1024).toFixed(1)} MB is over the ${max / 1024 / 1024} MB limit for ${isManifest(path) ? 'a manifest' : 'a project file'}; refusing to read it`);
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `${line}:${offset - last}`;
}
