import fs from 'node:fs';
import path from 'node:path';
import { assertWritableFile, writeFileAtomic } from '@docker-ms/core';

/** Refuses a path that is (or lies under) a link inside the workspace; throws UnsafePathError naming it. */
export function assertWritable(root: string, rel: string): void {
  assertWritableFile(path.join(root, rel), rel, root);
}

/** `rel` under the workspace root, written atomically and never through a link. */
export function writeWorkspaceFile(root: string, rel: string, text: string): void {
  assertWritable(root, rel);
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileAtomic(path.join(root, rel), text);
}
