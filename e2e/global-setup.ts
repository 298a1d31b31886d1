// Brings up everything the suites need, in order: services (docker engine, image registry,
// mmdebstrap, buildah), stand-in base images, built packages, verdaccio with our packages published.
// Without DOCKER_MS_E2E=1 a machine that cannot provide these skips the suites (with the reason);
// with it, any missing piece fails the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildStandins } from './standins/build';
import { REPO_ROOT, REQUIRED, RESULTS_DIR, log, writeState } from './support/env';
import { exec } from './support/exec';
import { bridgeGateway } from './support/docker';
import { INPUTS_LABEL } from '../packages/core/src/engine/up-to-date';
import { publishPackages, startRegistry } from './support/verdaccio';

async function servicesUp(): Promise<string | undefined> {
  const r = await exec('bash', [path.join(REPO_ROOT, 'scripts/services.sh'), 'up'], { allowFailure: true, timeout: 20 * 60_000 });
  process.stdout.write(r.output);
  return r.code === 0 ? undefined : `scripts/services.sh up failed (exit ${r.code}): ${r.output.trim().split('\n').pop()}`;
}

/**
 * Each run starts as on a fresh machine. Images an earlier run built carry the inputs label: a build with the
 * same inputs would be "up to date" and skip the engine. Cache mounts (npm, Yarn, cargo, Maven…) may hold our
 * own packages as an earlier run published them under the same e2e version, which Yarn rejects by checksum.
 */
async function removeEarlierBuilds(): Promise<void> {
  const ids = (await exec('docker', ['images', '-q', '--filter', `label=${INPUTS_LABEL}`])).output.split(/\s+/).filter(Boolean);
  const unique = [...new Set(ids)];
  if (unique.length) await exec('docker', ['rmi', '-f', ...unique], { allowFailure: true });
  await exec('docker', ['builder', 'prune', '-f', '--filter', 'type=exec.cachemount']);
  log(`removed ${unique.length} image(s) built by earlier runs (label ${INPUTS_LABEL}) and the build cache mounts`);
}

export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const problem = await servicesUp();
  if (problem) {
    if (REQUIRED) throw new Error(`DOCKER_MS_E2E=1: ${problem}`);
    writeState({ available: false, reason: `${problem} (set DOCKER_MS_E2E=1 to make this an error)` });
    return;
  }
  log(`services up (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
  await removeEarlierBuilds();

  let t = Date.now();
  // Every catalog default and seed ref plus what the examples detect to (other suites build on them too).
  buildStandins();
  log(`stand-in images ready (${((Date.now() - t) / 1000).toFixed(0)}s)`);

  t = Date.now();
  await exec('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, timeout: 10 * 60_000 });
  log(`packages built (${((Date.now() - t) / 1000).toFixed(0)}s)`);

  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-ms-e2e-'));
  const registry = await startRegistry(tmpDir, [bridgeGateway()]);
  // Teardown reads the pid from here even when publishing fails.
  writeState({ available: true, npmrc: registry.npmrc, tmpDir, verdaccioPid: registry.pid, forwarderPids: registry.forwarderPids, registryPort: registry.port, registryHosts: registry.hosts });
  await publishPackages(registry, tmpDir);
  log(`global setup done in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}
