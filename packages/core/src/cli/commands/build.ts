import { join, resolve } from 'node:path';
import { BuildPlanError, planBuild, runBuild, type BuildPlan } from '../../engine';
import { BuildOptionsError, buildOptionsShape } from '../../engine/options';
import { sizeTable, type BuildFigures } from '../../engine/size-report';
import { colorEnabled, styler } from '../../text/style';
import { asFlagProblem, flagSpec, optionHelp, parseFlags } from '../flags';
import { UsageError, type CliIO } from '../io';
import type { CliCommand } from '../registry';
import { projectFolder } from './detect';

const spec = flagSpec(buildOptionsShape, {
  aliases: { tag: 'tags', label: 'labels', 'build-arg': 'buildArgs', secret: 'secrets', platform: 'platforms' },
  short: { t: 'tag', f: 'file' },
});

/** One folder's plan; bad options are a UsageError-like exit 2, a plan that does not fit the files exit 1. */
function planFor(dir: string, options: Record<string, unknown>, io: CliIO): BuildPlan | number {
  const input = { context: dir, file: options.file ?? join(dir, 'Dockerfile'), name: undefined as string | undefined, ...options };
  if (!options.name) input.name = resolve(io.cwd, dir).split(/[\\/]/).pop() || undefined;
  try {
    return planBuild(input, { cwd: io.cwd });
  } catch (error) {
    // the options do not fit the files (no Dockerfile, unknown stage, a metadata path it will not write): input, exit 2
    if (error instanceof BuildPlanError) {
      for (const problem of error.problems) io.err(asFlagProblem(problem, spec.kinds));
      return 2;
    }
    if (!(error instanceof BuildOptionsError)) throw error;
    for (const problem of error.problems) io.err(asFlagProblem(problem, spec.kinds));
    return 2;
  }
}

export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'build an app\'s image with docker (BuildKit), buildx, podman or buildah',
  help: [
    'Usage: docker-ms build <dir>... [--target <stage>] [--tag <image:tag>]... [options]',
    '',
    'Builds <dir>/Dockerfile with <dir> as context (change with --file / --context), then prints a size table:',
    'image, stage, size, runtime base, one-stage estimate, time, cached steps. Several folders build one after',
    'another and end with one table. Short forms: -t/--tag, -f; --build-arg, --label, --secret, --platform repeat.',
    '',
    'Options (also accepted as --camelCase; nx-container names such as --build-args, --cache-from work too):',
    ...optionHelp(buildOptionsShape),
  ].join('\n'),
  async run(args, io) {
    const { options, positionals } = parseFlags(args, spec, 'build');
    const dirs = positionals.length ? positionals : ['.'];
    if (dirs.length > 1 && (options.file || options.tags || options.name)) {
      throw new UsageError(`--file, --tag and --name name one image; build ${dirs.join(', ')} one at a time to set them`);
    }
    // every folder is planned (and checked) before anything builds
    const plans: BuildPlan[] = [];
    for (const dir of dirs) {
      projectFolder([dir], 'build', io.cwd);
      const plan = planFor(dir, options, io);
      if (typeof plan === 'number') return plan;
      plans.push(plan);
    }
    const color = colorEnabled(io.env ?? process.env, io.tty);
    const figures: BuildFigures[] = [];
    for (const plan of plans) {
      const result = await runBuild(plan, { log: io.out, tty: io.tty, color, sizeTable: plans.length === 1 });
      if (result.figures) figures.push(result.figures);
      if (!result.success) {
        if (figures.length) for (const line of sizeTable(figures, styler(color))) io.out(line);
        return 1;
      }
    }
    if (plans.length > 1) for (const line of sizeTable(figures, styler(color))) io.out(line);
    return 0;
  },
};
