import path from 'node:path';
import { findWorkspaceRoot, UsageError, type CliCommand } from '@docker-ms/core';
import { formatChange } from '../dockerfile/changes';
import { initTurboWorkspace } from '../init/init';
import { WorkspaceError } from '../workspace/packages';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'set up a Turborepo workspace: turbo gen generator, turbo.json docker-build task, docker-build scripts',
  help: [
    'Usage: docker-ms init [workspace-root]',
    '',
    'In a Turborepo workspace (default: the one containing the current folder):',
    '  - turbo/generators/config.js loading @docker-ms/turbo, unless a generators config exists',
    '    (then it names the line to add), so `turbo gen docker-ms-dockerfile --args <app>` works;',
    '  - a "docker-build" task in turbo.json (cache: false, dependsOn ^build, docker/registry env passed through);',
    '  - a "docker-build" script (docker-ms build .) in every package that has a Dockerfile.',
    'Running it again changes nothing; files and entries you wrote are never replaced.',
  ].join('\n'),
  async run(args, io) {
    const flags = args.filter((a) => a.startsWith('-'));
    if (flags.length) throw new UsageError(`unknown option ${flags[0]} for docker-ms init (see docker-ms init --help)`);
    if (args.length > 1) throw new UsageError(`docker-ms init takes one folder at most (got ${args.join(' ')})`);
    const root = args[0] ? path.resolve(io.cwd, args[0]) : findWorkspaceRoot(io.cwd);
    let changes;
    try {
      changes = initTurboWorkspace(root);
    } catch (error) {
      if (error instanceof WorkspaceError) {
        io.err(error.message);
        return 2;
      }
      throw error;
    }
    for (const change of changes) io.out(formatChange(change));
    // a file docker-ms could not parse is an input problem: exit 2, like every other command
    return changes.some((c) => c.status === 'skipped' && c.note?.startsWith('could not parse')) ? 2 : 0;
  },
};
