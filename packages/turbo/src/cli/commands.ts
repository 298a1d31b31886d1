// The commands this package adds to `docker-ms`; its package.json "docker-ms" field names them and this module.
import { initCommand } from './init-command';

export const cliCommands = [initCommand];
