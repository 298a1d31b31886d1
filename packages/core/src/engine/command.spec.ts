import { buildCommand, formatCommand, redactCommand, redactor } from './command';
import { BuildOptionsError, parseBuildOptions } from './options';
import type { ResolvedEngine } from './resolve';

const engines: Record<string, ResolvedEngine> = {
  docker: { kind: 'docker', command: '/usr/bin/docker', version: '20.10.24', buildKit: true, description: '/usr/bin/docker 20.10.24', warnings: [] },
  legacy: { kind: 'docker', command: '/usr/local/bin/docker', version: '28.2.2', buildKit: false, description: '/usr/local/bin/docker 28.2.2 (legacy builder)', warnings: ['legacy!'] },
  buildx: { kind: 'buildx', command: '/usr/bin/docker', version: '28.2.2', buildKit: true, description: 'buildx', warnings: [] },
  podman: { kind: 'podman', command: '/usr/bin/podman', version: '4.3.1', buildKit: true, description: 'podman', warnings: [] },
  buildah: { kind: 'buildah', command: '/usr/bin/buildah', version: '1.28.2', buildKit: true, description: 'buildah', warnings: [] },
};

const opts = (input: Record<string, unknown> = {}) => parseBuildOptions({ file: 'apps/api/Dockerfile', target: 'runtime', tags: ['api:1'], ...input });
const argv = (input: Record<string, unknown>, engine: keyof typeof engines) => buildCommand(opts(input), engines[engine], {}).args;

function errors(input: Record<string, unknown>, engine: keyof typeof engines): string[] {
  try {
    buildCommand(opts(input), engines[engine], {});
  } catch (error) {
    if (error instanceof BuildOptionsError) return error.problems;
    throw error;
  }
  return [];
}

describe('buildCommand', () => {
  it('docker: docker build with DOCKER_BUILDKIT=1 on a copied env', () => {
    const base = { PATH: '/bin', HOME: '/root' };
    const cmd = buildCommand(opts(), engines.docker, base);
    expect(cmd.command).toBe('/usr/bin/docker');
    expect(cmd.args).toEqual(['build', '-f', 'apps/api/Dockerfile', '--target', 'runtime', '-t', 'api:1', '.']);
    expect(cmd.env).toEqual({ PATH: '/bin', HOME: '/root', DOCKER_BUILDKIT: '1' });
    expect(base).toEqual({ PATH: '/bin', HOME: '/root' });
    expect(cmd.warnings).toEqual([]);
    expect(cmd.pushes).toEqual([]);
  });

  it('does not touch process.env', () => {
    const before = process.env.DOCKER_BUILDKIT;
    const cmd = buildCommand(opts(), engines.legacy);
    expect(cmd.env.DOCKER_BUILDKIT).toBe('0');
    expect(process.env.DOCKER_BUILDKIT).toBe(before);
  });

  it('docker: every option in a fixed order', () => {
    expect(argv({
      tags: ['api:1', 'registry.local:5000/api:1'], buildArgs: { A: '1', B: 'two words' }, labels: { 'org.x': 'y' },
      secrets: ['id=npm,src=.npmrc', 'TOKEN'], platforms: ['linux/amd64'], cacheFrom: ['api:cache'], noCache: true, pull: true,
      quiet: true, context: 'apps/api',
    }, 'docker')).toEqual([
      'build', '-f', 'apps/api/Dockerfile', '--target', 'runtime', '-t', 'api:1', '-t', 'registry.local:5000/api:1',
      '--build-arg', 'A=1', '--build-arg', 'B=two words', '--label', 'org.x=y',
      '--secret', 'id=npm,src=.npmrc', '--secret', 'id=TOKEN,env=TOKEN', '--platform', 'linux/amd64',
      '--cache-from', 'api:cache', '--no-cache', '--pull', '--quiet', 'apps/api',
    ]);
  });

  it('docker: default file is <context>/Dockerfile and no --target when none is set', () => {
    expect(buildCommand(parseBuildOptions({ context: 'apps/web', tags: ['web:1'] }), engines.docker, {}).args)
      .toEqual(['build', '-f', 'apps/web/Dockerfile', '-t', 'web:1', 'apps/web']);
  });

  it('docker: push runs docker push per tag after the build', () => {
    const cmd = buildCommand(opts({ push: true, tags: ['r.io/a:1', 'r.io/a:2'] }), engines.docker, {});
    expect(cmd.args).not.toContain('--push');
    expect(cmd.pushes).toEqual([
      { command: '/usr/bin/docker', args: ['push', 'r.io/a:1'] },
      { command: '/usr/bin/docker', args: ['push', 'r.io/a:2'] },
    ]);
  });

  it('buildx: docker buildx build with builder, platforms, cache export, push and metadata file', () => {
    expect(argv({
      builder: 'remote', platforms: 'linux/amd64,linux/arm64', cacheFrom: ['type=registry,ref=r.io/a:cache'],
      cacheTo: ['type=registry,ref=r.io/a:cache,mode=max'], push: true, tags: ['r.io/a:1'], metadataFile: 'dist/docker/a/metadata.json',
    }, 'buildx')).toEqual([
      'buildx', 'build', '--builder', 'remote', '-f', 'apps/api/Dockerfile', '--target', 'runtime', '-t', 'r.io/a:1',
      '--platform', 'linux/amd64,linux/arm64', '--cache-from', 'type=registry,ref=r.io/a:cache',
      '--cache-to', 'type=registry,ref=r.io/a:cache,mode=max', '--push',
      '--metadata-file', 'dist/docker/a/metadata.buildx.json', '.',
    ]);
    expect(buildCommand(opts({ push: true }), engines.buildx, {}).pushes).toEqual([]);
  });

  it('buildx: loads into the local store unless pushing; load can be forced either way', () => {
    expect(argv({}, 'buildx')).toEqual(['buildx', 'build', '-f', 'apps/api/Dockerfile', '--target', 'runtime', '-t', 'api:1', '--load', '.']);
    expect(argv({ load: false }, 'buildx')).not.toContain('--load');
    expect(argv({ push: true, load: true }, 'buildx')).toEqual(expect.arrayContaining(['--push', '--load']));
    expect(buildCommand(opts(), engines.buildx, {}).env).not.toHaveProperty('DOCKER_BUILDKIT');
  });

  it('podman: podman build, --pull=always, cache repositories, push per tag', () => {
    const cmd = buildCommand(opts({ pull: true, cacheFrom: ['r.io/cache'], cacheTo: ['r.io/cache'], push: true, tags: ['r.io/a:1'] }), engines.podman, {});
    expect(cmd.args).toEqual([
      'build', '-f', 'apps/api/Dockerfile', '--target', 'runtime', '-t', 'r.io/a:1',
      '--cache-from', 'r.io/cache', '--cache-to', 'r.io/cache', '--pull=always', '.',
    ]);
    expect(cmd.pushes).toEqual([{ command: '/usr/bin/podman', args: ['push', 'r.io/a:1'] }]);
  });

  it('buildah: buildah bud --layers', () => {
    expect(argv({ noCache: true, labels: { a: 'b' } }, 'buildah')).toEqual([
      'bud', '--layers', '-f', 'apps/api/Dockerfile', '--target', 'runtime', '-t', 'api:1', '--label', 'a=b', '--no-cache', '.',
    ]);
  });

  it('passes the engine warnings on', () => {
    expect(buildCommand(opts(), engines.legacy, {}).warnings).toEqual(['legacy!']);
  });

  describe('options an engine cannot honour', () => {
    it('legacy docker: platforms, secrets, cacheTo, builder are errors naming the fix', () => {
      expect(errors({ platforms: ['linux/arm64'], secrets: ['TOKEN'], cacheTo: ['type=inline'], builder: 'b' }, 'legacy')).toEqual([
        'builder: only engine buildx can use a builder (engine is docker); pass engine buildx or remove builder',
        expect.stringMatching(/^platforms: the legacy builder cannot target a platform; install the buildx plugin/),
        expect.stringMatching(/^secrets: the legacy builder has no build secrets; install the buildx plugin/),
        expect.stringMatching(/^cacheTo: docker build cannot export a cache; pass engine buildx/),
      ]);
    });
    it('docker with BuildKit: several platforms and type= caches need buildx', () => {
      expect(errors({ platforms: ['linux/amd64', 'linux/arm64'], cacheFrom: ['type=gha'] }, 'docker')).toEqual([
        'platforms: engine docker builds one platform at a time (got linux/amd64, linux/arm64); pass engine buildx or a single platform',
        'cacheFrom: docker build takes image references only, not type=gha; pass engine buildx',
      ]);
      expect(errors({ platforms: ['linux/amd64'], secrets: ['TOKEN'] }, 'docker')).toEqual([]);
    });
    it('sbom and provenance: passed to buildx, one line on every other engine', () => {
      expect(argv({ sbom: true, provenance: 'max', push: true, tags: ['r.io/a:1'] }, 'buildx')).toEqual(expect.arrayContaining(['--sbom=true', '--provenance=mode=max']));
      expect(argv({}, 'buildx').join(' ')).not.toMatch(/sbom|provenance/);
      expect(errors({ sbom: true, provenance: 'min' }, 'docker')).toEqual([
        'sbom, provenance: attestations need engine buildx (engine is docker); install docker-buildx and pass engine buildx, or remove sbom and provenance',
      ]);
      expect(errors({ sbom: true }, 'legacy')).toContain('sbom: attestations need engine buildx (engine is docker, legacy builder); install docker-buildx and pass engine buildx, or remove sbom');
      expect(errors({ provenance: 'max' }, 'podman')).toEqual(['provenance: attestations need engine buildx (engine is podman); install docker-buildx and pass engine buildx, or remove provenance']);
    });
    it('podman/buildah: type= caches and builders are errors', () => {
      expect(errors({ cacheFrom: ['type=registry,ref=x'], builder: 'b' }, 'podman')).toEqual([
        'builder: only engine buildx can use a builder (engine is podman); pass engine buildx or remove builder',
        'cacheFrom/cacheTo: podman takes a repository (e.g. registry.example.com/team/app-cache), not type=registry,ref=x',
      ]);
      expect(errors({ cacheTo: ['type=local,dest=/tmp/c'] }, 'buildah')).toHaveLength(1);
    });
    it('push without tags is an error on every engine', () => {
      for (const engine of Object.keys(engines)) expect(errors({ push: true, tags: [] }, engine)).toContain('push: needs tags naming a registry (e.g. tags: ["registry.example.com/team/app:1.0"])');
    });
    it('load: false outside buildx is a warning, not silence', () => {
      expect(buildCommand(opts({ load: false }), engines.podman, {}).warnings).toEqual([
        'load: false has no effect with engine podman; the image always lands in its local store',
      ]);
    });
  });
});

describe('formatCommand', () => {
  it('quotes what a shell would split and prefixes env', () => {
    expect(formatCommand({ command: '/usr/bin/docker', args: ['build', '--label', 'A=two words', '--label', "it's", '.'] }, { DOCKER_BUILDKIT: '1' }))
      .toBe(`DOCKER_BUILDKIT=1 /usr/bin/docker build --label 'A=two words' --label 'it'\\''s' .`);
  });

  it('shows every build-arg value redacted (build arguments may carry tokens); secrets are ids and sources, never values', () => {
    const cmd = buildCommand(opts({ buildArgs: { NPM_TOKEN: 'npm_s3cr3t-canary', A: '1' }, secrets: ['id=npmrc,src=/home/me/.npmrc', 'GH_TOKEN'] }), engines.docker, {});
    expect(cmd.args).toContain('NPM_TOKEN=npm_s3cr3t-canary'); // the engine gets the value
    const shown = formatCommand(cmd);
    expect(shown).not.toContain('npm_s3cr3t-canary');
    expect(shown).toContain(`--build-arg 'NPM_TOKEN=<redacted>' --build-arg 'A=<redacted>'`);
    expect(shown).toContain('--secret id=npmrc,src=/home/me/.npmrc --secret id=GH_TOKEN,env=GH_TOKEN');
    expect(redactCommand(cmd).args.filter((a) => a.includes('canary'))).toEqual([]);
  });
});

describe('redactor', () => {
  it('replaces each value (longest first) in a line and leaves values under 4 characters alone', () => {
    const redact = redactor(['tok_12345', 'tok_12345678', '1', undefined, '']);
    expect(redact('auth tok_12345678 and tok_12345, step 1')).toBe('auth <redacted> and <redacted>, step 1');
    expect(redactor([])('unchanged')).toBe('unchanged');
  });
});
