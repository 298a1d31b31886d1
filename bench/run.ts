// `npm run bench`: builds what it needs (services, stand-in images, packages, verdaccio, synthetic Nx
// workspaces), measures P1–P6 next to their anchors in the same run, and writes docs/benchmarks.md.
// A script, not a test: CI does not run it. BENCH_ONLY=languages|nx runs one half (the other rows say so);
// BENCH_RUNS (default 5) and BENCH_PROJECTS (default 500) size P6 and P5.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildStandins } from '../e2e/standins/build';
import { DOCKER, REPO_ROOT, log, type E2eState } from '../e2e/support/env';
import { exec, execSync } from '../e2e/support/exec';
import { bridgeGateway } from '../e2e/support/docker';
import { publishPackages, startRegistry, stopRegistry } from '../e2e/support/verdaccio';
import { APPS, measureLanguage, type LanguageResult } from './languages';
import { measureNx, type NxResults } from './nx';
import { renderReport } from './report';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const P5_PROJECTS = Number(process.env.BENCH_PROJECTS ?? 500);

/** The raw figures of the last run; `BENCH_RENDER=1 npm run bench` rewrites docs/benchmarks.md from them alone. */
const RESULTS = path.join(REPO_ROOT, 'bench/.results/last.json');

async function main(): Promise<void> {
  if (process.env.BENCH_RENDER === '1') {
    fs.writeFileSync(path.join(REPO_ROOT, 'docs/benchmarks.md'), renderReport(JSON.parse(fs.readFileSync(RESULTS, 'utf8'))));
    return;
  }
  const t0 = Date.now();
  const only = process.env.BENCH_ONLY;
  const up = await exec('bash', [path.join(REPO_ROOT, 'scripts/services.sh'), 'up'], { allowFailure: true, timeout: 20 * 60_000 });
  if (up.code !== 0) throw new Error(`scripts/services.sh up failed:\n${up.output.slice(-2000)}`);
  buildStandins();
  await exec('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, timeout: 10 * 60_000 });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-ms-bench-'));
  log(`bench: working in ${workDir}`);

  const languages: LanguageResult[] = [];
  const failures: string[] = [];
  if (only !== 'nx') {
    for (const app of APPS) {
      try {
        languages.push(await measureLanguage(app, path.join(workDir, 'langs')));
      } catch (e) {
        failures.push(`${app.app}: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`);
        log(`bench ${app.app} failed: ${(e as Error).message}`);
      }
    }
  }

  let nx: NxResults | undefined;
  if (only !== 'languages') {
    const registry = await startRegistry(workDir, [bridgeGateway()]);
    try {
      await publishPackages(registry, workDir);
      const state: E2eState = { available: true, npmrc: registry.npmrc, tmpDir: workDir, registryPort: registry.port, registryHosts: registry.hosts };
      nx = await measureNx(state, workDir, { runs: RUNS, p5Projects: P5_PROJECTS });
    } catch (e) {
      failures.push(`nx workspaces: ${(e as Error).message.split('\n').slice(0, 6).join(' ')}`);
      log(`bench nx failed: ${(e as Error).message}`);
    } finally {
      stopRegistry([registry.pid, ...registry.forwarderPids]);
    }
  }

  const client = execSync(DOCKER, ['version', '-f', '{{.Client.Version}} client, {{.Server.Version}} engine']).stdout.trim();
  const input = { languages, nx, failures, runs: RUNS, client, minutes: (Date.now() - t0) / 60_000, cpus: os.cpus().length };
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, JSON.stringify(input, null, 2));
  const report = renderReport(input);
  const out = path.join(REPO_ROOT, 'docs/benchmarks.md');
  fs.writeFileSync(out, report);
  log(`bench: wrote ${out} in ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
  if (process.env.BENCH_KEEP !== '1') fs.rmSync(workDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
