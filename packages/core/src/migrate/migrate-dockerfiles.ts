import { CATALOG_HISTORY, compareReleases, imageMovesBetween, type CatalogRelease } from '../catalog/history';
import { coreVersion, managedState, readManagedHeader } from '../managed/header';
import { bumpBaseImages, type FileOutcome } from './bump-base-images';

export interface MigrateFileResult extends FileOutcome {
  path: string;
}

export interface MigrateDockerfilesOptions {
  /** Release to migrate to; default the installed core's version. */
  to?: string;
  /** Treat every file as written by this release instead of the version in its header. */
  from?: string;
  history?: CatalogRelease[];
}

/**
 * Base-image moves for many Dockerfiles, each from the release named in its own header (or `from`) to
 * `to`: what `docker-ms migrate` runs for workspaces without Nx. Pure: texts in, outcomes out.
 */
export function migrateDockerfiles(files: Array<{ path: string; text: string }>, opts: MigrateDockerfilesOptions = {}): MigrateFileResult[] {
  const to = opts.to ?? coreVersion();
  const history = opts.history ?? CATALOG_HISTORY;
  return files.map(({ path, text }) => {
    const from = opts.from ?? readManagedHeader(text)?.version ?? '0.0.0';
    if (compareReleases(from, to) >= 0) {
      return { status: 'unchanged', reason: `written by ${from}, nothing newer to apply`, text, state: managedState(text), rewrites: [], notes: [], path };
    }
    return { ...bumpBaseImages(text, imageMovesBetween(from, to, history), { version: to }), path };
  });
}
