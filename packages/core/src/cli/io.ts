import { DockerMsError } from '../errors';

/** Where a command reads its working folder and writes its output; tests pass a capturing one. */
export interface CliIO {
  cwd: string;
  /** stdout is a terminal (live engine progress, colour). */
  tty?: boolean;
  env?: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

let pipeWatched = false;

/** `docker-ms … | head`: a reader that closes early ends the output quietly, as with any Unix tool. */
function exitQuietlyOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

export function processIO(): CliIO {
  exitQuietlyOnClosedPipe();
  return {
    cwd: process.cwd(),
    tty: process.stdout.isTTY === true,
    env: process.env,
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  };
}

/** Bad command-line input: printed as is, exit code 2. */
export class UsageError extends DockerMsError {}

/** The exit-code convention every command follows, as `docker-ms --help` prints it. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  done',
  '  1  a runtime failure: the build or a push failed, no container engine, lint found errors',
  '  2  bad usage or input: an unknown flag or option value, a missing folder or file, a manifest that does',
  '     not parse, a path docker-ms will not write (a symbolic link, a file it did not write)',
  'Every error line names the flag or the path at fault.',
];

/**
 * Errors about what the user gave (flags, options, project files, paths): exit code 2. Everything else (a build
 * that failed, no engine on the machine, an unexpected crash) is a runtime failure: exit code 1.
 */
const RUNTIME_ERRORS = new Set(['EngineError']);

export function exitCodeOf(error: unknown): 1 | 2 {
  return error instanceof DockerMsError && !RUNTIME_ERRORS.has(error.name) ? 2 : 1;
}
