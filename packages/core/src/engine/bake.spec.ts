import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bakeFileText, runBake, targetNames } from './bake';
import { planBuild } from './plan-build';
import type { ResolvedEngine } from './resolve';
import * as spawn from './spawn';
import { INPUTS_LABEL, inputsHash } from './up-to-date';

jest.mock('./spawn');
const run = jest.mocked(spawn.run);
const findExecutable = jest.mocked(spawn.findExecutable);

const buildx: ResolvedEngine = { kind: 'buildx', command: '/usr/bin/docker', version: '20.10.24', buildKit: true, description: '/usr/bin/docker 20.10.24 buildx', warnings: [] };

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-bake-'));
  for (const app of ['go-api', 'node-api']) {
    mkdirSync(join(root, 'apps', app), { recursive: true });
    writeFileSync(join(root, 'apps', app, 'Dockerfile'), `FROM golang:1.26-trixie AS runtime\nCOPY . .\nUSER 65532\n# ${app}\n`);
  }
  return root;
}
const plan = (root: string, app: string, options: Record<string, unknown> = {}) =>
  planBuild({ context: `apps/${app}`, name: app, gitLabels: false, cacheFrom: ['type=registry,ref=127.0.0.1:5000/cache/{name}'], ...options }, { cwd: root });

describe('bakeFileText', () => {
  it('one target per app with its own context, tags, labels and cache refs; HCL templates escaped', () => {
    const root = workspace();
    const p = plan(root, 'go-api', { buildArgs: { GREETING: 'hi ${USER}' }, cacheTo: 'type=inline' });
    const text = bakeFileText([{ name: 'go-api', options: p.options, context: join(root, 'apps/go-api'), labels: { [INPUTS_LABEL]: 'abc' }, secrets: [] }]);
    expect(text).toContain('group "default" {\n  targets = ["go-api"]\n}');
    expect(text).toContain(`target "go-api" {\n  context = ${JSON.stringify(join(root, 'apps/go-api'))}\n  dockerfile = ${JSON.stringify(join(root, 'apps/go-api/Dockerfile'))}\n  target = "runtime"\n  tags = ["go-api:latest"]`);
    expect(text).toContain('  args = {\n    "GREETING" = "hi $${USER}"\n  }');
    expect(text).toContain(`  labels = {\n    "${INPUTS_LABEL}" = "abc"\n  }`);
    expect(text).toContain('  cache-from = ["type=registry,ref=127.0.0.1:5000/cache/go-api"]\n  cache-to = ["type=inline"]\n  output = ["type=docker"]');
  });

  it('target names are HCL-safe and unique', () => {
    expect(targetNames(['api', 'team/api', 'web.app', '@x'])).toEqual(['api', 'team-api', 'web-app', 'x']);
    expect(targetNames(['api', 'api'])).toEqual(['api', 'api-2']);
  });
});

describe('runBake', () => {
  it('skips the app whose image is up to date, bakes the other in one run and records it like a build', async () => {
    const root = workspace();
    const plans = [plan(root, 'go-api'), plan(root, 'node-api', { metadataFile: 'dist/node-api.json' })];
    const goHash = inputsHash(plans[0]);
    const calls: string[][] = [];
    findExecutable.mockReturnValue('/usr/bin/docker');
    run.mockImplementation(async (_command, args) => {
      calls.push(args);
      if (args[0] === 'image' && args.includes('go-api:latest')) return { code: 0, stdout: `sha256:${'1'.repeat(64)} 5000000 ${goHash}\n`, stderr: '' };
      if (args[0] === 'image' && args[1] === 'inspect' && args[2] === '--format' && args[3].includes('RepoDigests')) return { code: 0, stdout: `sha256:${'2'.repeat(64)} 7000000 []\n`, stderr: '' };
      if (args[0] === 'image') return { code: 1, stdout: '', stderr: 'No such image' };
      if (args[1] === 'bake') return { code: 0, stdout: '', stderr: '#1 [node-api runtime 1/2] FROM golang\n' };
      if (args[0] === 'version') return { code: 0, stdout: '20.10.24\n', stderr: '' };
      if (args[0] === 'buildx' && args[1] === 'version') return { code: 0, stdout: 'github.com/docker/buildx 0.13.1\n', stderr: '' };
      return { code: 0, stdout: '', stderr: '' };
    });
    const lines: string[] = [];
    const bakeFile = join(root, 'dist/docker-ms/docker-bake.hcl');
    const results = await runBake(plans, buildx, { log: (l) => lines.push(l), bakeFile, cwd: root });
    expect(results.map((r) => [r.tags[0], r.success, !!r.upToDate])).toEqual([['go-api:latest', true, true], ['node-api:latest', true, false]]);
    const bakes = calls.filter((a) => a[1] === 'bake');
    expect(bakes).toEqual([['buildx', 'bake', '-f', bakeFile]]);
    const text = readFileSync(bakeFile, 'utf8');
    expect(text).toContain('targets = ["node-api"]');
    expect(text).not.toContain('target "go-api"');
    expect(statSync(bakeFile).mode & 0o777).toBe(0o600);
    expect(lines).toContainEqual(expect.stringMatching(/^up to date: go-api:latest /));
    expect(lines).toContainEqual(`baking node-api in one BuildKit session with docker buildx 20.10.24: /usr/bin/docker buildx bake -f ${bakeFile}`);
    expect(lines).toContainEqual(expect.stringMatching(/^built node-api:latest \(image 222222222222\)/));
    expect(JSON.parse(readFileSync(join(root, 'dist/node-api.json'), 'utf8'))).toMatchObject({ imageId: `sha256:${'2'.repeat(64)}`, tags: ['node-api:latest'], engine: 'buildx' });
  });

  it('an app the engine cannot build stops the batch before the bake runs', async () => {
    const root = workspace();
    findExecutable.mockReturnValue('/usr/bin/docker');
    const calls: string[][] = [];
    run.mockImplementation(async (_command, args) => {
      calls.push(args);
      if (args[0] === 'version') return { code: 0, stdout: '20.10.24\n', stderr: '' };
      if (args[0] === 'image') return { code: 1, stdout: '', stderr: 'No such image' };
      return { code: 0, stdout: '', stderr: '' };
    });
    const lines: string[] = [];
    const results = await runBake([plan(root, 'go-api'), plan(root, 'node-api', { push: true })], buildx, { log: (l) => lines.push(l), bakeFile: join(root, 'bake.hcl'), cwd: root });
    expect(results.map((r) => r.success)).toEqual([false]);
    expect(lines).toEqual(['push: needs tags naming a registry (e.g. tags: ["registry.example.com/team/app:1.0"])']);
    expect(calls.some((a) => a[1] === 'bake')).toBe(false);
  });
});
