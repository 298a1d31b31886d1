import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectProject } from '../../detect';
import { LANGUAGES, type Language } from '../../types';
import { flagSpec, parseFlags } from '../flags';
import { UsageError } from '../io';
import { didYouMean } from '../../text';
import type { CliCommand } from '../registry';
import { workspaceRootFor } from '../workspace-root';

const spec = flagSpec({}, { own: { json: 'boolean', language: 'string', workspaceRoot: 'string' } });

export function languageFlag(value: unknown): Language | undefined {
  if (value === undefined) return undefined;
  if (!(LANGUAGES as readonly unknown[]).includes(value)) {
    throw new UsageError(`--language: must be one of ${LANGUAGES.join(', ')} (got ${JSON.stringify(value)}${didYouMean(value, LANGUAGES)})`);
  }
  return value as Language;
}

export function oneDir(positionals: string[], command: string): string {
  if (positionals.length > 1) throw new UsageError(`docker-ms ${command} takes one folder (got ${positionals.join(' ')})`);
  return positionals[0] ?? '.';
}

/** The one folder argument, absolute; "<dir>: no such folder" when it does not exist. */
export function projectFolder(positionals: string[], command: string, cwd: string): string {
  const given = oneDir(positionals, command);
  const dir = resolve(cwd, given);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${given}: no such folder`);
  }
  if (!isDir) throw new UsageError(`${given}: not a folder (docker-ms ${command} takes the app's folder)`);
  return dir;
}

export const detectCommand: CliCommand = {
  name: 'detect',
  summary: 'show the language, package manager, runtime version and entry of an app',
  help: [
    'Usage: docker-ms detect <dir> [--json] [--language <lang>] [--workspace-root <dir>]',
    '',
    'Detects the app in <dir> (default .) from its files and the workspace root\'s lockfiles.',
    '  --json                 print exactly the detection result as JSON',
    `  --language <lang>      skip language detection (${LANGUAGES.join(', ')})`,
    '  --workspace-root <dir> monorepo root (default: nearest folder with nx.json, turbo.json,',
    '                         pnpm-workspace.yaml, a package.json with workspaces, or .git)',
  ].join('\n'),
  async run(args, io) {
    const { options, positionals } = parseFlags(args, spec, 'detect');
    const dir = projectFolder(positionals, 'detect', io.cwd);
    const workspaceRoot = workspaceRootFor(options.workspaceRoot, io.cwd, dir);
    const detection = detectProject(dir, { workspaceRoot, language: languageFlag(options.language) });
    if (options.json) {
      io.out(JSON.stringify(detection, null, 2));
      return 0;
    }
    io.out(`language:       ${detection.language}`);
    io.out(`packageManager: ${detection.packageManager}`);
    io.out(`runtimeVersion: ${detection.runtimeVersion ?? '(not found; catalog default)'}`);
    io.out(`entry:          ${detection.entry ?? '(none)'}`);
    io.out('evidence:');
    for (const e of detection.evidence) io.out(`  - ${e}`);
    return 0;
  },
};
