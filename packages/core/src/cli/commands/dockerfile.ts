import { join, relative, sep } from 'node:path';
import { contextClosure, contextDockerignore } from '../../context';
import { nodeFileReader } from '../../detect';
import { flatOptionsSchema, OptionsError } from '../../options';
import { assertWritableFile, lstatOrNull, writeFileAtomic } from '../../files';
import { generateDockerfile } from '../../render';
import { pinBaseImages, pinChangeLines } from '../../engine/digests';
import { asFlagProblem, flagSpec, optionHelp, parseFlags } from '../flags';
import { UsageError } from '../io';
import type { CliCommand } from '../registry';
import { workspaceRootFor } from '../workspace-root';
import { languageFlag, projectFolder } from './detect';

const OWN = { print: 'boolean', write: 'boolean', overwrite: 'boolean', workspaceRoot: 'string' } as const;
const spec = flagSpec(flatOptionsSchema.shape, { own: { ...OWN }, aliases: { label: 'labels' } });

/** The app's closure in its build context (workspace-relative paths), with the app's own ignore rules inside it. */
function contextAllowlist(workspaceRoot: string, dir: string, context: string, result: ReturnType<typeof generateDockerfile>): string {
  const rel = (p: string) => relative(workspaceRoot, p).split(sep).join('/');
  const closure = contextClosure(nodeFileReader(workspaceRoot), { language: result.options.language, projectRoot: rel(dir), contextRoot: rel(context) });
  return contextDockerignore({ closure, exclude: result.dockerignore, label: rel(dir) || '.', language: result.options.language });
}

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
    const dir = projectFolder(positionals, 'dockerfile', io.cwd);
    const workspaceRoot = workspaceRootFor(rootFlag, io.cwd, dir);
    let result: ReturnType<typeof generateDockerfile>;
    try {
      result = generateDockerfile({ workspaceRoot, projectRoot: dir, options: dockerfileOptions });
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error;
      for (const problem of error.problems) io.err(asFlagProblem(problem, spec.kinds));
      return 2;
    }
    // a loopback bind the image cannot fix: said on stderr, so --print output stays a clean Dockerfile
    for (const warning of result.detection.listen.warnings) io.err(`warning: ${warning}`);
    if (result.options.pinDigests) {
      const pinned = await pinBaseImages(result.dockerfile, { env: io.env });
      if (pinned.problems.length) {
        for (const problem of pinned.problems) io.err(problem);
        return 1;
      }
      result = { ...result, dockerfile: pinned.text };
      for (const line of pinChangeLines(pinned)) io.err(line);
    }
    if (!write) {
      io.out(result.dockerfile.trimEnd());
      io.out('');
      io.out('# --- .dockerignore ---');
      io.out(result.dockerignore.trimEnd());
      return 0;
    }
    const dockerfilePath = join(dir, 'Dockerfile');
    const shown = (p: string) => relative(io.cwd, p) || p;
    // a Dockerfile that names the app by its path (a go.work workspace, --projectRoot) builds from the folder above
    // it: BuildKit then reads <Dockerfile>.dockerignore beside it, the allowlist of the app's closure in that context
    const projectRoot = result.options.projectRoot;
    const above = projectRoot !== '.' && dir.replace(/\\/g, '/').endsWith(`/${projectRoot}`) ? dir.slice(0, dir.length - projectRoot.length - 1) || '/' : null;
    // only a context inside the workspace gets an allowlist: nothing outside it is read
    const context = above !== null && !relative(workspaceRoot, above).startsWith('..') ? above : null;
    const ignorePath = join(dir, context === null ? '.dockerignore' : 'Dockerfile.dockerignore');
    const ignoreText = context === null ? result.dockerignore : contextAllowlist(workspaceRoot, dir, context, result);
    // lstat: a dangling link "exists" too, and is refused below rather than written through
    if (lstatOrNull(dockerfilePath) && !overwrite) {
      throw new UsageError(`${shown(dockerfilePath)} exists; pass --overwrite to replace it (nothing written)`);
    }
    const writeIgnore = overwrite || !lstatOrNull(ignorePath);
    // both targets are checked before either is written
    assertWritableFile(dockerfilePath, shown(dockerfilePath));
    if (writeIgnore) assertWritableFile(ignorePath, shown(ignorePath));
    writeFileAtomic(dockerfilePath, result.dockerfile);
    io.out(`wrote ${shown(dockerfilePath)} (${result.detection.language}, ${result.options.packageManager})`);
    const here = (p: string) => relative(io.cwd, p) || '.';
    if (above !== null) io.out(`its build context is ${here(above)}: docker-ms build ${shown(dir)} --context ${here(above)}`);
    if (writeIgnore) {
      writeFileAtomic(ignorePath, ignoreText);
      io.out(`wrote ${shown(ignorePath)}`);
    } else {
      io.out(`kept ${shown(ignorePath)} (pass --overwrite to replace it)`);
    }
    return 0;
  },
};
