import { DockerMsError } from '../errors';
import type { EngineName } from './options';
import { findExecutable, run } from './spawn';

export type EngineKind = Exclude<EngineName, 'auto'>;

export interface ResolvedEngine {
  kind: EngineKind;
  /** The client that runs: an absolute path when it was found. */
  command: string;
  version: string | null;
  /** Builds BuildKit-only syntax (RUN --mount, COPY --chmod). False only for docker's legacy builder. */
  buildKit: boolean;
  /** Which client runs and why, e.g. `/usr/bin/docker 20.10.24 (BuildKit via DOCKER_BUILDKIT=1)`. */
  description: string;
  warnings: string[];
}

export interface ProbeResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** What resolution may ask of the machine; tests pass a fake. */
export interface EngineProbe {
  which(name: string): string | null;
  run(command: string, args: string[]): Promise<ProbeResult>;
}

export const defaultProbe: EngineProbe = {
  which: (name) => findExecutable(name),
  run: (command, args) => run(command, args),
};

/** No usable engine, or one that cannot run this Dockerfile: one line naming the fix. */
export class EngineError extends DockerMsError {}

/** Debian's docker.io client: the one that runs BuildKit without the buildx plugin. */
export const DEBIAN_DOCKER = '/usr/bin/docker';

export const LEGACY_FIX =
  `install the buildx plugin (apt-get install docker-buildx, or docker-buildx-plugin from Docker's repository) or use Debian's docker.io client (${DEBIAN_DOCKER}, 20.10)`;

interface DockerClient {
  path: string;
  version: string;
  buildx: boolean;
}

const major = (version: string) => Number(version.split('.')[0]);

/** Docker clients from 23 on hand BuildKit builds to the buildx plugin; older ones run BuildKit themselves. */
const runsBuildKit = (c: DockerClient) => c.buildx || major(c.version) < 23;

function firstVersion(text: string): string | null {
  return text.match(/\d+\.\d+(?:\.\d+)?[^\s'"]*/)?.[0] ?? null;
}

/** Every docker client with its version and whether it has buildx, asked all at once (each ask starts a process). */
async function dockerClients(probe: EngineProbe): Promise<DockerClient[]> {
  const paths = [...new Set([probe.which('docker'), probe.which(DEBIAN_DOCKER)].filter((p): p is string => !!p))];
  const clients = await Promise.all(paths.map(async (path): Promise<DockerClient | null> => {
    // The client prints its own version even when the daemon is down (and then exits 1).
    const [{ stdout }, buildx] = await Promise.all([probe.run(path, ['version', '--format', '{{.Client.Version}}']), probe.run(path, ['buildx', 'version'])]);
    const version = firstVersion(stdout.split('\n')[0] ?? '');
    return version ? { path, version, buildx: buildx.code === 0 } : null;
  }));
  return clients.filter((c): c is DockerClient => c !== null);
}

const describeClient = (c: DockerClient) => `${c.path} ${c.version}`;

/** DOCKER_BUILDKIT=0 in the caller's environment asks for the legacy builder, as it does for `docker build`. */
const wantsLegacy = (env: NodeJS.ProcessEnv) => env.DOCKER_BUILDKIT === '0' || env.DOCKER_BUILDKIT === 'false';

function dockerEngine(clients: DockerClient[], env: NodeJS.ProcessEnv = {}): ResolvedEngine | null {
  if (wantsLegacy(env) && clients[0]) {
    const c = clients[0];
    return { kind: 'docker', command: c.path, version: c.version, buildKit: false, description: `${describeClient(c)} (legacy builder: DOCKER_BUILDKIT=0)`, warnings: [] };
  }
  const capable = clients.find(runsBuildKit);
  if (capable) {
    const skipped = clients.filter((c) => c !== capable && !runsBuildKit(c));
    return {
      kind: 'docker',
      command: capable.path,
      version: capable.version,
      buildKit: true,
      description: `${describeClient(capable)} (BuildKit${capable.buildx ? ', buildx plugin' : ' via DOCKER_BUILDKIT=1'})${
        skipped.length ? `; not ${skipped.map(describeClient).join(', ')}, which has no buildx plugin` : ''}`,
      warnings: [],
    };
  }
  const legacy = clients[0];
  if (!legacy) return null;
  return {
    kind: 'docker',
    command: legacy.path,
    version: legacy.version,
    buildKit: false,
    description: `${describeClient(legacy)} (legacy builder)`,
    warnings: [`docker ${describeClient(legacy)} has no buildx plugin, so this build uses the legacy builder (no cache mounts); ${LEGACY_FIX}`],
  };
}

function buildxEngine(clients: DockerClient[]): ResolvedEngine | null {
  const client = clients.find((c) => c.buildx);
  if (!client) return null;
  return { kind: 'buildx', command: client.path, version: client.version, buildKit: true, description: `${describeClient(client)} buildx`, warnings: [] };
}

async function toolEngine(kind: 'podman' | 'buildah', probe: EngineProbe): Promise<ResolvedEngine | null> {
  const path = probe.which(kind);
  if (!path) return null;
  const { code, stdout } = await probe.run(path, ['--version']);
  if (code !== 0) return null;
  const version = firstVersion(stdout);
  return { kind, command: path, version, buildKit: true, description: `${path} ${version ?? ''}`.trim(), warnings: [] };
}

function checkedClients(clients: DockerClient[]): string {
  return clients.length ? clients.map((c) => `${describeClient(c)}${c.buildx ? '' : ' without buildx'}`).join(', ') : `no docker client on PATH or at ${DEBIAN_DOCKER}`;
}

/**
 * Pick the engine and the exact client that runs it. `auto`: buildx when a docker client has the plugin,
 * else a docker client that runs BuildKit itself (< 23), else a docker client on the legacy builder (with a
 * warning naming the fix), else podman, else buildah. Throws EngineError (one line) when the requested engine is not there.
 */
export async function resolveEngine(
  requested: EngineName = 'auto',
  probe: EngineProbe = defaultProbe,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedEngine> {
  if (requested === 'podman' || requested === 'buildah') {
    const engine = await toolEngine(requested, probe);
    if (!engine) throw new EngineError(`engine ${requested}: ${requested} was not found on PATH; install it or pass engine auto`);
    return engine;
  }
  const clients = await dockerClients(probe);
  if (requested === 'buildx') {
    const engine = buildxEngine(clients);
    if (!engine) throw new EngineError(`engine buildx: no docker client has the buildx plugin (checked ${checkedClients(clients)}); install docker-buildx or pass engine docker`);
    return engine;
  }
  if (requested === 'docker') {
    const engine = dockerEngine(clients, env);
    if (!engine) throw new EngineError(`engine docker: no docker client found on PATH or at ${DEBIAN_DOCKER}; install docker.io or pass engine auto`);
    return engine;
  }
  // A docker client wins over podman/buildah even on the legacy builder: its images land where docker users look.
  const docker = (wantsLegacy(env) ? null : buildxEngine(clients)) ?? dockerEngine(clients, env);
  if (docker) return docker;
  const other = (await toolEngine('podman', probe)) ?? (await toolEngine('buildah', probe));
  if (other) return other;
  throw new EngineError(`no container engine found (looked for docker on PATH and at ${DEBIAN_DOCKER}, podman, buildah); install docker.io, podman or buildah`);
}
