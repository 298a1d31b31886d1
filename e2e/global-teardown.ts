import fs from 'node:fs';
import { readState } from './support/env';
import { stopRegistry } from './support/verdaccio';

/**
 * Stops verdaccio (started by global-setup) and removes the run's work folder (workspaces, image tarballs:
 * ~2 GB a run; DOCKER_MS_E2E_KEEP=1 keeps it for a look). The docker engine and image registry stay up.
 */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  stopRegistry([state.verdaccioPid, ...(state.forwarderPids ?? [])]);
  if (state.tmpDir && process.env.DOCKER_MS_E2E_KEEP !== '1') fs.rmSync(state.tmpDir, { recursive: true, force: true });
}
