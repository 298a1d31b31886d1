import { existsSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { flatOptionsSchema, OptionsError } from '../../options';
import { generateDockerfile } from '../../render';
import { asFlagProblem, flagSpec, optionHelp, parseFlags } from '../flags';
import { UsageError } from '../io';
import type { CliCommand } from '../registry';
import { findWorkspaceRoot } from '../workspace-root';
import { languageFlag, oneDir } from './detect';

const OWN = { print: 'boolean', write: 'boolean', overwrite: 'boolean', workspaceRoot: 'string' } as const;
const spec = flagSpec(flatOptionsSchema.shape, { own: { ...OWN }, aliases: { label: 'labels' } });

export const dockerfileCommand: CliCommand = {
  name: 'dockerfile',
  summary: 'write (or print) a multi-stage Dockerfile and .dockerignore for an app',
  help: [
    'Usage: docker-ms dockerfile <dir> [--print | --write] [--overwrite] [--language <lang>] [options]',
    '',
    'Detects the app in <dir> and renders its Dockerfile. Options override what detection finds.',
    '  --print                print the Dockerfile and .dockerignore (the default)',
    '  --write                write <dir>/Dockerfile and <dir>/.dockerignore',
    '  --overwrite            replace existing files (without it, an existing Dockerfile is kept)',
    '  --workspace-root <dir> monorepo root (default: detected)',
    '',
    'Options (also accepted as --camelCase):',
    ...optionHelp(flatOptionsSchema.shape),
  ].join('\n'),
  async run(args, io) {
    const { options, positionals } = parseFlags(args, spec, 'dockerfile');
    const { print, write, overwrite, workspaceRoot: rootFlag, ...dockerfileOptions } = options;
    if (print && write) throw new UsageError('pass either --print or --write, not both');
    languageFlag(dockerfileOptions.language);
    const dir = resolve(io.cwd, oneDir(positionals, 'dockerfile'));
    const workspaceRoot = rootFlag ? resolve(io.cwd, String(rootFlag)) : findWorkspaceRoot(dir);
    let result: ReturnType<typeof generateDockerfile>;
    try {
      result = generateDockerfile({ workspaceRoot, projectRoot: dir, options: dockerfileOptions });
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error;
      for (const problem of error.problems) io.err(asFlagProblem(problem, spec.kinds));
      return 2;
    }
    if (!write) {
      io.out(result.dockerfile.trimEnd());
      io.out('');
      io.out('# --- .dockerignore ---');
      io.out(result.dockerignore.trimEnd());
      return 0;
    }
    const dockerfilePath = join(dir, 'Dockerfile');
    const ignorePath = join(dir, '.dockerignore');
    const shown = (p: string) => relative(io.cwd, p) || p;
    if (existsSync(dockerfilePath) && !overwrite) {
      io.err(`${shown(dockerfilePath)} exists; pass --overwrite to replace it (nothing written)`);
      return 1;
    }
    writeFileSync(dockerfilePath, result.dockerfile);
    io.out(`wrote ${shown(dockerfilePath)} (${result.detection.language}, ${result.options.packageManager})`);
    if (existsSync(ignorePath) && !overwrite) {
      io.out(`kept ${shown(ignorePath)} (pass --overwrite to replace it)`);
    } else {
      writeFileSync(ignorePath, result.dockerignore);
      io.out(`wrote ${shown(ignorePath)}`);
    }
    return 0;
  },
};
