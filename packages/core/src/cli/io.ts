import { DockerMsError } from '../errors';

/** Where a command reads its working folder and writes its output; tests pass a capturing one. */
export interface CliIO {
  cwd: string;
  out(line: string): void;
  err(line: string): void;
}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  };
}

/** Bad command-line input: printed as is, exit code 2. */
export class UsageError extends DockerMsError {}

/**
 * Errors about what the user gave (flags, options, project files, paths): exit code 2. Everything else (a build
 * that failed, no engine on the machine, an unexpected crash) is a runtime failure: exit code 1.
 */
const RUNTIME_ERRORS = new Set(['EngineError']);

export function exitCodeOf(error: unknown): 1 | 2 {
  return error instanceof DockerMsError && !RUNTIME_ERRORS.has(error.name) ? 2 : 1;
}
