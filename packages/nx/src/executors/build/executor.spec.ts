import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
// The engine's only process boundary; everything between the target options and the argv runs for real.
import * as spawn from '../../../../core/src/engine/spawn';
import buildExecutor from './executor';

jest.mock('../../../../core/src/engine/spawn');
const run = jest.mocked(spawn.run);
const findExecutable = jest.mocked(spawn.findExecutable);

const DOCKERFILE = [
  'FROM node:22-bookworm-slim AS build',
  'WORKDIR /app',
  'COPY . .',
  'RUN --mount=type=cache,target=/root/.npm npm ci',
  'FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime',
  'COPY --from=build /app /app',
  'USER 65532',
  'CMD ["/app/main.js"]',
  '',
].join('\n');

/** This machine: a docker 28 client without buildx first on PATH, Debian's 20.10 client (BuildKit) at /usr/bin/docker. */
const CLIENTS: Record<string, string> = { '/usr/local/bin/docker': '28.2.2', '/usr/bin/docker': '20.10.24+dfsg1' };

let calls: string[][];
let buildResult: spawn.RunResult;
function machine(tools: Record<string, string> = CLIENTS) {
  calls = [];
  buildResult = { code: 0, stdout: 'Successfully built\n', stderr: '' };
  findExecutable.mockImplementation((name) => {
    if (name === 'docker') return Object.keys(tools).find((t) => t.endsWith('/docker')) ?? null;
    if (name in tools) return name;
    return Object.keys(tools).find((t) => t.endsWith(`/${name}`)) ?? null;
  });
  run.mockImplementation(async (command, args, options) => {
    calls.push([command, ...args]);
    if (command === 'git') return { code: 128, stdout: '', stderr: 'fatal: not a git repository' };
    if (args[0] === 'version') return { code: 0, stdout: `${tools[command]}\n`, stderr: '' };
    if (args[0] === '--version') return { code: 0, stdout: `${command.split('/').pop()} version ${tools[command]}\n`, stderr: '' };
    if (args[0] === 'buildx') return { code: 1, stdout: '', stderr: 'not a docker command' };
    if (args[0] === 'build' || args[0] === 'bud') {
      options?.onOutput?.(buildResult.stdout, 'stdout');
      return buildResult;
    }
    if (args[0] === 'image' || args[0] === 'inspect') return { code: 0, stdout: 'sha256:0123456789abcdef 2048 []\n', stderr: '' };
    if (args[0] === 'images') return { code: 0, stdout: '[{"size":"2 KB"}]', stderr: '' };
    return { code: 127, stdout: '', stderr: `unexpected ${args.join(' ')}` };
  });
}

/** Build argv without the inputs-hash label every build carries (core's up-to-date.spec.ts covers it). */
const withoutInputsLabel = (argv: string[]) => argv.filter((a, i) => !a.startsWith('dev.docker-ms.inputs=') && !argv[i + 1]?.startsWith('dev.docker-ms.inputs='));
const builds = () => calls.filter((c) => c[1] === 'build' || c[1] === 'bud').map(withoutInputsLabel);

describe('docker-ms:build executor', () => {
  let root: string;
  let lines: string[];
  const context = (configurationName?: string): ExecutorContext => ({
    root,
    cwd: root,
    isVerbose: false,
    projectName: 'api',
    targetName: 'docker-build',
    configurationName,
    projectsConfigurations: { version: 2, projects: { api: { root: 'apps/api' } } },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-ms-executor-'));
    mkdirSync(join(root, 'apps/api'), { recursive: true });
    writeFileSync(join(root, 'apps/api/Dockerfile'), DOCKERFILE);
    lines = [];
    for (const method of ['info', 'error', 'warn'] as const) jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(String(args[0])));
    machine();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('defaults to the project: its Dockerfile and folder, <project>:latest, runtime stage, BuildKit client; writes metadata', async () => {
    await expect(buildExecutor({}, context())).resolves.toEqual({ success: true });
    expect(builds()).toEqual([
      ['/usr/bin/docker', 'build', '-f', join(root, 'apps/api/Dockerfile'), '--target', 'runtime', '-t', 'api:latest', '--progress=plain', 'apps/api'],
    ]);
    const build = run.mock.calls.find((c) => c[1][0] === 'build');
    expect(build?.[2]).toMatchObject({ cwd: root, env: expect.objectContaining({ DOCKER_BUILDKIT: '1' }) });
    expect(JSON.parse(readFileSync(join(root, 'dist/docker/apps/api/metadata.json'), 'utf8'))).toMatchObject({
      imageId: 'sha256:0123456789abcdef', tags: ['api:latest'], size: 2048, target: 'runtime', engine: 'docker',
      report: { stage: 'runtime', runtimeBase: 'gcr.io/distroless/nodejs22-debian12:nonroot', builderBase: 'node:22-bookworm-slim' },
    });
    expect(lines).toContainEqual(expect.stringMatching(/^built api:latest \(image 0123456789ab\) in [\d.]+ s$/));
    expect(lines).toContainEqual(expect.stringMatching(/^api:latest +runtime +2\.0 KB +gcr\.io\/distroless\/nodejs22-debian12:nonroot /));
    // which client and why only with --verbose
    expect(lines.join('\n')).not.toContain('/usr/local/bin/docker');
  });

  it('asks the engine clients once per workspace: the next build reads their answers from node_modules/.cache', async () => {
    await buildExecutor({}, context());
    const probes = () => calls.filter((c) => c[1] === 'version' || c[1] === 'buildx');
    expect(probes()).toHaveLength(4);
    calls.length = 0;
    await expect(buildExecutor({}, context())).resolves.toEqual({ success: true });
    expect(probes()).toEqual([]);
    expect(builds()[0]).toEqual(expect.arrayContaining(['/usr/bin/docker', 'build']));
    expect(existsSync(join(root, 'node_modules/.cache/docker-ms/engine-probes.json'))).toBe(true);
  });

  it('the options a generated target carries: workspace-root context, explicit file and metadata path', async () => {
    await buildExecutor({ file: 'apps/api/Dockerfile', context: '.', target: 'runtime', metadataFile: 'dist/docker/x.json' }, context());
    expect(builds()[0]).toEqual(['/usr/bin/docker', 'build', '-f', join(root, 'apps/api/Dockerfile'), '--target', 'runtime', '-t', 'api:latest', '--progress=plain', '.']);
    expect(existsSync(join(root, 'dist/docker/x.json'))).toBe(true);
  });

  it('a stage configuration builds that stage and tags it <project>:<stage>', async () => {
    // Nx merges configurations.build = { target: 'build' } into the options
    await buildExecutor({ target: 'build' }, context('build'));
    expect(builds()[0]).toEqual(['/usr/bin/docker', 'build', '-f', join(root, 'apps/api/Dockerfile'), '--target', 'build', '-t', 'api:build', '--progress=plain', 'apps/api']);
  });

  it('a configuration named after a stage selects it even without a target option', async () => {
    await buildExecutor({}, context('build'));
    expect(builds()[0]).toContain('api:build');
    expect(builds()[0]).toEqual(expect.arrayContaining(['--target', 'build']));
  });

  it('a configuration that is not a stage, given to every project (run-many -c production), builds the default stage with a warning', async () => {
    const task = (project: string) => ({ id: `${project}:docker-build:production`, target: { project, target: 'docker-build', configuration: 'production' }, overrides: {}, outputs: [] });
    const ctx = { ...context('production'), taskGraph: { roots: [], dependencies: {}, tasks: { a: task('api'), b: task('web') } } } as unknown as ExecutorContext;
    await buildExecutor({}, ctx);
    expect(builds()[0]).toEqual(expect.arrayContaining(['--target', 'runtime', '-t', 'api:latest']));
    expect(lines[0]).toBe('configuration "production" is not a stage of apps/api/Dockerfile (stages: build, runtime); building the default stage');
  });

  // Nx 23 itself resolves a configuration the target lacks to the default before the task exists; these cover a
  // context that still carries one (a target without that configuration declared, other Nx versions).
  it('a configuration that is no stage and close to one (biuld), or of a single run, fails naming the stages; nothing built', async () => {
    await expect(buildExecutor({}, context('biuld'))).resolves.toEqual({ success: false });
    expect(lines).toEqual([`configuration "biuld" is not a stage of apps/api/Dockerfile; did you mean 'build'? (stages: build, runtime); run api:docker-build:<stage>`]);
    lines = [];
    await expect(buildExecutor({}, context('production'))).resolves.toEqual({ success: false });
    expect(lines[0]).toMatch(/^configuration "production" is not a stage/);
    expect(builds()).toEqual([]);
  });

  it('accepts Nx\'s global flags: --verbose shows the engine choice and command, the others are dropped', async () => {
    const ctx = { ...context(), isVerbose: true };
    await expect(buildExecutor({ verbose: true, skipNxCache: true, outputStyle: 'stream' } as never, ctx)).resolves.toEqual({ success: true });
    expect(lines).toContain('engine: /usr/bin/docker 20.10.24+dfsg1 (BuildKit via DOCKER_BUILDKIT=1); not /usr/local/bin/docker 28.2.2, which has no buildx plugin');
    expect(lines).toContainEqual(expect.stringMatching(/^command: DOCKER_BUILDKIT=1 \/usr\/bin\/docker build /));
  });

  it('--progress reaches the engine; an unknown value gets a suggestion', async () => {
    await buildExecutor({ progress: 'tty' }, context());
    expect(builds()[0]).toContain('--progress=tty');
    expect(run.mock.calls.filter((c) => c[1][0] === 'build').at(-1)?.[2]).toMatchObject({ inherit: true });
    lines = [];
    await expect(buildExecutor({ progress: 'tyy' as never }, context())).resolves.toEqual({ success: false });
    expect(lines).toEqual([`progress: must be one of auto, tty, plain, quiet (got "tyy"; did you mean 'tty'?)`]);
  });

  it('a configuration the target defines is trusted as is', async () => {
    const ctx = { ...context('ci'), target: { executor: 'docker-ms:build', configurations: { ci: { push: false } } } };
    await buildExecutor({}, ctx);
    expect(lines.some((l) => l.includes('not a stage'))).toBe(false);
  });

  it('passes every build option, accepting nx-container kebab-case names', async () => {
    const options = {
      tags: ['registry.local:5000/api:1.0'],
      'build-args': { NODE_ENV: 'production' },
      labels: { 'org.example.team': 'core' },
      secrets: ['id=npm,src=.npmrc'],
      platforms: ['linux/amd64'],
      'cache-from': ['registry.local:5000/api:cache'],
      'no-cache': true,
      pull: true,
      gitLabels: false,
    };
    const result = await buildExecutor(options, context());
    expect(lines.filter((l) => /^(warning|error)/i.test(l))).toEqual([]);
    expect(result).toEqual({ success: true });
    expect(builds()[0]).toEqual([
      '/usr/bin/docker', 'build', '-f', join(root, 'apps/api/Dockerfile'), '--target', 'runtime', '-t', 'registry.local:5000/api:1.0',
      '--build-arg', 'NODE_ENV=production', '--label', 'org.example.team=core', '--secret', 'id=npm,src=.npmrc',
      '--platform', 'linux/amd64', '--cache-from', 'registry.local:5000/api:cache', '--no-cache', '--pull', '--progress=plain', 'apps/api',
    ]);
  });

  it('reads the command line\'s --no-cache (cache: false) as noCache', async () => {
    await buildExecutor({ cache: false, noCache: false } as never, context());
    expect(builds()[0]).toContain('--no-cache');
  });

  it.each([
    ['podman', { podman: '4.3.1' }, ['podman', 'build', '-f', '<file>', '--target', 'runtime', '-t', 'api:latest', 'apps/api']],
    ['buildah', { buildah: '1.28.2' }, ['buildah', 'bud', '--layers', '-f', '<file>', '--target', 'runtime', '-t', 'api:latest', 'apps/api']],
  ])('engine %s: its own argv', async (engine, tools, expected) => {
    machine(tools);
    await expect(buildExecutor({ engine: engine as 'podman' }, context())).resolves.toEqual({ success: true });
    expect(builds()[0]).toEqual(expected.map((a) => (a === '<file>' ? join(root, 'apps/api/Dockerfile') : a)));
  });

  it('dry run prints the exact command and builds nothing', async () => {
    await expect(buildExecutor({ dryRun: true }, context())).resolves.toEqual({ success: true });
    expect(builds()).toEqual([]);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^dry run .*: DOCKER_BUILDKIT=1 /usr/bin/docker build -f ${join(root, 'apps/api/Dockerfile')} --target runtime -t api:latest --label dev\\.docker-ms\\.inputs=[0-9a-f]{32} --progress=plain apps/api$`)),
    ]);
  });

  it('an unknown stage fails with the real stages listed, nothing built', async () => {
    await expect(buildExecutor({ target: 'prod' }, context())).resolves.toEqual({ success: false });
    expect(lines).toEqual([`target: 'prod' is not a stage of ${join(root, 'apps/api/Dockerfile')} (stages: build, runtime)`]);
    expect(builds()).toEqual([]);
  });

  it.each([
    ['a;rm -rf /', /tag "a;rm -rf \/" contains whitespace/],
    ['my app:1', /contains whitespace/],
    ['api\n:1', /contains whitespace/],
    ['api;id', /tag "api;id" contains ';'/],
    ['MyApp:1', /must be lowercase/],
    ['api:-bad', /invalid tag '-bad'/],
  ])('tag %j is refused before anything runs', async (tag, message) => {
    await expect(buildExecutor({ tags: [tag] }, context())).resolves.toEqual({ success: false });
    expect(lines.join('\n')).toMatch(message);
    expect(lines.every((l) => l.startsWith('tags: '))).toBe(true);
    expect(builds()).toEqual([]);
  });

  it('a missing Dockerfile is one line naming the file option', async () => {
    await expect(buildExecutor({ file: 'apps/web/Dockerfile' }, context())).resolves.toEqual({ success: false });
    expect(lines).toEqual([`file: no Dockerfile at ${join(root, 'apps/web/Dockerfile')}; name the right one, or write one with docker-ms dockerfile`]);
  });

  it('an option the executor does not know is named, not ignored', async () => {
    await expect(buildExecutor({ network: 'host' } as never, context())).resolves.toEqual({ success: false });
    expect(lines).toEqual(['network: an nx-container option docker-ms does not support; remove it']);
  });

  it('an option the engine cannot honour is an error naming the fix, not dropped', async () => {
    await expect(buildExecutor({ cacheFrom: ['type=local,src=/tmp/cache'] }, context())).resolves.toEqual({ success: false });
    expect(lines).toEqual(['cacheFrom: docker build takes image references only, not type=local,src=/tmp/cache; pass engine buildx']);
    expect(builds()).toEqual([]);
  });

  it('a failed build is success: false with one line', async () => {
    buildResult = { code: 1, stdout: '', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' };
    run.mockImplementation(((impl) => async (command: string, args: string[], options?: spawn.RunOptions) => {
      if (args[0] === 'build') return buildResult;
      return impl(command, args, options);
    })(run.getMockImplementation()!));
    await expect(buildExecutor({}, context())).resolves.toEqual({ success: false });
    expect(lines.at(-1)).toBe('the Docker daemon is not running (/usr/bin/docker cannot connect); start dockerd, or pass engine podman or buildah');
  });

  it('passes the npm user config and the workspace and project .npmrc as the npmrc secret on every stage, never their contents', async () => {
    writeFileSync(join(root, 'apps/api/Dockerfile'), DOCKERFILE.replace('--mount=type=cache,target=/root/.npm', '--mount=type=cache,target=/root/.npm --mount=type=secret,id=npmrc,target=/root/.npmrc'));
    writeFileSync(join(root, '.npmrc'), '@acme:registry=https://npm.acme.example/\n');
    writeFileSync(join(root, 'apps/api/.npmrc'), 'legacy-peer-deps=true\n');
    const user = join(root, 'user.npmrc');
    writeFileSync(user, '//npm.acme.example/:_authToken=user-token-canary\n');
    const saved = process.env.NPM_CONFIG_USERCONFIG;
    process.env.NPM_CONFIG_USERCONFIG = user;
    const seen: string[] = [];
    const impl = run.getMockImplementation()!;
    run.mockImplementation(async (command, args, options) => {
      const spec = args.find((a) => a.startsWith('id=npmrc,src='));
      if (args[0] === 'build' && spec) seen.push(readFileSync(spec.slice('id=npmrc,src='.length), 'utf8'));
      return impl(command, args, options);
    });
    try {
      const first = await buildExecutor({ context: '.', file: 'apps/api/Dockerfile' }, context());
      expect(first).toEqual({ success: true });
      await expect(buildExecutor({ context: '.', file: 'apps/api/Dockerfile' }, context('build'))).resolves.toEqual({ success: true });
    } finally {
      if (saved === undefined) delete process.env.NPM_CONFIG_USERCONFIG;
      else process.env.NPM_CONFIG_USERCONFIG = saved;
    }
    const merged = '//npm.acme.example/:_authToken=user-token-canary\n@acme:registry=https://npm.acme.example/\nlegacy-peer-deps=true\n';
    expect(seen).toEqual([merged, merged]);
    expect(builds().map((b) => b[b.indexOf('--target') + 1])).toEqual(['runtime', 'build']);
    expect(lines.join('\n')).not.toContain('user-token-canary');
    expect(lines).toContain(`secrets: npmrc from ${user} + ${join(root, '.npmrc')} + ${join(root, 'apps/api/.npmrc')}`);
  });
});
