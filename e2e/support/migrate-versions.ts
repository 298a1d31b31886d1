/**
 * Versions the migrate e2e publishes: a workspace is set up with `old`, then migrated to `current`.
 * `current` must be the version of the newest entries in packages/nx/migrations.json (nx migrate runs
 * those with old < version <= current).
 */
export const DOCKER_MS_MIGRATION_VERSIONS = { old: '0.1.0', current: '0.2.0' } as const;
