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
