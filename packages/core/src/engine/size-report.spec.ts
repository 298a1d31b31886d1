import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerfile } from '../dockerfile/parse';
import { styler } from '../text/style';
import { countSteps } from './build-steps';
import { resolveProgress } from './progress';
import { baseImages, contextSize, figuresFromMetadata, figuresMetadata, oneStageSize, reduction, savedPercent, sizeTable, type BuildFigures } from './size-report';

const GO = parseDockerfile([
  'FROM golang:1.26-bookworm AS build',
  'RUN go build -o /out/app .',
  'FROM build AS test',
  'RUN go test ./...',
  'FROM gcr.io/distroless/static-debian12:nonroot AS runtime',
  'COPY --from=build /out/app /app',
].join('\n'));

const figures = (over: Partial<BuildFigures>): BuildFigures => ({
  image: 'go-api:latest', stage: 'runtime', size: 8_100_000, runtimeBase: 'gcr.io/distroless/static-debian12:nonroot',
  builderBase: 'golang:1.26-bookworm', oneStageSize: 880_000_000, reduction: reduction(8_100_000, 880_000_000), seconds: 12.34,
  steps: { total: 5, cached: 4 }, ...over,
});

describe('size report figures', () => {
  it('finds the runtime base through stage-to-stage FROMs, and the builder base of the first stage', () => {
    expect(baseImages(GO, 'runtime')).toEqual({ runtime: 'gcr.io/distroless/static-debian12:nonroot', builder: 'golang:1.26-bookworm' });
    expect(baseImages(GO, 'test')).toEqual({ runtime: 'golang:1.26-bookworm', builder: 'golang:1.26-bookworm' });
    expect(baseImages(GO, undefined).runtime).toBe('gcr.io/distroless/static-debian12:nonroot');
  });

  it('reduction is 1 - size / one-stage, unknown when either is', () => {
    expect(reduction(8_100_000, 880_000_000)).toBeCloseTo(0.9908, 4);
    expect(reduction(null, 1)).toBeNull();
    expect(reduction(1, null)).toBeNull();
    expect(reduction(1, 0)).toBeNull();
  });

  it('the context size counts what the ignore file lets through (<Dockerfile>.dockerignore first)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docker-ms-ctx-'));
    mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
    writeFileSync(join(dir, 'main.go'), 'x'.repeat(1000));
    writeFileSync(join(dir, 'node_modules/x/big.js'), 'y'.repeat(50_000));
    writeFileSync(join(dir, 'Dockerfile'), 'z'.repeat(10));
    expect(contextSize(dir, join(dir, 'Dockerfile'))).toBe(51_010);
    writeFileSync(join(dir, '.dockerignore'), 'node_modules\n');
    expect(contextSize(dir, join(dir, 'Dockerfile'))).toBe(1010 + 13); // main.go, Dockerfile, .dockerignore itself
    writeFileSync(join(dir, 'Dockerfile.dockerignore'), '*\n!main.go\n');
    expect(contextSize(dir, join(dir, 'Dockerfile'))).toBe(1000);
  });

  it('one-stage = builder base (when local) + context; null when the base is not in the local store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docker-ms-ctx-'));
    writeFileSync(join(dir, 'main.go'), 'x'.repeat(500));
    const sizes: Record<string, number> = { 'golang:1.26-bookworm': 800_000_000 };
    const sizeOf = async (ref: string) => sizes[ref] ?? null;
    expect(await oneStageSize('golang:1.26-bookworm', dir, join(dir, 'Dockerfile'), sizeOf)).toBe(800_000_500);
    expect(await oneStageSize('rust:1.95', dir, join(dir, 'Dockerfile'), sizeOf)).toBeNull();
    expect(await oneStageSize('scratch', dir, join(dir, 'Dockerfile'), sizeOf)).toBe(500);
  });

  it('one table for several images, with notes for what could not be measured', () => {
    const lines = sizeTable([
      figures({}),
      figures({ image: 'rust-api:latest', size: null, oneStageSize: null, reduction: null, builderBase: 'rust:1.95-bookworm', steps: null, seconds: 3 }),
    ], styler(false));
    expect(lines[0]).toMatch(/^image +stage +size +runtime base +one-stage ≈ +saved +time +cached$/);
    expect(lines[1]).toMatch(/^go-api:latest +runtime +8\.1 MB +gcr\.io\/distroless\/static-debian12:nonroot +880\.0 MB +−99 % +12\.3 s +4\/5$/);
    expect(lines[2]).toMatch(/^rust-api:latest +runtime +\? +gcr\.io\S+ +\? +– +3\.0 s +–$/);
    expect(lines).toContain('rust-api:latest: no one-stage figure, rust:1.95-bookworm is not in the local image store');
    expect(lines.some((l) => l.startsWith('one-stage ≈ builder base image + build context'))).toBe(true);
    // columns line up
    expect(lines[1].indexOf('runtime ')).toBe(lines[0].indexOf('stage'));
  });

  it('colours the header and the saving only when the style colours', () => {
    const [header, row] = sizeTable([figures({})], styler(true));
    expect(header.startsWith('\u001b[1mimage')).toBe(true);
    expect(row).toContain('\u001b[32m−99 %\u001b[39m');
  });

  it('a multi-stage image bigger than the one-stage estimate reads as larger, signed, not green', () => {
    expect(savedPercent(0.87)).toBe('−87 %');
    expect(savedPercent(-0.66)).toBe('+66 % larger');
    expect(savedPercent(-0.001)).toBe('−0 %');
    expect(savedPercent(null)).toBe('–');
    const big = figures({ size: 1_460_800_000, oneStageSize: 880_000_000, reduction: reduction(1_460_800_000, 880_000_000) });
    const [, plain] = sizeTable([big], styler(false));
    expect(plain).toMatch(/ \+66 % larger +12\.3 s/);
    expect(plain).not.toContain('−-');
    const [, coloured] = sizeTable([big], styler(true));
    expect(coloured).not.toContain('\u001b[32m');
  });

  it('the metadata JSON carries the same figures', () => {
    expect(figuresMetadata(figures({}))).toEqual({
      stage: 'runtime', runtimeBase: 'gcr.io/distroless/static-debian12:nonroot', builderBase: 'golang:1.26-bookworm',
      oneStageSize: 880_000_000, oneStageSizeIsEstimate: true, reduction: 0.991, seconds: 12.34, steps: 5, cachedSteps: 4,
    });
  });

  it('the figures read back from a metadata file are the ones the build showed (one table over several builds)', () => {
    const f = figures({});
    const metadata = JSON.parse(JSON.stringify({ imageId: 'sha256:1', tags: ['go-api:latest'], size: f.size, target: 'runtime', engine: 'docker', report: figuresMetadata(f) }));
    expect(figuresFromMetadata(metadata)).toEqual({ ...f, reduction: 0.991 });
    expect(sizeTable([figuresFromMetadata(metadata)!], styler(false))[1]).toBe(sizeTable([f], styler(false))[1]);
    // an up-to-date build shows no step counts but says so; files that are not ours give nothing
    const upToDate = figuresFromMetadata({ ...metadata, upToDate: true, report: { ...metadata.report, steps: null, cachedSteps: null } });
    expect(upToDate).toMatchObject({ upToDate: true, steps: null });
    expect(sizeTable([upToDate!], styler(false))[1]).toMatch(/ 12\.3 s +up to date$/);
    expect(sizeTable([upToDate!], styler(false)).join('\n')).not.toContain('cached: –');
    for (const other of [null, 'x', { name: 'app', version: '1.0.0' }, { imageId: 'sha256:1', tags: ['a'] }]) expect(figuresFromMetadata(other)).toBeNull();
  });
});

describe('countSteps (steps and cache hits from plain output)', () => {
  it('BuildKit: numbered steps, CACHED records; FROM and [internal] are not steps', () => {
    const out = [
      '#1 [internal] load build definition from Dockerfile', '#2 [internal] load metadata for docker.io/library/golang:1.26',
      '#3 [build 1/4] FROM docker.io/library/golang:1.26', '#3 CACHED',
      '#4 [build 2/4] COPY go.mod ./', '#4 CACHED', '#5 [build 3/4] RUN go mod download', '#5 CACHED',
      '#6 [build 4/4] RUN go build', '#6 DONE 3.2s', '#7 [runtime 2/2] COPY --from=build /out/app /app', '#7 DONE 0.1s',
    ].join('\n');
    expect(countSteps(out)).toEqual({ total: 4, cached: 2 });
  });
  it('the legacy builder and podman/buildah', () => {
    expect(countSteps('Step 1/3 : FROM golang\nStep 2/3 : COPY . .\n ---> Using cache\n ---> abc\nStep 3/3 : RUN go build\n ---> Running in x\n')).toEqual({ total: 2, cached: 1 });
    expect(countSteps('STEP 1/3: FROM golang AS build\nSTEP 2/3: COPY . .\n--> Using cache 123\nSTEP 3/3: RUN go build\n--> Using cache\n')).toEqual({ total: 2, cached: 1 });
  });
  it('null when the output shows no steps (live display, quiet)', () => {
    expect(countSteps('sha256:abc\n')).toBeNull();
  });
});

describe('resolveProgress', () => {
  it('auto: the engine\'s live display on a terminal outside CI, plain otherwise; quiet wins', () => {
    expect(resolveProgress('auto', false, true, {})).toBe('tty');
    expect(resolveProgress('auto', false, true, { CI: 'true' })).toBe('plain');
    expect(resolveProgress('auto', false, true, { CI: 'false' })).toBe('tty');
    expect(resolveProgress('auto', false, false, {})).toBe('plain');
    expect(resolveProgress('tty', false, false, {})).toBe('tty');
    expect(resolveProgress('plain', true, true, {})).toBe('quiet');
  });
});
