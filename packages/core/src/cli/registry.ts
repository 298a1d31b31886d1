import type { CliIO } from './io';

export interface CliCommand {
  name: string;
  /** One line for `docker-ms --help`. */
  summary: string;
  /** Full text for `docker-ms <name> --help`. */
  help: string;
  /** Returns the exit code: 0 ok, 1 failed, 2 bad usage (or throw UsageError). */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Every command `docker-ms` knows, by name: core's own (commands/), and an adapter's once adapters.ts loads the ones it declares. */
export const commands = new Map<string, CliCommand>();

export function registerCommand(command: CliCommand): void {
  commands.set(command.name, command);
}
