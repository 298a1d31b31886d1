import { readState } from './support/env';
import { stopRegistry } from './support/verdaccio';

/** Stops verdaccio (started by global-setup). The docker engine and image registry stay up for the next run. */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  stopRegistry([state.verdaccioPid, ...(state.forwarderPids ?? [])]);
}
