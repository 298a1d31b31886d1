export { main } from './main';
export { registerCommand, commands as cliCommands } from './registry';
export type { CliCommand } from './registry';
export { processIO, UsageError } from './io';
export type { CliIO } from './io';
export { findWorkspaceRoot } from './workspace-root';
