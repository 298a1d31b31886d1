import fs from 'node:fs';
import path from 'node:path';
import { lstatOrNull, symlinkOnPath } from './links';
import { UnsafePathError } from './unsafe-path-error';

/**
 * Throws UnsafePathError when `file` (absolute) is a symbolic link, or an existing non-regular file (folder, FIFO,
 * device), or when a folder between `root` and it is a link. `shown` is how the path is named in the message.
 */
export function assertWritableFile(file: string, shown: string, root?: string): void {
  if (root !== undefined) {
    const rel = path.relative(root, file);
    const link = rel.startsWith('..') || path.isAbsolute(rel) ? null : symlinkOnPath(root, path.dirname(rel));
    if (link !== null) throw new UnsafePathError(`${shown}: ${link} is a symbolic link; docker-ms does not write through links (nothing written)`);
  }
  const stat = lstatOrNull(file);
  if (stat?.isSymbolicLink()) {
    throw new UnsafePathError(`${shown}: is a symbolic link; docker-ms does not write through links, remove it or write elsewhere (nothing written)`);
  }
  if (stat && !stat.isFile()) throw new UnsafePathError(`${shown}: exists and is not a regular file (nothing written)`);
}

/**
 * Writes `content` to `file` all at once: a temporary file in the same folder, flushed, then renamed over it. A failed
 * write (a full disk) leaves the old file, or no file, never a partial one; the temporary file is removed.
 * A link at `file` is replaced, never followed, but callers refuse links first (assertWritableFile).
 */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  const mode = lstatOrNull(file)?.isFile() ? lstatOrNull(file)!.mode & 0o777 : 0o666;
  let fd: number | null = fs.openSync(temp, 'wx', mode);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(temp, file);
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
