import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** Debian's docker client: it runs BuildKit without the buildx plugin (ENVIRONMENT.md). */
export const DOCKER = '/usr/bin/docker';
export const IMAGE_REGISTRY = '127.0.0.1:5000';
export const NPM_REGISTRY_PORT = 4873;
export const NPM_REGISTRY = `http://127.0.0.1:${NPM_REGISTRY_PORT}/`;
export const E2E_VERSION = '0.0.0-e2e';
/** `.ci/run` sets it: then a missing engine or tool fails the run instead of skipping it. */
export const REQUIRED = process.env.DOCKER_MS_E2E === '1';
export const RESULTS_DIR = path.join(REPO_ROOT, 'e2e/.results');

/** What global-setup hands to the suites (they run in another module registry). */
export interface E2eState {
  available: boolean;
  reason?: string;
  /** Temp npmrc pointing at verdaccio, with a dummy token (never the user's ~/.npmrc). */
  npmrc?: string;
  tmpDir?: string;
  verdaccioPid?: number;
  forwarderPids?: number[];
  registryPort?: number;
  /** 127.0.0.1 for the host, then the docker bridge gateway (how image builds reach verdaccio). */
  registryHosts?: string[];
}

const STATE_FILE = path.join(RESULTS_DIR, 'state.json');

export function writeState(state: E2eState): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export function readState(): E2eState {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as E2eState;
  } catch {
    return { available: false, reason: 'global setup did not run' };
  }
}

/** describe when the harness is up, else describe.skip with the reason printed once (never when REQUIRED). */
export function describeE2e(name: string, fn: () => void): void {
  const state = readState();
  if (state.available) return describe(name, fn);
  console.warn(`e2e skipped: ${state.reason}`);
  describe.skip(name, fn);
}

export function log(message: string): void {
  process.stdout.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
