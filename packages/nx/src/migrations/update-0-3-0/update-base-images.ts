import { formatFiles, type Tree } from '@nx/devkit';
import { imageMovesBetween } from '@docker-ms/core';
import { moveBaseImages } from '../update-0-2-0/update-base-images';

/** Release this migration moves managed Dockerfiles from, and the one it moves them to. */
const FROM_RELEASE = '0.2.0';
const TO_RELEASE = '0.3.0';

/** Debian 13 base images; end-of-life lines (go 1.22, rust 1.83) move to the new defaults (core's CATALOG_HISTORY). */
export default async function updateBaseImages(tree: Tree): Promise<string[]> {
  const { changed, skipped } = moveBaseImages(tree, imageMovesBetween(FROM_RELEASE, TO_RELEASE), TO_RELEASE);
  if (changed.length) await formatFiles(tree);
  return skipped.length
    ? [`docker-ms left ${skipped.length} Dockerfile(s) for you to review:`, ...skipped.map((s) => `  ${s}`)]
    : [];
}
