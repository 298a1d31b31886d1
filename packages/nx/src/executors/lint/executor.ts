import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logger, type ExecutorContext } from '@nx/devkit';
import { assertWritableFile, formatLintResults, LintConfigError, lintDockerfileFile, lintExitCode, writeFileAtomic } from '@docker-ms/core';
import type { LintExecutorSchema } from './schema';

const FORMATS = ['text', 'json'];

/** `docker-ms:lint`: the same lint as `docker-ms lint`, for one Dockerfile of the project. */
export default async function lintExecutor(options: LintExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const projectName = context.projectName;
  const project = projectName ? context.projectsConfigurations?.projects[projectName] : undefined;
  const root = project?.root ?? '.';
  const file = options.file ?? (root === '.' || root === '' ? 'Dockerfile' : `${root}/Dockerfile`);
  const format = options.format ?? 'text';
  if (!FORMATS.includes(format)) {
    logger.error(`--format "${format}" is not supported; use text or json`);
    return { success: false };
  }
  let report: string;
  let exitCode: number;
  try {
    const result = lintDockerfileFile(file, { workspaceRoot: context.root, projectRoot: root, rules: options.rules });
    report = formatLintResults([result], format);
    exitCode = lintExitCode([result]);
  } catch (e) {
    if (!(e instanceof LintConfigError)) throw e;
    const hint = /no such Dockerfile/.test(e.message) ? '; pass --file with the Dockerfile to lint' : '; fix --rules';
    logger.error(`${e.message}${hint}`);
    return { success: false };
  }
  if (options.outputFile) {
    const out = join(context.root, options.outputFile);
    assertWritableFile(out, `--outputFile ${options.outputFile}`, context.root);
    mkdirSync(dirname(out), { recursive: true });
    writeFileAtomic(out, report + '\n');
  }
  // stdout in both formats, so `--format json` can be piped to a CI tool.
  logger.info(report);
  return { success: exitCode === 0 };
}
