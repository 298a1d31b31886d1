import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import './commands';
import { declaredAdapters, loadAdapterCommand } from './adapters';
import { closestNames } from '../text';
import { DockerMsError } from '../errors';
import { CliIO, EXIT_CODES_HELP, exitCodeOf, processIO } from './io';
import { commands } from './registry';

function version(): string {
  try {
    return JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** Help lists every command this workspace has: core's and those its installed adapters declare (loaded for their summaries). */
function topHelp(cwd: string): string {
  const adapters = declaredAdapters(cwd);
  for (const name of adapters.flatMap((a) => a.commands)) if (!commands.has(name)) loadAdapterCommand(name, cwd, adapters);
  const width = Math.max(...[...commands.keys()].map((n) => n.length));
  return [
    'Usage: docker-ms <command> [options]',
    '',
    'Commands:',
    ...[...commands.values()].map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'docker-ms <command> --help shows a command\'s options.',
    '',
    ...EXIT_CODES_HELP,
  ].join('\n');
}

/** The `docker-ms` CLI. Returns the exit code: 0 ok, 1 a runtime failure, 2 bad usage or input (see exitCodeOf). */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(topHelp(io.cwd));
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    if (rest[0] && !commands.has(rest[0])) loadAdapterCommand(rest[0], io.cwd);
    const about = rest[0] && commands.get(rest[0]);
    io.out(about ? about.help : topHelp(io.cwd));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(version());
    return 0;
  }
  const adapters = commands.has(name) ? [] : declaredAdapters(io.cwd);
  if (!commands.has(name)) loadAdapterCommand(name, io.cwd, adapters);
  const command = commands.get(name);
  if (!command) {
    const known = [...new Set([...commands.keys(), ...adapters.flatMap((a) => a.commands)])];
    const close = closestNames(name, known);
    const hint = close.length > 0 ? `did you mean ${close.map((n) => `'${n}'`).join(' or ')}? ` : '';
    io.err(`unknown command '${name}'; ${hint}commands: ${known.join(', ')} (see docker-ms --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof DockerMsError) for (const problem of error.problems) io.err(problem);
    else io.err((error as Error).message ?? String(error));
    return exitCodeOf(error);
  }
}
