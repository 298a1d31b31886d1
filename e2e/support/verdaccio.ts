// Local npm registry (verdaccio 6.8.0) for the packages under test: own config and storage in a
// temp folder, uplink to the real registry for everything else (nx, typescript, …).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { E2E_VERSION, REPO_ROOT, log } from './env';
import { exec, execSync } from './exec';

/** Our packages: served only from local storage, never proxied (an unrelated `docker-ms` may exist upstream). */
export const PACKAGES = [
  { dir: 'packages/core', name: '@docker-ms/core' },
  { dir: 'packages/nx', name: 'docker-ms' },
  { dir: 'packages/turbo', name: '@docker-ms/turbo' },
];

/** Scope served only to authenticated clients, never proxied (e2e/secret-canary.e2e.ts). */
export const PRIVATE_SCOPE = '@canary-private';

export interface Registry {
  pid: number;
  /** Forwarders from the extra hosts to 127.0.0.1 (verdaccio listens on one address only). */
  forwarderPids: number[];
  port: number;
  /** Addresses it listens on: 127.0.0.1 for the host, plus the docker bridge gateway for builds. */
  hosts: string[];
  npmrc: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function config(storage: string, listen: string): string {
  const local = (name: string) => `  '${name}':\n    access: $all\n    publish: $all\n    unpublish: $all\n`;
  return [
    `storage: ${storage}`,
    'auth:',
    '  htpasswd:',
    `    file: ${path.join(storage, 'htpasswd')}`,
    '    max_users: -1',
    'uplinks:',
    '  npmjs:',
    `    url: ${process.env.DOCKER_MS_E2E_UPLINK ?? 'https://registry.npmjs.org/'}`,
    '    timeout: 120s',
    '    maxage: 60m',
    'packages:',
    ...PACKAGES.map((p) => local(p.name)),
    // a private scope: reading needs a token (the secret-canary suite proves the npmrc secret reaches the install)
    `  '${PRIVATE_SCOPE}/*':\n    access: $authenticated\n    publish: $authenticated\n    unpublish: $authenticated\n`,
    "  '**':",
    '    access: $all',
    '    publish: $all',
    '    proxy: npmjs',
    'web:',
    '  enable: false',
    'server:',
    '  keepAliveTimeout: 60',
    'log: { type: stdout, format: pretty, level: warn }',
    `listen: ${listen}`,
    '',
  ].join('\n');
}

async function waitForPing(url: string, pid: number, logFile: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    try {
      process.kill(pid, 0);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within 60s; log ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
}

/** Starts verdaccio on a free port; `extraHosts` (the docker bridge gateway) lets image builds reach it. */
export async function startRegistry(tmpDir: string, extraHosts: string[] = []): Promise<Registry> {
  const port = await freePort();
  const hosts = ['127.0.0.1', ...extraHosts];
  const dir = path.join(tmpDir, 'verdaccio');
  fs.mkdirSync(path.join(dir, 'storage'), { recursive: true });
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(configFile, config(path.join(dir, 'storage'), `127.0.0.1:${port}`));
  const logFile = path.join(dir, 'verdaccio.log');
  const out = fs.openSync(logFile, 'a');
  const bin = path.join(REPO_ROOT, 'node_modules/verdaccio/bin/verdaccio');
  const child = spawn(process.execPath, [bin, '--config', configFile], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  fs.closeSync(out);
  const pid = child.pid as number;
  const url = `http://127.0.0.1:${port}/`;
  await waitForPing(url, pid, logFile);
  const forwarderPids: number[] = [];
  for (const host of extraHosts) {
    const fwd = spawn(process.execPath, [path.join(__dirname, 'tcp-forward.js'), host, String(port)], { detached: true, stdio: 'ignore' });
    fwd.unref();
    forwarderPids.push(fwd.pid as number);
    await waitForPing(`http://${host}:${port}/`, fwd.pid as number, logFile);
  }
  const npmrc = path.join(dir, 'npmrc');
  // A user config of our own: the user's ~/.npmrc is never read or written.
  fs.writeFileSync(
    npmrc,
    [
      `registry=${url}`,
      ...hosts.map((h) => `//${h}:${port}/:_authToken=e2e-dummy-token`),
      'audit=false',
      'fund=false',
      'update-notifier=false',
      'yes=false',
      '',
    ].join('\n'),
  );
  log(`verdaccio ${hosts.map((h) => `${h}:${port}`).join(', ')} (pid ${pid}, log ${logFile})`);
  return { pid, forwarderPids, port, hosts, npmrc };
}

/** Stops verdaccio and its forwarders (each started detached, so in its own process group). */
export function stopRegistry(pids: Array<number | undefined>): void {
  for (const pid of pids) {
    if (!pid) continue;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

/**
 * Publishes every package at `version` (default E2E_VERSION) from `npm pack` output (so `files`/`exports`
 * mistakes show), with internal dependencies pinned to it. The repository's package.json files are not touched.
 */
export async function publishPackages(
  registry: Pick<Registry, 'port' | 'npmrc'>,
  tmpDir: string,
  version = E2E_VERSION,
  tag = 'e2e',
): Promise<void> {
  const packs = path.join(tmpDir, 'packs');
  fs.mkdirSync(packs, { recursive: true });
  const env = { NPM_CONFIG_USERCONFIG: registry.npmrc };
  const names = new Set(PACKAGES.map((p) => p.name));
  for (const pkg of PACKAGES) {
    const json = execSync('npm', ['pack', '--json', '--pack-destination', packs], { cwd: path.join(REPO_ROOT, pkg.dir), env }).stdout;
    const tarball = path.join(packs, (JSON.parse(json) as Array<{ filename: string }>)[0].filename);
    const unpacked = path.join(packs, pkg.name.replace('/', '__'));
    fs.rmSync(unpacked, { recursive: true, force: true });
    fs.mkdirSync(unpacked);
    execSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
    const manifestFile = path.join(unpacked, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    manifest.version = version;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const dep of Object.keys(manifest[field] ?? {})) if (names.has(dep)) manifest[field][dep] = version;
    }
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    await exec('npm', ['publish', unpacked, '--tag', tag, '--registry', `http://127.0.0.1:${registry.port}/`], { env, timeout: 120_000 });
    log(`published ${pkg.name}@${version}`);
  }
}
