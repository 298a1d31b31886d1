// The engine layer's only process boundary: every docker/podman/buildah/git call goes through here,
// so unit tests mock this one module.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface RunResult {
  /** Exit code; -1 when the process could not start. */
  code: number;
  stdout: string;
  stderr: string;
  /** Set when the executable was not found (ENOENT). */
  notFound?: boolean;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Receives output as it arrives (the build streams through this). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** Hand our stdout/stderr to the child (its live terminal display); nothing is collected then. */
  inherit?: boolean;
}

/** Spawn an argv (never through a shell) and collect its output. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', options.inherit ? 'inherit' : 'pipe', options.inherit ? 'inherit' : 'pipe'] });
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      options.onOutput?.(chunk, 'stdout');
    });
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      options.onOutput?.(chunk, 'stderr');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ code: -1, stdout, stderr: stderr || error.message, notFound: error.code === 'ENOENT' });
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    const stat = statSync(path);
    // root passes access(X_OK) on any file; require an execute bit as well.
    return stat.isFile() && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Absolute path of an executable: `name` looked up on PATH, or an absolute path checked as is. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (isAbsolute(name)) return isExecutable(name) ? name : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}
