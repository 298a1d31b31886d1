import { mkdtempSync, mkdirSync, readdirSync, readFileSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage } from './run-build';
import * as spawn from './spawn';

jest.mock('./spawn');
const run = jest.mocked(spawn.run);
const findExecutable = jest.mocked(spawn.findExecutable);

const DOCKERFILE = [
  'FROM node:22-bookworm-slim AS build',
  'RUN --mount=type=cache,target=/root/.npm npm ci',
  'FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime',
  'COPY --from=build /app /app',
  'USER 65532',
  'CMD ["/app/main.js"]',
].join('\n');
const LEGACY_DOCKERFILE = DOCKERFILE.replace('--mount=type=cache,target=/root/.npm ', '');

interface Machine {
  clients: Record<string, string>;
  git?: boolean;
  build?: spawn.RunResult;
}

let calls: string[][];
function machine({ clients, git = true, build = { code: 0, stdout: '#1 done\n', stderr: 'step 2\n' } }: Machine) {
  calls = [];
  findExecutable.mockImplementation((name) => {
    if (name === 'docker') return Object.keys(clients)[0] ?? null;
    return name in clients ? name : null;
  });
  run.mockImplementation(async (command, args, options) => {
    calls.push([command, ...args]);
    if (command === 'git') {
      if (!git) return { code: 128, stdout: '', stderr: 'fatal: not a git repository' };
      if (args[0] === 'config') return { code: 0, stdout: 'git@github.com:team/shop.git\n', stderr: '' };
      if (args[0] === 'log' && args[2] === '--format=%H %cI') return { code: 0, stdout: 'abc123 2026-11-01T10:00:00+00:00\n', stderr: '' };
    }
    if (args[0] === 'version') return { code: 0, stdout: `${clients[command]}\n`, stderr: '' };
    if (args[0] === 'buildx') return { code: 1, stdout: '', stderr: 'not a docker command' };
    if (args[0] === 'build') {
      options?.onOutput?.(build.stdout, 'stdout');
      options?.onOutput?.(build.stderr, 'stderr');
      return build;
    }
    if (args[0] === 'image') return { code: 0, stdout: 'sha256:0123456789abcdef0123 123456789 []\n', stderr: '' };
    if (args[0] === 'push') return { code: 0, stdout: 'pushed\n', stderr: '' };
    return { code: 127, stdout: '', stderr: 'unexpected' };
  });
}

/** The inputs-hash label every build carries (tested in up-to-date.spec.ts), left out of command comparisons. */
const withoutInputsLabel = (line: string) => line.replace(/ --label dev\.docker-ms\.inputs=[0-9a-f]{32}/, '');

function workspace(dockerfile = DOCKERFILE) {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-build-'));
  mkdirSync(join(root, 'apps/api'), { recursive: true });
  writeFileSync(join(root, 'apps/api/Dockerfile'), dockerfile);
  return root;
}

const THIS_MACHINE = { '/usr/local/bin/docker': '28.2.2', '/usr/bin/docker': '20.10.24+dfsg1' };

describe('buildImage (planBuild + runBuild)', () => {
  let lines: string[];
  const log = (line: string) => lines.push(line);
  beforeEach(() => {
    lines = [];
    jest.clearAllMocks();
  });

  it('builds with the BuildKit-capable client, streams output, inspects, summarises and writes metadata', async () => {
    machine({ clients: THIS_MACHINE });
    const cwd = workspace();
    const result = await buildImage({ file: 'apps/api/Dockerfile', metadataFile: 'dist/docker/api/metadata.json' }, { cwd, log, env: { PATH: '/bin' } });
    expect(result).toMatchObject({ success: true, tags: ['api:latest'], imageId: 'sha256:0123456789abcdef0123', size: 123456789, target: 'runtime' });
    const build = calls.find((c) => c[1] === 'build');
    expect(build).toEqual([
      '/usr/bin/docker', 'build', '-f', join(cwd, 'apps/api/Dockerfile'), '--target', 'runtime', '-t', 'api:latest',
      '--label', 'org.opencontainers.image.source=https://github.com/team/shop',
      '--label', 'org.opencontainers.image.revision=abc123',
      '--label', 'org.opencontainers.image.created=2026-11-01T10:00:00+00:00',
      '--label', expect.stringMatching(/^dev\.docker-ms\.inputs=[0-9a-f]{32}$/), '--progress=plain', '.',
    ]);
    expect(run.mock.calls.find((c) => c[1][0] === 'build')?.[2]).toMatchObject({ cwd, env: { PATH: '/bin', DOCKER_BUILDKIT: '1' } });
    expect(lines).toContain('#1 done');
    expect(lines).toContain('step 2');
    // which client and why is --verbose's business; the default names the engine once
    expect(lines[0]).toBe('building api:latest (stage runtime) with docker 20.10.24+dfsg1');
    expect(lines.join('\n')).not.toContain('/usr/local/bin/docker');
    expect(lines.find((l) => l.startsWith('built '))).toMatch(/^built api:latest \(image 0123456789ab\) in [\d.]+ s$/);
    // the one-stage figure: the builder base (inspected: 123456789 bytes) plus the context (just the Dockerfile here)
    const oneStage = 123456789 + Buffer.byteLength(DOCKERFILE);
    const table = lines.slice(lines.findIndex((l) => l.startsWith('image ')));
    expect(table[0]).toMatch(/^image\s+stage\s+size\s+runtime base\s+one-stage ≈\s+saved\s+time\s+cached$/);
    expect(table[1]).toMatch(/^api:latest\s+runtime\s+123\.5 MB\s+gcr\.io\/distroless\/nodejs22-debian12:nonroot\s+123\.5 MB\s+−0 %\s+[\d.]+ s\s+–$/);
    const metadata = JSON.parse(readFileSync(join(cwd, 'dist/docker/api/metadata.json'), 'utf8'));
    expect(metadata).toMatchObject({ imageId: 'sha256:0123456789abcdef0123', tags: ['api:latest'], size: 123456789, target: 'runtime', engine: 'docker' });
    expect(metadata.report).toMatchObject({
      stage: 'runtime', runtimeBase: 'gcr.io/distroless/nodejs22-debian12:nonroot', builderBase: 'node:22-bookworm-slim',
      oneStageSize: oneStage, oneStageSizeIsEstimate: true, steps: null, cachedSteps: null,
    });
    expect(calls).toContainEqual(['/usr/bin/docker', 'image', 'inspect', '--format', expect.any(String), 'node:22-bookworm-slim']);
  });

  it('dry run prints the exact command and spawns no build', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace();
    const result = await buildImage({ context: 'apps/api', tags: ['shop/api:1.0'], dryRun: true, metadataFile: 'm.json' }, { cwd, log });
    expect(result.success).toBe(true);
    expect(calls.some((c) => c[1] === 'build')).toBe(false);
    expect(lines.map(withoutInputsLabel)).toEqual([
      `dry run (docker 20.10.24+dfsg1): DOCKER_BUILDKIT=1 /usr/bin/docker build -f ${join(cwd, 'apps/api/Dockerfile')} --target runtime -t shop/api:1.0 --progress=plain apps/api`,
    ]);
    expect(existsSync(join(cwd, 'm.json'))).toBe(false);
  });

  it('skips git labels silently outside a repository, and user labels win over git ones', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace();
    await buildImage({ file: 'apps/api/Dockerfile', dryRun: true }, { cwd, log });
    expect(withoutInputsLabel(lines[0])).not.toContain('--label');
    machine({ clients: THIS_MACHINE });
    lines = [];
    await buildImage({ file: 'apps/api/Dockerfile', dryRun: true, labels: { 'org.opencontainers.image.revision': 'mine' } }, { cwd, log });
    expect(lines[0]).toContain('org.opencontainers.image.revision=mine');
    expect(lines[0]).not.toContain('revision=abc123');
    lines = [];
    await buildImage({ file: 'apps/api/Dockerfile', dryRun: true, gitLabels: false }, { cwd, log });
    expect(withoutInputsLabel(lines[0])).not.toContain('--label');
  });

  it('validates target against the stages, listing the real ones', async () => {
    machine({ clients: THIS_MACHINE });
    const cwd = workspace();
    const result = await buildImage({ file: 'apps/api/Dockerfile', target: 'prod' }, { cwd, log });
    expect(result.success).toBe(false);
    expect(lines).toEqual([`target: 'prod' is not a stage of ${join(cwd, 'apps/api/Dockerfile')} (stages: build, runtime)`]);
    expect(calls).toEqual([]);
  });

  it('builds the last stage when there is no runtime stage and no target', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace('FROM node:22 AS base\nFROM base\nUSER 1000\n');
    const result = await buildImage({ file: 'apps/api/Dockerfile', dryRun: true }, { cwd, log });
    expect(result.target).toBeUndefined();
    expect(lines[0]).not.toContain('--target');
  });

  it('reports bad options one line each and runs nothing', async () => {
    machine({ clients: THIS_MACHINE });
    const result = await buildImage({ tags: ['a;rm -rf /'], engine: 'kaniko' }, { cwd: workspace(), log });
    expect(result.success).toBe(false);
    expect(lines).toEqual([
      'engine: must be one of auto, docker, buildx, podman, buildah (got "kaniko")',
      'tags: tag "a;rm -rf /" contains whitespace; image references cannot',
    ]);
    expect(calls).toEqual([]);
  });

  it('a missing Dockerfile is one line naming the file option', async () => {
    machine({ clients: THIS_MACHINE });
    const cwd = workspace();
    expect((await buildImage({ context: 'apps/web' }, { cwd, log })).success).toBe(false);
    expect(lines).toEqual([`file: no Dockerfile at ${join(cwd, 'apps/web/Dockerfile')}; name the right one, or write one with docker-ms dockerfile`]);
  });

  it('--verbose adds which client runs and why, and the exact command', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace();
    await buildImage({ file: 'apps/api/Dockerfile', verbose: true }, { cwd, log });
    expect(lines).toContain('engine: /usr/bin/docker 20.10.24+dfsg1 (BuildKit via DOCKER_BUILDKIT=1); not /usr/local/bin/docker 28.2.2, which has no buildx plugin');
    expect(lines.map(withoutInputsLabel)).toContain(`command: DOCKER_BUILDKIT=1 /usr/bin/docker build -f ${join(cwd, 'apps/api/Dockerfile')} --target runtime -t api:latest --progress=plain .`);
    expect(lines.filter((l) => l.includes('/usr/local/bin/docker'))).toHaveLength(1);
  });

  it('progress: on a terminal the engine draws its own display on our stdio; in CI or piped, plain lines counted for cache hits', async () => {
    const buildArgs = () => run.mock.calls.find((c) => c[1][0] === 'build');
    machine({ clients: THIS_MACHINE, git: false });
    await buildImage({ file: 'apps/api/Dockerfile' }, { cwd: workspace(), log, tty: true, env: { PATH: '/bin' } });
    expect(buildArgs()?.[1]).toContain('--progress=tty');
    expect(buildArgs()?.[2]).toMatchObject({ inherit: true });

    jest.clearAllMocks();
    const plain = '#5 [build 1/3] FROM docker.io/library/node\n#6 [build 2/3] COPY . .\n#6 CACHED\n#7 [build 3/3] RUN npm ci\n#7 CACHED\n#8 [runtime 2/2] COPY --from=build /app /app\n#8 DONE 0.1s\n';
    machine({ clients: THIS_MACHINE, git: false, build: { code: 0, stdout: '', stderr: plain } });
    const result = await buildImage({ file: 'apps/api/Dockerfile' }, { cwd: workspace(), log, tty: true, env: { PATH: '/bin', CI: 'true' } });
    expect(buildArgs()?.[1]).toContain('--progress=plain');
    expect(buildArgs()?.[2]).toMatchObject({ inherit: false });
    expect(result.figures?.steps).toEqual({ total: 3, cached: 2 });

    jest.clearAllMocks();
    machine({ clients: THIS_MACHINE, git: false });
    await buildImage({ file: 'apps/api/Dockerfile', progress: 'quiet' }, { cwd: workspace(), log, tty: true });
    expect(buildArgs()?.[1]).toContain('--quiet');
    expect(buildArgs()?.[1].some((a: string) => a.startsWith('--progress'))).toBe(false);
  });

  it('colours our own lines only when asked (the adapters decide from the terminal, NO_COLOR and FORCE_COLOR)', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    await buildImage({ file: 'apps/api/Dockerfile' }, { cwd: workspace(), log, color: true });
    expect(lines[0]).toBe('\u001b[36mbuilding api:latest (stage runtime) with docker 20.10.24+dfsg1\u001b[39m');
    expect(lines).toContain('#1 done'); // the engine's own lines pass unchanged
  });

  it('legacy builder + a Dockerfile that needs BuildKit: an error naming the fix, nothing built', async () => {
    machine({ clients: { '/usr/local/bin/docker': '28.2.2' } });
    const cwd = workspace();
    const result = await buildImage({ file: 'apps/api/Dockerfile' }, { cwd, log });
    expect(result.success).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/apps\/api\/Dockerfile:2 uses RUN --mount, which needs BuildKit, but \/usr\/local\/bin\/docker 28\.2\.2 \(legacy builder\) cannot run it: install the buildx plugin .* or regenerate the Dockerfile with cacheMounts: false$/);
    expect(calls.some((c) => c[1] === 'build')).toBe(false);
  });

  it('legacy builder + a legacy-compatible Dockerfile: builds with DOCKER_BUILDKIT=0 and a one-line warning', async () => {
    machine({ clients: { '/usr/local/bin/docker': '28.2.2' }, git: false });
    const cwd = workspace(LEGACY_DOCKERFILE);
    const result = await buildImage({ file: 'apps/api/Dockerfile' }, { cwd, log });
    expect(result.success).toBe(true);
    expect(lines[0]).toMatch(/^warning: docker \/usr\/local\/bin\/docker 28\.2\.2 has no buildx plugin, so this build uses the legacy builder/);
    expect(run.mock.calls.find((c) => c[1][0] === 'build')?.[2]?.env?.DOCKER_BUILDKIT).toBe('0');
  });

  it('daemon down: one clear line and success false', async () => {
    machine({ clients: THIS_MACHINE, git: false, build: { code: 1, stdout: '', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' } });
    const result = await buildImage({ file: 'apps/api/Dockerfile' }, { cwd: workspace(), log });
    expect(result).toMatchObject({ success: false, error: 'the Docker daemon is not running (/usr/bin/docker cannot connect); start dockerd, or pass engine podman or buildah' });
  });

  it('build failure: one line with the exit code, and no stale metadata left', async () => {
    machine({ clients: THIS_MACHINE, git: false, build: { code: 2, stdout: '', stderr: 'RUN npm ci: exit 1\n' } });
    const cwd = workspace();
    writeFileSync(join(cwd, 'old.json'), '{"imageId":"sha256:old","tags":["api:latest"],"engine":"docker"}');
    const result = await buildImage({ file: 'apps/api/Dockerfile', metadataFile: 'old.json' }, { cwd, log });
    expect(existsSync(join(cwd, 'old.json'))).toBe(false);
    expect(result.error).toMatch(/^build failed \(exit 2\) with \/usr\/bin\/docker 20\.10\.24\+dfsg1 .*; see the output above$/);
    expect(lines).toContain('RUN npm ci: exit 1');
  });

  it('refuses a metadata file that docker-ms did not write, or a link, before building; deletes nothing', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace();
    const result = await buildImage({ file: 'apps/api/Dockerfile', metadataFile: 'apps/api/Dockerfile' }, { cwd, log });
    expect(result).toMatchObject({ success: false });
    expect(result.error).toBe(`metadataFile ${join(cwd, 'apps/api/Dockerfile')}: exists and is not a docker-ms metadata file; name a new path (nothing was deleted)`);
    expect(readFileSync(join(cwd, 'apps/api/Dockerfile'), 'utf8')).toBe(DOCKERFILE);
    expect(calls.filter((c) => c[1] === 'build')).toEqual([]);

    const outside = join(mkdtempSync(join(tmpdir(), 'docker-ms-outside-')), 'meta.json');
    symlinkSync(outside, join(cwd, 'link.json'));
    const linked = await buildImage({ file: 'apps/api/Dockerfile', metadataFile: 'link.json' }, { cwd, log });
    expect(linked.error).toBe(`metadataFile ${join(cwd, 'link.json')}: is a symbolic link; docker-ms does not write through links, remove it or write elsewhere (nothing written)`);
    expect(existsSync(outside)).toBe(false);
  });

  it('writes the metadata through a temporary file: nothing else is left in its folder', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace();
    await buildImage({ file: 'apps/api/Dockerfile', metadataFile: 'out/meta.json' }, { cwd, log });
    expect(readdirSync(join(cwd, 'out'))).toEqual(['meta.json']);
  });

  it('no engine at all: one line', async () => {
    machine({ clients: {} });
    const result = await buildImage({ file: 'apps/api/Dockerfile' }, { cwd: workspace(), log });
    expect(result.error).toMatch(/^no container engine found/);
  });

  it('push: pushes each tag after the build and records the digest', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const impl = run.getMockImplementation()!;
    run.mockImplementation(async (command, args, options) => {
      if (args[0] === 'image') return { code: 0, stdout: 'sha256:feed 42 ["localhost:5000/api@sha256:beef"]\n', stderr: '' };
      return impl(command, args, options);
    });
    const cwd = workspace();
    const result = await buildImage({ file: 'apps/api/Dockerfile', push: true, tags: ['localhost:5000/api:1'], metadataFile: 'meta.json' }, { cwd, log });
    expect(calls).toContainEqual(['/usr/bin/docker', 'push', 'localhost:5000/api:1']);
    expect(result.digest).toBe('localhost:5000/api@sha256:beef');
    expect(JSON.parse(readFileSync(join(cwd, 'meta.json'), 'utf8')).digest).toBe('localhost:5000/api@sha256:beef');
  });
});

describe('runBuild: credentials', () => {
  let lines: string[];
  const log = (line: string) => lines.push(line);
  const SECRET_DOCKERFILE = DOCKERFILE.replace(
    '--mount=type=cache,target=/root/.npm ',
    '--mount=type=cache,target=/root/.npm --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=secret,id=npm_token ',
  );
  beforeEach(() => {
    lines = [];
    jest.clearAllMocks();
  });
  const secretArgs = () => {
    const build = calls.find((c) => c[1] === 'build')!;
    return build.flatMap((a, i) => (build[i - 1] === '--secret' ? [a] : []));
  };

  it('passes the npm user config merged with the repo .npmrc as the npmrc secret (a private temp file, removed after the build)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'docker-ms-home-'));
    writeFileSync(join(home, '.npmrc'), '//registry.example.com/:_authToken=user-token');
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace(SECRET_DOCKERFILE);
    writeFileSync(join(cwd, '.npmrc'), '@acme:registry=https://registry.example.com/\n');
    let merged = '';
    const impl = run.getMockImplementation()!;
    run.mockImplementation(async (command, args, options) => {
      const spec = args.find((a) => a.startsWith('id=npmrc,src='));
      if (args[0] === 'build' && spec) merged = readFileSync(spec.slice('id=npmrc,src='.length), 'utf8');
      return impl(command, args, options);
    });
    const result = await buildImage({ file: 'apps/api/Dockerfile', context: '.' }, { cwd, log, env: { HOME: home, NPM_TOKEN: 'npm_canary_token' } });
    expect(result.success).toBe(true);
    expect(merged).toBe('//registry.example.com/:_authToken=user-token\n@acme:registry=https://registry.example.com/\n');
    const npmrc = secretArgs().find((a) => a.startsWith('id=npmrc,'))!;
    expect(secretArgs()).toHaveLength(2);
    expect(secretArgs()).toContain('id=npm_token,env=NPM_TOKEN');
    expect(npmrc).toMatch(/^id=npmrc,src=.*docker-ms-secrets-[^/]+\/npmrc$/);
    expect(existsSync(npmrc.slice('id=npmrc,src='.length))).toBe(false);
    expect(lines).toContain(`secrets: npmrc from ${join(home, '.npmrc')} + ${join(cwd, '.npmrc')}; npm_token from $NPM_TOKEN`);
    expect(lines.join('\n')).not.toMatch(/user-token|npm_canary_token/);
  });

  it('a file named per secret id replaces the default; defaultSecrets false passes nothing else', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace(SECRET_DOCKERFILE);
    await buildImage({ file: 'apps/api/Dockerfile', secrets: ['id=npm_token,src=/run/ci/token'], defaultSecrets: false }, { cwd, log, env: { HOME: cwd, NPM_TOKEN: 'x' } });
    expect(secretArgs()).toEqual(['id=npm_token,src=/run/ci/token']);
  });

  it('build-arg and secret values are redacted in every log line, including the engine output', async () => {
    machine({ clients: THIS_MACHINE, git: false, build: { code: 0, stdout: '#5 RUN echo build-arg-canary-1\n', stderr: 'warning: env-secret-canary-2 seen\n' } });
    const cwd = workspace(SECRET_DOCKERFILE);
    await buildImage(
      { file: 'apps/api/Dockerfile', buildArgs: { NPM_TOKEN: 'build-arg-canary-1' }, secrets: ['GH_TOKEN'], verbose: true },
      { cwd, log, env: { HOME: cwd, GH_TOKEN: 'env-secret-canary-2' } },
    );
    expect(calls.find((c) => c[1] === 'build')).toContain('NPM_TOKEN=build-arg-canary-1');
    expect(lines.join('\n')).not.toMatch(/canary/);
    expect(lines.find((l) => l.startsWith('command: '))).toContain(`--build-arg 'NPM_TOKEN=<redacted>'`);
    expect(lines).toContain('#5 RUN echo <redacted>');
    expect(lines).toContain('warning: <redacted> seen');
  });

  it('refuses a .yarnrc.yml with a literal token when the Dockerfile copies it: one line, nothing built', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace(SECRET_DOCKERFILE.replace('USER 65532', 'COPY .yarnrc.yml* ./\nUSER 65532'));
    writeFileSync(join(cwd, '.yarnrc.yml'), 'nodeLinker: node-modules\nnpmAuthToken: npm_literal\n');
    const result = await buildImage({ file: 'apps/api/Dockerfile' }, { cwd, log, env: { HOME: cwd } });
    expect(result.success).toBe(false);
    expect(result.error).toBe(`${join(cwd, '.yarnrc.yml')}:2 holds a registry credential literally, and the Dockerfile copies .yarnrc.yml into the image; write npmAuthToken: "\${NPM_TOKEN}" there and pass the token as the npm_token secret (NPM_TOKEN in the environment)`);
    expect(calls.some((c) => c[1] === 'build')).toBe(false);
  });

  it('an engine without secrets (DOCKER_BUILDKIT=0): one line saying what to do', async () => {
    machine({ clients: THIS_MACHINE, git: false });
    const cwd = workspace(SECRET_DOCKERFILE);
    const result = await buildImage({ file: 'apps/api/Dockerfile' }, { cwd, log, env: { HOME: cwd, DOCKER_BUILDKIT: '0' } });
    expect(result.success).toBe(false);
    expect(result.error).toMatch(/^.*Dockerfile:2 uses RUN --mount, which needs BuildKit \(it also mounts registry credentials as build secrets, which only BuildKit has\), but .* cannot run it: unset DOCKER_BUILDKIT \(it is 0\) so docker runs BuildKit; or regenerate the Dockerfile with cacheMounts: false$/);
    expect(result.error!.split('\n')).toHaveLength(1);
    const legacy = await buildImage({ file: 'apps/api/Dockerfile', secrets: ['id=npmrc,src=/x'] }, { cwd: workspace(LEGACY_DOCKERFILE), log, env: { HOME: cwd, DOCKER_BUILDKIT: '0' } });
    expect(legacy.error).toMatch(/^secrets: the legacy builder has no build secrets; install the buildx plugin/);
  });
});

describe('runBuild: secrets on podman and buildah', () => {
  it('environment secrets become private files (their env= support differs by release), removed after the build', async () => {
    machine({ clients: { buildah: '1.28.2' } });
    const impl = run.getMockImplementation()!;
    let content = '';
    run.mockImplementation(async (command, args, options) => {
      if (args[0] === '--version') return { code: 0, stdout: 'buildah version 1.28.2\n', stderr: '' };
      const spec = args.find((a) => a.startsWith('id=npm_token,'));
      if (args[0] === 'bud' && spec) {
        calls.push([command, ...args]);
        content = readFileSync(spec.slice('id=npm_token,src='.length), 'utf8');
        options?.onOutput?.('done\n', 'stdout');
        return { code: 0, stdout: 'done\n', stderr: '' };
      }
      return impl(command, args, options);
    });
    const cwd = workspace(DOCKERFILE.replace('--mount=type=cache,target=/root/.npm ', '--mount=type=secret,id=npm_token '));
    await buildImage({ file: 'apps/api/Dockerfile', engine: 'buildah', gitLabels: false }, { cwd, log: () => undefined, env: { HOME: cwd, NPM_TOKEN: 'tok-canary-9' } });
    expect(content).toBe('tok-canary-9');
    const bud = calls.find((c) => c[1] === 'bud')!;
    const spec = bud[bud.indexOf('--secret') + 1];
    expect(spec).toMatch(/^id=npm_token,src=.*docker-ms-secrets-/);
    expect(existsSync(spec.slice('id=npm_token,src='.length))).toBe(false);
  });
});
