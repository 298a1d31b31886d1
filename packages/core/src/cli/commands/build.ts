import { join, resolve } from 'node:path';
import { runBuild } from '../../engine';
import { BuildOptionsError, buildOptionsShape, parseBuildOptions } from '../../engine/options';
import { asFlagProblem, flagSpec, kebab, parseFlags } from '../flags';
import type { CliCommand } from '../registry';
import { oneDir } from './detect';

const spec = flagSpec(buildOptionsShape, {
  aliases: { tag: 'tags', label: 'labels', 'build-arg': 'buildArgs', secret: 'secrets', platform: 'platforms' },
  short: { t: 'tag', f: 'file' },
});

const optionFlags = Object.keys(buildOptionsShape).map((name) => `--${kebab(name)}`).join(' ');

export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'build an app\'s image with docker (BuildKit), buildx, podman or buildah',
  help: [
    'Usage: docker-ms build <dir> [--target <stage>] [--tag <image:tag>]... [options]',
    '',
    'Builds <dir>/Dockerfile with <dir> as context (change with --file / --context) and prints one summary line.',
    '  --engine auto|docker|buildx|podman|buildah   default auto: buildx, else a docker client that runs',
    '                                               BuildKit, else docker\'s legacy builder, else podman, buildah',
    '  --target <stage>       default runtime when the Dockerfile has it, else the last stage',
    '  -t, --tag <ref>        repeatable; default <dir name>:latest (local only; --push needs explicit tags)',
    '  --build-arg K=V, --label K=V, --secret id=x,src=file, --platform p   repeatable',
    '  --dry-run              print the exact command, run nothing',
    '  --metadata-file <path> write image id, tags, size, target (and digest when pushed) as JSON',
    `All options (also as --camelCase; booleans take --no-<name>): ${optionFlags}`,
  ].join('\n'),
  async run(args, io) {
    const { options, positionals } = parseFlags(args, spec, 'build');
    const dir = oneDir(positionals, 'build');
    const input = { context: dir, file: options.file ?? join(dir, 'Dockerfile'), name: undefined as string | undefined, ...options };
    if (!options.name) input.name = resolve(io.cwd, dir).split(/[\\/]/).pop() || undefined;
    try {
      parseBuildOptions(input);
    } catch (error) {
      if (!(error instanceof BuildOptionsError)) throw error;
      for (const problem of error.problems) io.err(asFlagProblem(problem, spec.kinds));
      return 2;
    }
    const result = await runBuild(input, { cwd: io.cwd, log: io.out });
    return result.success ? 0 : 1;
  },
};
