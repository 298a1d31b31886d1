import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectGraph } from '@nx/devkit';
import { assertWritableFile, writeFileAtomic } from '@docker-ms/core/build';
import { loadNxJsLockfileApi } from './nx-compat';

/**
 * The app's production package.json and lockfile, pruned from the workspace root's by Nx's own
 * `createPackageJson` / `createLockFile` (public exports of @nx/js), written to `<root>/<dir>`.
 */
export function writePrunedManifests(root: string, project: string, graph: ProjectGraph, dir: string): string[] {
  const nxJs = loadNxJsLockfileApi(root, dir);
  const packageManager = nxJs.detectPackageManager(root);
  const packageJson = nxJs.createPackageJson(project, graph, { root, isProduction: true });
  const lockFile = nxJs.createLockFile(packageJson, graph, packageManager);
  const lockName = nxJs.getLockFileName(packageManager);
  const targets = { 'package.json': JSON.stringify(packageJson, null, 2) + '\n', [lockName]: lockFile };
  // both refused before either is written: a link here would send the pruned files outside the workspace
  for (const name of Object.keys(targets)) assertWritableFile(join(root, dir, name), `${dir}/${name}`, root);
  mkdirSync(join(root, dir), { recursive: true });
  for (const [name, text] of Object.entries(targets)) writeFileAtomic(join(root, dir, name), text);
  return [`${dir}/package.json`, `${dir}/${lockName}`].filter((p) => existsSync(join(root, p)));
}
