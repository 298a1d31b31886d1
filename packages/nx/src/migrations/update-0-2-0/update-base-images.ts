import { formatFiles, logger, type Tree } from '@nx/devkit';
import { bumpBaseImages, coreVersion, imageMovesBetween, type ImageMove } from '@docker-ms/core';
import { findDockerfiles } from '../utils/dockerfiles';

/** Release this migration moves managed Dockerfiles from, and the one it moves them to. */
const FROM_RELEASE = '0.1.0';
const TO_RELEASE = '0.2.0';

export interface BaseImageReport {
  changed: string[];
  skipped: string[];
}

/**
 * Move FROM lines of every managed Dockerfile from old catalog defaults to the current ones (rules in
 * core's bumpBaseImages). Logs each file changed or skipped with its reason; writes only changed files.
 */
export function moveBaseImages(tree: Tree, moves: ImageMove[], version = coreVersion()): BaseImageReport {
  const report: BaseImageReport = { changed: [], skipped: [] };
  if (moves.length === 0) {
    logger.info('docker-ms: the base-image defaults did not move in this release; no Dockerfile to update.');
    return report;
  }
  for (const path of findDockerfiles(tree)) {
    const text = tree.read(path, 'utf-8') ?? '';
    const outcome = bumpBaseImages(text, moves, { version });
    if (outcome.status === 'changed') {
      tree.write(path, outcome.text);
      report.changed.push(`${path}: ${outcome.reason}`);
      logger.info(`docker-ms: updated ${path}: ${outcome.reason}`);
    } else if (outcome.status === 'skipped') {
      report.skipped.push(`${path}: ${outcome.reason}`);
      logger.info(`docker-ms: skipped ${path}: ${outcome.reason}`);
    }
  }
  return report;
}

export default async function updateBaseImages(tree: Tree): Promise<string[]> {
  const { changed, skipped } = moveBaseImages(tree, imageMovesBetween(FROM_RELEASE, TO_RELEASE));
  if (changed.length) await formatFiles(tree);
  return skipped.length
    ? [`docker-ms left ${skipped.length} Dockerfile(s) for you to review:`, ...skipped.map((s) => `  ${s}`)]
    : [];
}
