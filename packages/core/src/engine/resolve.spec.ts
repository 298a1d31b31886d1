import { EngineProbe, resolveEngine } from './resolve';

interface FakeMachine {
  onPath?: Record<string, string>;
  /** client path → version ('' when it does not answer) */
  docker?: Record<string, { version: string; buildx?: boolean }>;
  podman?: string;
  buildah?: string;
}

function probe(machine: FakeMachine): EngineProbe & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    which(name) {
      if (name.startsWith('/')) return machine.docker?.[name] ? name : null;
      return machine.onPath?.[name] ?? null;
    },
    async run(command, args) {
      calls.push([command, ...args].join(' '));
      const client = machine.docker?.[command];
      if (client && args[0] === 'version') {
        // A down daemon still prints the client version, with exit 1.
        return { code: 1, stdout: client.version + '\n', stderr: 'Cannot connect to the Docker daemon' };
      }
      if (client && args[0] === 'buildx') return client.buildx ? { code: 0, stdout: 'github.com/docker/buildx v0.17.1', stderr: '' } : { code: 1, stdout: '', stderr: "docker: 'buildx' is not a docker command." };
      if (command.endsWith('podman') && machine.podman) return { code: 0, stdout: `podman version ${machine.podman}\n`, stderr: '' };
      if (command.endsWith('buildah') && machine.buildah) return { code: 0, stdout: `buildah version ${machine.buildah} (image-spec 1.1.0-rc2)\n`, stderr: '' };
      return { code: 127, stdout: '', stderr: 'not found' };
    },
  };
}

const THIS_MACHINE: FakeMachine = {
  onPath: { docker: '/usr/local/bin/docker', buildah: '/usr/bin/buildah' },
  docker: { '/usr/local/bin/docker': { version: '28.2.2' }, '/usr/bin/docker': { version: '20.10.24+dfsg1' } },
  buildah: '1.28.2',
};

describe('resolveEngine', () => {
  it('auto: skips a docker 28 client without buildx and picks Debian\'s 20.10 client with BuildKit, saying so', async () => {
    const engine = await resolveEngine('auto', probe(THIS_MACHINE));
    expect(engine).toMatchObject({ kind: 'docker', command: '/usr/bin/docker', version: '20.10.24+dfsg1', buildKit: true, warnings: [] });
    expect(engine.description).toBe(
      '/usr/bin/docker 20.10.24+dfsg1 (BuildKit via DOCKER_BUILDKIT=1); not /usr/local/bin/docker 28.2.2, which has no buildx plugin',
    );
  });

  it('auto: prefers buildx when a client has the plugin', async () => {
    const engine = await resolveEngine('auto', probe({ onPath: { docker: '/usr/local/bin/docker' }, docker: { '/usr/local/bin/docker': { version: '28.2.2', buildx: true } } }));
    expect(engine).toMatchObject({ kind: 'buildx', command: '/usr/local/bin/docker', buildKit: true });
  });

  it('auto: falls back to the legacy builder with a one-line warning naming the fix', async () => {
    const engine = await resolveEngine('auto', probe({ onPath: { docker: '/usr/local/bin/docker', buildah: '/usr/bin/buildah' }, docker: { '/usr/local/bin/docker': { version: '28.2.2' } }, buildah: '1.28.2' }));
    expect(engine).toMatchObject({ kind: 'docker', command: '/usr/local/bin/docker', buildKit: false });
    expect(engine.warnings).toHaveLength(1);
    expect(engine.warnings[0]).toMatch(/no buildx plugin, so this build uses the legacy builder .*install the buildx plugin .*\/usr\/bin\/docker/);
    expect(engine.warnings[0]).not.toContain('\n');
  });

  it.each(['auto', 'docker'] as const)('%s: DOCKER_BUILDKIT=0 in the environment asks for the legacy builder, as with docker build', async (requested) => {
    const engine = await resolveEngine(requested, probe({ ...THIS_MACHINE, docker: { ...THIS_MACHINE.docker, '/usr/local/bin/docker': { version: '28.2.2', buildx: true } } }), { DOCKER_BUILDKIT: '0' });
    expect(engine).toMatchObject({ kind: 'docker', command: '/usr/local/bin/docker', buildKit: false, warnings: [] });
    expect(engine.description).toContain('legacy builder: DOCKER_BUILDKIT=0');
    const bk = await resolveEngine(requested, probe(THIS_MACHINE), { DOCKER_BUILDKIT: '1' });
    expect(bk).toMatchObject({ command: '/usr/bin/docker', buildKit: true });
  });

  it('auto: podman, then buildah, when no docker client answers', async () => {
    expect(await resolveEngine('auto', probe({ onPath: { podman: '/usr/bin/podman', buildah: '/usr/bin/buildah' }, podman: '4.3.1', buildah: '1.28.2' })))
      .toMatchObject({ kind: 'podman', command: '/usr/bin/podman', version: '4.3.1' });
    expect(await resolveEngine('auto', probe({ onPath: { buildah: '/usr/bin/buildah' }, buildah: '1.28.2' })))
      .toMatchObject({ kind: 'buildah', command: '/usr/bin/buildah', version: '1.28.2', buildKit: true });
  });

  it('auto: one line when there is no engine at all', async () => {
    await expect(resolveEngine('auto', probe({}))).rejects.toThrow(
      'no container engine found (looked for docker on PATH and at /usr/bin/docker, podman, buildah); install docker.io, podman or buildah',
    );
  });

  it('docker: the same client choice, never podman', async () => {
    expect(await resolveEngine('docker', probe(THIS_MACHINE))).toMatchObject({ kind: 'docker', command: '/usr/bin/docker', buildKit: true });
    await expect(resolveEngine('docker', probe({ onPath: { buildah: '/usr/bin/buildah' }, buildah: '1' }))).rejects.toThrow(/^engine docker: no docker client found/);
  });

  it('buildx: an error listing the clients checked when none has the plugin', async () => {
    await expect(resolveEngine('buildx', probe(THIS_MACHINE))).rejects.toThrow(
      'engine buildx: no docker client has the buildx plugin (checked /usr/local/bin/docker 28.2.2 without buildx, /usr/bin/docker 20.10.24+dfsg1 without buildx); install docker-buildx or pass engine docker',
    );
  });

  it('podman / buildah: checked by name', async () => {
    expect(await resolveEngine('buildah', probe(THIS_MACHINE))).toMatchObject({ kind: 'buildah', command: '/usr/bin/buildah' });
    await expect(resolveEngine('podman', probe(THIS_MACHINE))).rejects.toThrow('engine podman: podman was not found on PATH; install it or pass engine auto');
  });

  it('probes each client once with docker version --format and buildx version', async () => {
    const p = probe(THIS_MACHINE);
    await resolveEngine('auto', p);
    expect(p.calls).toEqual([
      '/usr/local/bin/docker version --format {{.Client.Version}}',
      '/usr/local/bin/docker buildx version',
      '/usr/bin/docker version --format {{.Client.Version}}',
      '/usr/bin/docker buildx version',
    ]);
  });
});
