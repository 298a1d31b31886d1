import fs from 'node:fs';
import path from 'node:path';
import type { E2eState } from './env';
import { publishPackages } from './verdaccio';

/**
 * Versions the migrate e2e publishes: a workspace is set up with `old`, then migrated to `current`.
 * `current` must be the version of the newest entries in packages/nx/migrations.json (nx migrate runs
 * those with old < version <= current).
 */
export const DOCKER_MS_MIGRATION_VERSIONS = { old: '0.1.0', current: '0.3.0' } as const;

/** Publishes every package at both versions, once per run (the migrate and Nx-majors suites both need them). */
export async function publishMigrationVersions(state: E2eState): Promise<void> {
  const registry = { port: state.registryPort as number, npmrc: state.npmrc as string };
  const packs = path.join(state.tmpDir as string, 'migrate-packs');
  const { old, current } = DOCKER_MS_MIGRATION_VERSIONS;
  for (const [version, tag] of [[old, 'migrate-old'], [current, 'migrate-new']]) {
    const marker = path.join(packs, `published-${version}`);
    if (fs.existsSync(marker)) continue;
    await publishPackages(registry, packs, version, tag);
    fs.writeFileSync(marker, '');
  }
}
