import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { formatLintResults, lintDockerfileFile, lintExitCode, type FileLintResult } from '../../lint';
import { flagSpec, parseFlags } from '../flags';
import { UsageError } from '../io';
import type { CliCommand } from '../registry';
import { workspaceRootFor } from '../workspace-root';

const spec = flagSpec({}, { own: { format: 'string', workspaceRoot: 'string' } });

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check Dockerfiles against docker-ms and Docker build-check rules',
  help: [
    'Usage: docker-ms lint <file>... [--format text|json] [--workspace-root <dir>]',
    '',
    'Prints `path:line rule message` per finding; exits 1 when any finding is an error.',
    '  --format text|json     default text',
  ].join('\n'),
  async run(args, io) {
    const { options, positionals } = parseFlags(args, spec, 'lint');
    const format = options.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format: must be text or json (got ${JSON.stringify(format)})`);
    if (positionals.length === 0) throw new UsageError('docker-ms lint needs a Dockerfile path (e.g. docker-ms lint apps/api/Dockerfile)');
    const results: FileLintResult[] = positionals.map((file) => {
      const absolute = resolve(io.cwd, file);
      if (!existsSync(absolute)) throw new UsageError(`${file}: no such file`);
      const workspaceRoot = workspaceRootFor(options.workspaceRoot, io.cwd, dirname(absolute));
      const inWorkspace = relative(workspaceRoot, absolute).split(/[\\/]/).join('/');
      return { ...lintDockerfileFile(inWorkspace, { workspaceRoot }), path: file };
    });
    io.out(formatLintResults(results, format));
    return lintExitCode(results);
  },
};
