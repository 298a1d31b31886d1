// `docker-ms:release-publish`: tag the image docker-build made with the release version and push it.
// Named `nx-release-publish`, `nx release publish` runs it; the version comes from `version`, else the
// versionScheme, whose {projectVersion} is what `nx release version` wrote into the project's package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger, type ExecutorContext, type PromiseExecutor } from '@nx/devkit';
import { headCommit, releaseImage } from '@docker-ms/core';
import type { ReleaseExecutorSchema } from './schema';

/** What `nx release publish` and `nx run` may pass besides our options: npm's publish flags and Nx's own. */
const NX_RELEASE_FLAGS = ['registry', 'tag', 'otp', 'access', 'firstRelease', 'skipNxCache', 'outputStyle', 'verbose', 'parallel', 'tui'];

function projectVersion(context: ExecutorContext, root: string): string | undefined {
  try {
    const version = JSON.parse(readFileSync(join(context.root, root, 'package.json'), 'utf8')).version;
    return typeof version === 'string' && version !== '0.0.0' ? version : undefined;
  } catch {
    return undefined;
  }
}

const releasePublishExecutor: PromiseExecutor<ReleaseExecutorSchema> = async (options, context) => {
  const root = (context.projectName && context.projectsConfigurations?.projects[context.projectName]?.root) || '.';
  // `nx release publish` hands on --dry-run as dryRun, its npm flags, and (from `nx release`) the version it just set
  const { nxReleaseVersionData, ...input } = options as Record<string, unknown>;
  for (const key of NX_RELEASE_FLAGS) delete input[key];
  const released = (nxReleaseVersionData as Record<string, { newVersion?: string | null }> | undefined)?.[context.projectName ?? '']?.newVersion;
  const result = await releaseImage(input, {
    name: options.image ? '' : (context.projectName ?? 'app'),
    facts: { projectVersion: released ?? projectVersion(context, root), commitSha: await headCommit(context.root), now: new Date() },
    log: (line) => logger.info(line),
  });
  return { success: result.success };
};

export default releasePublishExecutor;
