import { readFileSync } from 'node:fs';
import { assertWritableFile, lstatOrNull, UnsafePathError } from '../files';

/** Keys every metadata file docker-ms writes has (ImageMetadata in build-report.ts). */
const OUR_KEYS = ['imageId', 'tags'];

/**
 * Refuses a metadata path before anything runs: a link, a folder or device, or an existing file docker-ms did not
 * write (`--metadata-file Dockerfile`), which it would otherwise replace. `others` are files the engine writes
 * beside it (buildx's own metadata), checked for links too.
 */
export function checkMetadataFile(file: string, others: string[] = []): void {
  const flag = `metadataFile ${file}`;
  for (const path of [file, ...others]) assertWritableFile(path, path === file ? flag : `metadataFile: ${path}`);
  const stat = lstatOrNull(file);
  if (stat && !isOurs(file, stat.size)) {
    throw new UnsafePathError(`${flag}: exists and is not a docker-ms metadata file; name a new path (nothing was deleted)`);
  }
}

function isOurs(file: string, size: number): boolean {
  if (size > 1024 * 1024) return false;
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && OUR_KEYS.every((k) => k in value);
  } catch {
    return false;
  }
}
