import { commands, registerCommand, type CliCommand } from './registry';

/**
 * Packages that add commands to `docker-ms` (`init` for Turborepo). Each also ships a `docker-ms` bin,
 * but npm links only one bin of that name (core's, when core is hoisted), so core looks them up from
 * the working folder when a command is unknown. A package adds the commands it exports as `cliCommands`.
 */
export const ADAPTER_PACKAGES = ['@docker-ms/turbo'];

/** Registers the adapters' commands not known yet; returns their names. A missing or broken adapter is skipped. */
export function loadAdapterCommands(cwd: string, packages: string[] = ADAPTER_PACKAGES): string[] {
  const added: string[] = [];
  for (const name of packages) {
    let exported: { cliCommands?: unknown } | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(require.resolve(name, { paths: [cwd] }));
    } catch {
      continue;
    }
    const list = Array.isArray(exported?.cliCommands) ? (exported.cliCommands as CliCommand[]) : [];
    for (const command of list) {
      if (typeof command?.name !== 'string' || typeof command.run !== 'function' || commands.has(command.name)) continue;
      registerCommand(command);
      added.push(command.name);
    }
  }
  return added;
}
