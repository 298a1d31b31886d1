import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectBuilder, platformProblem } from './builder';
import { buildImage } from './run-build';
import * as spawn from './spawn';

jest.mock('./spawn');
const run = jest.mocked(spawn.run);
const findExecutable = jest.mocked(spawn.findExecutable);

// `docker buildx inspect` of buildx 0.13.1 on a Docker engine without the containerd image store (this project's CI)
const DOCKER_DRIVER = `Name:   default
Driver: docker

Nodes:
Name:             default
Endpoint:         default
Status:           running
BuildKit version: v0.8+unknown
Platforms:        linux/amd64, linux/386
`;
const CONTAINER_DRIVER = `Name:          multi
Driver:        docker-container
Last Activity: 2026-12-01 10:00:00 +0000 UTC

Nodes:
Name:      multi0
Endpoint:  unix:///var/run/docker.sock
Status:    running
Platforms: linux/amd64*, linux/arm64, linux/arm/v7
`;

let calls: string[][];
function machine(inspect: string, driverStatus = '[["Backing Filesystem","extfs"]]') {
  calls = [];
  findExecutable.mockImplementation((name) => (name.endsWith('docker') ? '/usr/bin/docker' : null));
  run.mockImplementation(async (_command, args) => {
    calls.push(args);
    if (args[0] === 'version') return { code: 0, stdout: '20.10.24\n', stderr: '' };
    if (args[0] === 'buildx' && args[1] === 'version') return { code: 0, stdout: 'github.com/docker/buildx 0.13.1\n', stderr: '' };
    if (args[0] === 'buildx' && args[1] === 'inspect') return { code: 0, stdout: inspect, stderr: '' };
    if (args[0] === 'info') return { code: 0, stdout: driverStatus, stderr: '' };
    if (args[0] === 'buildx' && args[1] === 'build') return { code: 0, stdout: '', stderr: '' };
    if (args[0] === 'image') return { code: 0, stdout: 'sha256:0123456789abcdef0123 1234 []\n', stderr: '' };
    return { code: 0, stdout: '', stderr: '' };
  });
}

const probe = { which: () => '/usr/bin/docker', run: (command: string, args: string[]) => spawn.run(command, args) };
const engine = { kind: 'buildx' as const, command: '/usr/bin/docker', version: '20.10.24', buildKit: true, description: '', warnings: [] };

describe('inspectBuilder + platformProblem', () => {
  it("reads the docker driver's platforms and the engine's image store", async () => {
    machine(DOCKER_DRIVER);
    expect(await inspectBuilder(engine, undefined, probe)).toEqual({ name: 'default', driver: 'docker', platforms: ['linux/amd64', 'linux/386'], containerdStore: false });
    machine(DOCKER_DRIVER, '[["driver-type","io.containerd.snapshotter.v1"]]');
    expect((await inspectBuilder(engine, undefined, probe))?.containerdStore).toBe(true);
    machine(CONTAINER_DRIVER);
    expect(await inspectBuilder(engine, 'multi', probe)).toEqual({ name: 'multi', driver: 'docker-container', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], containerdStore: false });
    expect(calls[0]).toEqual(['buildx', 'inspect', 'multi']);
  });

  it('several platforms on the docker driver need the containerd image store', () => {
    const facts = { name: 'default', driver: 'docker', platforms: ['linux/amd64', 'linux/386'], containerdStore: false };
    expect(platformProblem(['linux/amd64', 'linux/386'], facts)).toBe(
      'platforms: builder default (docker driver) builds several platforms (linux/amd64, linux/386) only when the docker engine uses the containerd image store, which this one does not; create a docker-container builder (docker buildx create --use --driver docker-container, then pass builder) or turn on the containerd image store, or pass one platform',
    );
    expect(platformProblem(['linux/amd64', 'linux/386'], { ...facts, containerdStore: true })).toBeNull();
    expect(platformProblem(['linux/amd64'], facts)).toBeNull();
  });

  it('a platform the builder has no emulator for is named', () => {
    const facts = { name: 'multi', driver: 'docker-container', platforms: ['linux/amd64', 'linux/arm64/v8'], containerdStore: false };
    expect(platformProblem(['linux/amd64', 'linux/arm64'], facts)).toBeNull();
    expect(platformProblem(['linux/amd64', 'linux/s390x'], facts)).toMatch(/^platforms: builder multi \(docker-container driver\) cannot build linux\/s390x \(it builds linux\/amd64, linux\/arm64\/v8\); register QEMU emulators/);
  });
});

describe('a build naming platforms with engine buildx', () => {
  it('is refused in one line before the engine runs when the builder cannot build them', async () => {
    machine(DOCKER_DRIVER);
    const root = mkdtempSync(join(tmpdir(), 'docker-ms-platforms-'));
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app/Dockerfile'), 'FROM golang:1.26-trixie AS runtime\nUSER 65532\n');
    const lines: string[] = [];
    const result = await buildImage({ context: 'app', engine: 'buildx', platforms: 'linux/amd64,linux/arm64', push: true, tags: ['127.0.0.1:5000/app:1'] }, { cwd: root, log: (l) => lines.push(l) });
    expect(result.success).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/^platforms: builder default \(docker driver\) builds several platforms \(linux\/amd64, linux\/arm64\) only when/)]);
    expect(calls.some((args) => args[1] === 'build')).toBe(false);
  });

  it('goes ahead when the builder builds them', async () => {
    machine(CONTAINER_DRIVER);
    const root = mkdtempSync(join(tmpdir(), 'docker-ms-platforms-'));
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app/Dockerfile'), 'FROM golang:1.26-trixie AS runtime\nUSER 65532\n');
    const result = await buildImage({ context: 'app', engine: 'buildx', builder: 'multi', platforms: ['linux/amd64', 'linux/arm64'], push: true, tags: ['127.0.0.1:5000/app:1'], gitLabels: false }, { cwd: root, log: () => undefined });
    expect(result.success).toBe(true);
    expect(calls.find((args) => args[1] === 'build')).toEqual(expect.arrayContaining(['--builder', 'multi', '--platform', 'linux/amd64,linux/arm64', '--push']));
  });
});
