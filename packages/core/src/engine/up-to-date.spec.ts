import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planBuild } from './plan-build';
import { buildImage } from './run-build';
import { INPUTS_LABEL, inputsHash } from './up-to-date';
import * as spawn from './spawn';

jest.mock('./spawn');
const run = jest.mocked(spawn.run);
const findExecutable = jest.mocked(spawn.findExecutable);

const DOCKERFILE = 'FROM golang:1.26-trixie AS build\nCOPY . .\nFROM scratch AS runtime\nCOPY --from=build /go/app /app\nUSER 65532\n';

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-uptodate-'));
  mkdirSync(join(root, 'app/src'), { recursive: true });
  writeFileSync(join(root, 'app/Dockerfile'), DOCKERFILE);
  writeFileSync(join(root, 'app/.dockerignore'), 'notes/\n');
  writeFileSync(join(root, 'app/src/main.go'), 'package main\n');
  return root;
}

const hashOf = (cwd: string, options: Record<string, unknown> = {}) => inputsHash(planBuild({ context: 'app', metadataFile: 'app/meta.json', ...options }, { cwd }));

describe('inputsHash', () => {
  it('changes with what reaches the build and nothing else', () => {
    const cwd = workspace();
    const first = hashOf(cwd);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(hashOf(cwd)).toBe(first);
    // an ignored file, and the metadata file docker-ms writes into the context, leave it alone
    mkdirSync(join(cwd, 'app/notes'));
    writeFileSync(join(cwd, 'app/notes/todo.md'), 'x');
    writeFileSync(join(cwd, 'app/meta.json'), '{"imageId":"x","tags":[]}');
    expect(hashOf(cwd)).toBe(first);
    expect(hashOf(cwd, { buildArgs: { A: '1' } })).not.toBe(first);
    expect(hashOf(cwd, { target: 'build' })).not.toBe(first);
    expect(hashOf(cwd, { labels: { team: 'a' } })).not.toBe(first);
    writeFileSync(join(cwd, 'app/src/main.go'), 'package main // changed\n');
    const changed = hashOf(cwd);
    expect(changed).not.toBe(first);
    writeFileSync(join(cwd, 'app/Dockerfile'), DOCKERFILE.replace('golang:1.26-trixie', 'golang:1.25-trixie'));
    expect(hashOf(cwd)).not.toBe(changed);
  });
});

interface Images {
  /** tag → [id, size, label] */
  [tag: string]: [string, number, string];
}

let calls: string[][];
function machine(images: Images) {
  calls = [];
  findExecutable.mockImplementation((name) => (name === 'docker' ? '/usr/bin/docker' : null));
  run.mockImplementation(async (command, args) => {
    calls.push([command, ...args]);
    if (command === 'git') return { code: 128, stdout: '', stderr: 'not a repository' };
    if (args[0] === 'version') return { code: 0, stdout: '20.10.24+dfsg1\n', stderr: '' };
    if (args[0] === 'buildx') return { code: 1, stdout: '', stderr: 'not a docker command' };
    if (args[0] === 'build') return { code: 0, stdout: '', stderr: '' };
    if (args[0] === 'image' && args[1] === 'inspect') {
      const refs = args.slice(4);
      if (!refs.every((r) => r in images)) return { code: 1, stdout: '', stderr: 'Error: No such image' };
      const label = args[3].includes(INPUTS_LABEL);
      const out = refs.map((r) => (label ? images[r].join(' ') : `${images[r][0]} ${images[r][1]} []`)).join('\n');
      return { code: 0, stdout: `${out}\n`, stderr: '' };
    }
    return { code: 127, stdout: '', stderr: 'unexpected' };
  });
}

const ID = 'sha256:aaaabbbbccccdddd';
let lines: string[];
const log = (line: string) => lines.push(line);
beforeEach(() => (lines = []));
const built = () => calls.some((c) => c[1] === 'build');

describe('runBuild skips the engine when the tags already name an image built from the same inputs', () => {
  it('skips, says so, writes the metadata; a missing image or other inputs build', async () => {
    const cwd = workspace();
    const hash = hashOf(cwd, { tags: ['app:1', 'app:latest'] });
    machine({ 'app:1': [ID, 5_000_000, hash], 'app:latest': [ID, 5_000_000, hash] });
    const result = await buildImage({ context: 'app', tags: ['app:1', 'app:latest'], metadataFile: 'app/meta.json' }, { cwd, log });
    expect(result).toMatchObject({ success: true, upToDate: true, imageId: ID, size: 5_000_000 });
    expect(built()).toBe(false);
    expect(lines.join('\n')).toContain('up to date: app:1, app:latest (image aaaabbbbcccc, 5.0 MB) was built from these inputs; the engine did not run');
    expect(JSON.parse(readFileSync(join(cwd, 'app/meta.json'), 'utf8'))).toMatchObject({ imageId: ID, tags: ['app:1', 'app:latest'], upToDate: true });
    // the size report's figures too (bases from the Dockerfile), for the table over several builds
    expect(result.figures).toMatchObject({ image: 'app:1', size: 5_000_000, runtimeBase: 'scratch', builderBase: 'golang:1.26-trixie', oneStageSize: null, upToDate: true, steps: null });
    expect(JSON.parse(readFileSync(join(cwd, 'app/meta.json'), 'utf8')).report).toMatchObject({ runtimeBase: 'scratch', oneStageSize: null });

    // the one-stage figure the build of this very image measured is kept; another image's is not
    const report = { stage: 'runtime', runtimeBase: 'scratch', builderBase: 'golang:1.26-trixie', oneStageSize: 500_000_000, reduction: 0.99, seconds: 30, steps: 4, cachedSteps: 0 };
    writeFileSync(join(cwd, 'app/meta.json'), JSON.stringify({ imageId: ID, tags: ['app:1', 'app:latest'], size: 5_000_000, target: null, engine: 'docker', report }));
    const again = await buildImage({ context: 'app', tags: ['app:1', 'app:latest'], metadataFile: 'app/meta.json' }, { cwd, log });
    expect(again.figures).toMatchObject({ oneStageSize: 500_000_000, reduction: 0.99, upToDate: true });
    writeFileSync(join(cwd, 'app/meta.json'), JSON.stringify({ imageId: 'sha256:other', tags: ['app:1'], size: 1, target: null, engine: 'docker', report }));
    expect((await buildImage({ context: 'app', tags: ['app:1', 'app:latest'], metadataFile: 'app/meta.json' }, { cwd, log })).figures?.oneStageSize).toBeNull();

    // one tag gone (docker rmi app:latest): build, and the build labels the image with the hash
    machine({ 'app:1': [ID, 5_000_000, hash] });
    await buildImage({ context: 'app', tags: ['app:1', 'app:latest'], metadataFile: 'app/meta.json' }, { cwd, log });
    const build = calls.find((c) => c[1] === 'build') ?? [];
    expect(build).toContain(`${INPUTS_LABEL}=${hash}`);

    // tags on different images, or another hash: build
    machine({ 'app:1': [ID, 5_000_000, hash], 'app:latest': ['sha256:other', 5_000_000, hash] });
    await buildImage({ context: 'app', tags: ['app:1', 'app:latest'] }, { cwd, log });
    expect(built()).toBe(true);
    machine({ 'app:1': [ID, 5_000_000, 'f'.repeat(32)], 'app:latest': [ID, 5_000_000, 'f'.repeat(32)] });
    await buildImage({ context: 'app', tags: ['app:1', 'app:latest'] }, { cwd, log });
    expect(built()).toBe(true);
  });

  it.each([{ rebuild: true }, { noCache: true }, { pull: true }, { sbom: true }, { provenance: 'max' }, { push: true, tags: ['127.0.0.1:5000/app:1'] }])('%j always builds', async (extra) => {
    const cwd = workspace();
    const tags = (extra as { tags?: string[] }).tags ?? ['app:latest'];
    const hash = hashOf(cwd, { tags, ...extra });
    machine(Object.fromEntries(tags.map((t) => [t, [ID, 1, hash]])) as Images);
    const result = await buildImage({ context: 'app', tags, ...extra }, { cwd, log });
    expect(result.upToDate).toBeUndefined();
    // attestations reach the engine check (this machine has no buildx, so they are refused there), the rest build
    if ('sbom' in extra || 'provenance' in extra) expect(result.error).toMatch(/attestations need engine buildx/);
    else expect(built()).toBe(true);
  });
});

describe('maxSize', () => {
  it('fails a build over budget with both figures and writes no metadata', async () => {
    const cwd = workspace();
    machine({ 'app:latest': [ID, 182_345_678, 'none'] });
    // the build's inspect: the image is what the mock has
    const result = await buildImage({ context: 'app', tags: ['app:latest'], maxSize: '150MB', metadataFile: 'app/meta.json', rebuild: true }, { cwd, log });
    expect(result.success).toBe(false);
    expect(result.error).toBe('maxSize: app:latest is 182.3 MB, over its budget of 150.0 MB by 32.3 MB; make the image smaller (a slimmer runtime base, fewer files copied) or raise maxSize');
    expect(lines).toContain(result.error);
    expect(existsSync(join(cwd, 'app/meta.json'))).toBe(false);
    const fits = await buildImage({ context: 'app', tags: ['app:latest'], maxSize: '0.2GB', rebuild: true }, { cwd, log });
    expect(fits.success).toBe(true);
  });

  it('also holds for an up-to-date image', async () => {
    const cwd = workspace();
    const hash = hashOf(cwd, { tags: ['app:latest'] });
    machine({ 'app:latest': [ID, 2_000_000, hash] });
    const result = await buildImage({ context: 'app', tags: ['app:latest'], maxSize: 1_000_000 }, { cwd, log });
    expect(result.success).toBe(false);
    expect(result.error).toMatch(/^maxSize: app:latest is 2\.0 MB, over its budget of 1\.0 MB by 1\.0 MB;/);
    expect(built()).toBe(false);
  });

  it('a budget that is not a size is one line, nothing runs', async () => {
    const cwd = workspace();
    machine({});
    const result = await buildImage({ context: 'app', maxSize: '150 parsecs' }, { cwd, log });
    expect(result.success).toBe(false);
    expect(lines).toEqual(['maxSize: must be a size such as "150MB", "1.2GB" or "800KB" (got "150 parsecs")']);
    expect(calls).toEqual([]);
  });
});
