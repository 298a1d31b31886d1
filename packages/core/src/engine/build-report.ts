// What a build tells the user: the one line for a failure, the summary line, the metadata file.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../files';
import { buildxMetadataPath, Command } from './command';
import { LEGACY_FIX, ResolvedEngine } from './resolve';
import { RunResult } from './spawn';

/** One line for a failed engine run. */
export function failureLine(result: RunResult, cmd: Command, engine: ResolvedEngine, what: string): string {
  const output = `${result.stderr}\n${result.stdout}`;
  if (result.notFound) return `${cmd.command} was not found; install it or pass another engine (auto, docker, buildx, podman, buildah)`;
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|error during connect/i.test(output)) {
    return `the Docker daemon is not running (${engine.command} cannot connect); start dockerd, or pass engine podman or buildah`;
  }
  if (/buildx component is missing|buildx.*not installed/i.test(output)) return `${engine.command} needs the buildx plugin for BuildKit: ${LEGACY_FIX}`;
  return `${what} failed (exit ${result.code}) with ${engine.description}; see the output above`;
}

/** Engine output arrives in chunks; the log takes whole lines. */
export function lineWriter(log: (line: string) => void) {
  let pending = '';
  return {
    write(chunk: string) {
      const parts = (pending + chunk).split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const part of parts) log(part);
    },
    flush() {
      if (pending) log(pending);
      pending = '';
    },
  };
}

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return 'size unknown';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}

export function readPushedDigest(metadataFile: string): string | undefined {
  try {
    return JSON.parse(readFileSync(buildxMetadataPath(metadataFile), 'utf8'))['containerimage.digest'];
  } catch {
    return undefined;
  }
}

export interface ImageMetadata {
  imageId: string | null;
  tags: string[];
  size: number | null;
  target: string | null;
  engine: string;
  digest?: string;
  /** The size report's figures (figuresMetadata). */
  report?: Record<string, unknown>;
  /** The tags already named an image built from the same inputs, so the engine did not run. */
  upToDate?: boolean;
}

/** A metadata file's JSON, null when it is missing or not JSON. */
export function readMetadata(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function writeMetadata(file: string, metadata: ImageMetadata): void {
  mkdirSync(dirname(file), { recursive: true });
  // a temporary file beside it, renamed: a failed write (full disk) leaves no partial file
  writeFileAtomic(file, JSON.stringify(metadata, null, 2) + '\n');
}
