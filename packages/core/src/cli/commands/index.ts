import { registerCommand } from '../registry';
import { buildCommand } from './build';
import { detectCommand } from './detect';
import { dockerfileCommand } from './dockerfile';
import { lintCommand } from './lint';
import { migrateCommand } from './migrate';

export const BUILTIN_COMMANDS = [detectCommand, dockerfileCommand, buildCommand, lintCommand, migrateCommand];
for (const command of BUILTIN_COMMANDS) registerCommand(command);
