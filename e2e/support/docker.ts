import os from 'node:os';
import { DOCKER, log } from './env';
import { exec, execSync } from './exec';

export function imageExists(ref: string): boolean {
  return execSync(DOCKER, ['image', 'inspect', ref], { allowFailure: true }).code === 0;
}

export function imageSize(ref: string): number {
  return Number(execSync(DOCKER, ['image', 'inspect', '-f', '{{.Size}}', ref]).stdout.trim());
}

export function imageUser(ref: string): string {
  return execSync(DOCKER, ['image', 'inspect', '-f', '{{.Config.User}}', ref]).stdout.trim();
}

/** True for a user that is neither empty, root nor uid 0 (with or without a group). */
export function isNonRoot(user: string): boolean {
  const name = user.split(':')[0];
  return name !== '' && name !== 'root' && name !== '0';
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export interface AnswerCheck {
  status: number;
  body: string;
}

/** The one port the image EXPOSEs (`docker image inspect` .Config.ExposedPorts); throws when there is not exactly one. */
export function exposedPort(ref: string): number {
  const raw = execSync(DOCKER, ['image', 'inspect', '-f', '{{json .Config.ExposedPorts}}', ref]).stdout.trim();
  const ports = Object.keys(raw === 'null' ? {} : (JSON.parse(raw) as Record<string, unknown>)).map((p) => Number(p.split('/')[0]));
  if (ports.length !== 1) throw new Error(`${ref} EXPOSEs ${ports.length ? ports.join(', ') : 'no port'}; expected exactly one`);
  return ports[0];
}

/**
 * Runs the image with the app's port published on 127.0.0.1 only, waits (bounded) until GET /
 * answers through 127.0.0.1, and removes the container. Throws with the container log on failure.
 * `env: null` runs the image as it is: no -e at all (what a user does with `docker run -p`).
 */
export async function runAndGet(image: string, containerPort: number, hostPort: number, env: Record<string, string> | null = {}, urlPath = '/'): Promise<AnswerCheck> {
  const name = `docker-ms-e2e-${hostPort}-${Date.now()}`;
  const envArgs = env === null ? [] : Object.entries({ PORT: String(containerPort), ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  await exec(DOCKER, ['run', '-d', '--name', name, '-p', `127.0.0.1:${hostPort}:${containerPort}`, ...envArgs, image], { timeout: 60_000 });
  try {
    const url = `http://127.0.0.1:${hostPort}${urlPath}`;
    const deadline = Date.now() + 90_000;
    let last = '';
    for (let attempt = 0; attempt < 180 && Date.now() < deadline; attempt++) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
        const body = await res.text();
        log(`${image}: GET ${url} → ${res.status} ${body.trim().slice(0, 160)}`);
        return { status: res.status, body };
      } catch (e) {
        last = (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message;
      }
      const state = execSync(DOCKER, ['inspect', '-f', '{{.State.Running}}', name], { allowFailure: true }).stdout.trim();
      if (state === 'false') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const logs = execSync(DOCKER, ['logs', '--tail', '50', name], { allowFailure: true }).output;
    throw new Error(`${image} did not answer GET ${url} (last error: ${last})\ncontainer log:\n${logs}`);
  } finally {
    execSync(DOCKER, ['rm', '-f', name], { allowFailure: true });
  }
}

/** The host's address on docker's default bridge: what a build container reaches the host through. */
export function bridgeGateway(): string {
  // Node lists docker0 only while a container is attached (libuv skips interfaces without carrier).
  const docker0 = os.networkInterfaces().docker0?.find((a) => a.family === 'IPv4');
  if (docker0) return docker0.address;
  // IPAM names the gateway only when it was configured; otherwise dockerd gives the bridge the subnet's first address.
  const format = '{{range .IPAM.Config}}{{.Gateway}}|{{.Subnet}}{{end}}';
  const [gateway, subnet] = execSync(DOCKER, ['network', 'inspect', 'bridge', '-f', format]).stdout.trim().split('|');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(gateway ?? '')) return gateway;
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+$/.exec(subnet ?? '');
  if (!m) throw new Error(`cannot find the docker bridge gateway (bridge network: gateway "${gateway}", subnet "${subnet}")`);
  return `${m[1]}.${m[2]}.${m[3]}.${Number(m[4]) + 1}`;
}

export { freePort } from './verdaccio';
