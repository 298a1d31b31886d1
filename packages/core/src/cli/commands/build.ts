import { join, resolve } from 'node:path';
import { BuildPlanError, planBuild, runBuild, type BuildPlan } from '../../engine';
import { BuildOptionsError, buildOptionsShape } from '../../engine/options';
import { asFlagProblem, flagSpec, optionHelp, parseFlags } from '../flags';
import type { CliCommand } from '../registry';
import { oneDir, projectFolder } from './detect';

const spec = flagSpec(buildOptionsShape, {
  aliases: { tag: 'tags', label: 'labels', 'build-arg': 'buildArgs', secret: 'secrets', platform: 'platforms' },
  short: { t: 'tag', f: 'file' },
});

export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'build an app\'s image with docker (BuildKit), buildx, podman or buildah',
  help: [
    'Usage: docker-ms build <dir> [--target <stage>] [--tag <image:tag>]... [options]',
    '',
    'Builds <dir>/Dockerfile with <dir> as context (change with --file / --context) and prints one summary line:',
    'image, tags, size, seconds. Short forms: -t/--tag, -f; --build-arg, --label, --secret, --platform repeat.',
    '',
    'Options (also accepted as --camelCase; nx-container names such as --build-args, --cache-from work too):',
    ...optionHelp(buildOptionsShape),
  ].join('\n'),
  async run(args, io) {
    const { options, positionals } = parseFlags(args, spec, 'build');
    const dir = oneDir(positionals, 'build');
    projectFolder(positionals, 'build', io.cwd);
    const input = { context: dir, file: options.file ?? join(dir, 'Dockerfile'), name: undefined as string | undefined, ...options };
    if (!options.name) input.name = resolve(io.cwd, dir).split(/[\\/]/).pop() || undefined;
    let plan: BuildPlan;
    try {
      plan = planBuild(input, { cwd: io.cwd });
    } catch (error) {
      // the options do not fit the files (no Dockerfile, unknown stage, a metadata path it will not write): input, exit 2
      if (error instanceof BuildPlanError) {
        for (const problem of error.problems) io.err(problem);
        return 2;
      }
      if (!(error instanceof BuildOptionsError)) throw error;
      for (const problem of error.problems) io.err(asFlagProblem(problem, spec.kinds));
      return 2;
    }
    const result = await runBuild(plan, { log: io.out });
    return result.success ? 0 : 1;
  },
};
