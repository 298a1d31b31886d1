// Docker measurements for the benchmarks: builds with BuildKit's plain progress (context bytes, cached
// steps, seconds), image sizes, and the files of an image's filesystem.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOCKER } from '../e2e/support/env';
import { exec, execSync } from '../e2e/support/exec';

/** Debian's 20.10 client with BuildKit for every build here, ours and the anchors' (ENVIRONMENT.md). */
export const BUILD_ENV = { DOCKER_BUILDKIT: '1', BUILDKIT_PROGRESS: 'plain' };

export interface Step {
  /** "[deps 2/3] RUN npm ci" as BuildKit prints it. */
  title: string;
  cached: boolean;
}

export interface BuildRun {
  seconds: number;
  /** Bytes BuildKit reported for "transferring context" (largest transfer of the build). */
  contextBytes: number;
  steps: Step[];
  output: string;
}

const UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/** BuildKit plain progress → context bytes and steps with their CACHED flag. */
export function parseProgress(output: string): { contextBytes: number; steps: Step[] } {
  let contextBytes = 0;
  for (const m of output.matchAll(/transferring context: ([\d.]+)([kKMG]?B)/g)) {
    contextBytes = Math.max(contextBytes, Number(m[1]) * UNITS[m[2]]);
  }
  const byId = new Map<string, Step>();
  for (const line of output.split('\n')) {
    const m = /^#(\d+) (\[.+)$/.exec(line);
    if (m && !byId.has(m[1])) byId.set(m[1], { title: m[2].trim(), cached: false });
    const c = /^#(\d+) CACHED/.exec(line);
    if (c && byId.has(c[1])) byId.get(c[1])!.cached = true;
  }
  return { contextBytes, steps: [...byId.values()].filter((s) => /^\[[^\]]*\d+\/\d+\]/.test(s.title)) };
}

export async function dockerBuild(opts: { context: string; file?: string; tag: string; target?: string; noCache?: boolean; cwd?: string }): Promise<BuildRun> {
  const args = ['build', '--progress=plain', '-t', opts.tag];
  if (opts.file) args.push('-f', opts.file);
  if (opts.target) args.push('--target', opts.target);
  if (opts.noCache) args.push('--no-cache');
  args.push(opts.context);
  const r = await exec(DOCKER, args, { cwd: opts.cwd, env: BUILD_ENV, timeout: 30 * 60_000 });
  return { seconds: r.seconds, output: r.output, ...parseProgress(r.output) };
}

export function imageBytes(ref: string): number {
  return Number(execSync(DOCKER, ['image', 'inspect', '-f', '{{.Size}}', ref]).stdout.trim());
}

/** Regular files of an image's filesystem (path → bytes), read from `docker export`. */
export function imageFiles(ref: string): Map<string, number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fs-'));
  const name = `bench-export-${process.pid}-${Date.now()}`;
  try {
    execSync(DOCKER, ['create', '--name', name, ref, 'none']);
    const tar = path.join(dir, 'fs.tar');
    execSync(DOCKER, ['export', '-o', tar, name]);
    const listing = execSync('tar', ['-tv', '--numeric-owner', '-f', tar]).stdout;
    const files = new Map<string, number>();
    for (const line of listing.split('\n')) {
      // -rw-r--r-- 0/0   1234 2024-01-01 00:00 path
      const m = /^-\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.+)$/.exec(line);
      if (m) files.set(m[2], Number(m[1]));
    }
    return files;
  } finally {
    execSync(DOCKER, ['rm', '-f', name], { allowFailure: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes of the files an image adds on top of its base image (new paths, or paths whose size changed). */
export function addedBytes(image: string, base: string): number {
  const baseFiles = imageFiles(base);
  let added = 0;
  for (const [file, size] of imageFiles(image)) if (baseFiles.get(file) !== size) added += size;
  return added;
}

/** Sum of file sizes under a folder of the host (what a build context would hold without filtering). */
export function treeBytes(root: string, files: string[]): number {
  return files.reduce((sum, f) => sum + fs.statSync(path.join(root, f)).size, 0);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
