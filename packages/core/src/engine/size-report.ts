// The figures after a build: image size, the runtime base it sits on, and what a one-stage build of the
// same app would weigh (the builder base image plus the build context), with time and cache hits.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contextFiles } from '../context/matcher';
import { nodeFileReader } from '../detect/file-reader';
import { stageChain, type DockerfileModel } from '../dockerfile/parse';
import type { Style } from '../text/style';
import type { StepCount } from './build-steps';
import { formatSize } from './build-report';

export interface BuildFigures {
  image: string;
  stage: string | null;
  /** Bytes of the built image, null when the engine does not keep it locally. */
  size: number | null;
  /** The base image the built stage sits on (`scratch`, a distroless or slim image…). */
  runtimeBase: string | null;
  /** The base image of the first stage, where the app is built. */
  builderBase: string | null;
  /**
   * A one-stage build of the same app: the builder base image plus the build context. An estimate (it leaves
   * out what the build adds); null when the builder base is not in the local store.
   */
  oneStageSize: number | null;
  /** 1 - size / oneStageSize, e.g. 0.87. */
  reduction: number | null;
  seconds: number;
  /** Steps run and taken from the cache (FROM not counted); null when the output was not read (tty, quiet). */
  steps: StepCount | null;
  /** The tags already named an image built from the same inputs: the engine did not run. */
  upToDate?: boolean;
}

/** The base images of the built stage and of the first (builder) stage, following stage-to-stage FROMs. */
export function baseImages(model: DockerfileModel, target: string | undefined): { runtime: string | null; builder: string | null } {
  const root = (index: number) => {
    const stage = model.stages[index];
    return stage ? stageChain(stage).at(-1)?.image ?? null : null;
  };
  const built = target ? model.stages.findIndex((s) => s.key === target.toLowerCase()) : model.stages.length - 1;
  return { runtime: root(built < 0 ? model.stages.length - 1 : built), builder: root(0) };
}

export function reduction(size: number | null, oneStage: number | null): number | null {
  return size !== null && oneStage !== null && oneStage > 0 ? 1 - size / oneStage : null;
}

/** Bytes a build context sends: the files its ignore file lets through (`<Dockerfile>.dockerignore` first, as BuildKit does). */
export function contextSize(contextDir: string, dockerfile: string): number {
  const ignoreFile = [`${dockerfile}.dockerignore`, join(contextDir, '.dockerignore')].find((f) => existsSync(f));
  const ignore = ignoreFile ? readFileSync(ignoreFile, 'utf8') : '';
  const root = resolve(contextDir);
  return contextFiles(nodeFileReader(root), ignore).reduce((sum, file) => sum + statSync(join(root, file)).size, 0);
}

/** The one-stage estimate: builder base size (from `sizeOf`, null when not local) plus the context. */
export async function oneStageSize(
  builderBase: string | null,
  contextDir: string,
  dockerfile: string,
  sizeOf: (ref: string) => Promise<number | null>,
): Promise<number | null> {
  if (!builderBase) return null;
  const base = builderBase === 'scratch' ? 0 : await sizeOf(builderBase);
  if (base === null) return null;
  return base + contextSize(contextDir, dockerfile);
}

/** The saving as a signed figure: `−87 %` when the image is smaller than the one-stage estimate, `+66 % larger` when bigger. */
export function savedPercent(r: number | null): string {
  if (r === null) return '–';
  const points = Math.round(Math.abs(r) * 100);
  return r < 0 && points > 0 ? `+${points} % larger` : `−${points} %`;
}
const percent = savedPercent;

/** One table for one build or many: a header and a row per image, plain text (coloured when `style` colours). */
export function sizeTable(figures: BuildFigures[], style: Style): string[] {
  const header = ['image', 'stage', 'size', 'runtime base', 'one-stage ≈', 'saved', 'time', 'cached'];
  const rows = figures.map((f) => [
    f.image,
    f.stage ?? '–',
    formatSize(f.size ?? undefined).replace('size unknown', '?'),
    f.runtimeBase ?? '–',
    f.oneStageSize === null ? '?' : formatSize(f.oneStageSize),
    percent(f.reduction),
    `${f.seconds.toFixed(1)} s`,
    f.upToDate ? 'up to date' : f.steps ? `${f.steps.cached}/${f.steps.total}` : '–',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const notes: string[] = [];
  if (figures.some((f) => f.oneStageSize !== null)) notes.push('one-stage ≈ builder base image + build context (a one-stage build also keeps what the build adds)');
  for (const f of figures) {
    if (f.oneStageSize === null && f.builderBase) notes.push(`${f.image}: no one-stage figure, ${f.builderBase} is not in the local image store`);
  }
  if (figures.some((f) => !f.steps && !f.upToDate)) notes.push('cached: – where the engine showed no steps (its live display or quiet; --progress plain counts them)');
  return [style.bold(line(header)), ...rows.map((cells, i) => {
    const text = line(cells);
    const saved = figures[i].reduction;
    // only a real saving is green
    return saved !== null && saved >= 0 ? text.replace(percent(saved), style.green(percent(saved))) : text;
  }), ...notes.map((n) => style.dim(n))];
}

/** The figures as the metadata JSON carries them. */
export function figuresMetadata(f: BuildFigures) {
  return {
    stage: f.stage,
    runtimeBase: f.runtimeBase,
    builderBase: f.builderBase,
    oneStageSize: f.oneStageSize,
    oneStageSizeIsEstimate: true,
    reduction: f.reduction === null ? null : Math.round(f.reduction * 1000) / 1000,
    seconds: f.seconds,
    steps: f.steps?.total ?? null,
    cachedSteps: f.steps?.cached ?? null,
  };
}


/**
 * The figures back from a metadata file docker-ms wrote (the `report` key, figuresMetadata's shape); null when
 * the JSON is not one (no tags, no report).
 */
export function figuresFromMetadata(json: unknown): BuildFigures | null {
  if (typeof json !== 'object' || json === null) return null;
  const m = json as Record<string, unknown>;
  const r = m.report as Record<string, unknown> | undefined;
  if (!Array.isArray(m.tags) || typeof r !== 'object' || r === null) return null;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const steps = num(r.steps);
  return {
    image: str(m.tags[0]) ?? str(m.imageId) ?? '?',
    stage: str(r.stage),
    size: num(m.size),
    runtimeBase: str(r.runtimeBase),
    builderBase: str(r.builderBase),
    oneStageSize: num(r.oneStageSize),
    reduction: num(r.reduction),
    seconds: num(r.seconds) ?? 0,
    steps: steps === null ? null : { total: steps, cached: num(r.cachedSteps) ?? 0 },
    ...(m.upToDate === true ? { upToDate: true } : {}),
  };
}
