// Image-aware caching. A build task cache (Nx, Turborepo) replays a hit without running anything, so it
// cannot see that the image it stands for was removed. docker-ms keeps the record on the image itself:
// every build labels the image with a hash of what reaches the build, and a later build whose tags all
// name one image carrying the same hash skips the engine. Remove the image and the next run builds it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { contextFiles } from '../context/matcher';
import { nodeFileReader } from '../detect/file-reader';
import { buildxMetadataPath } from './command';
import type { BuildPlan } from './plan-build';
import type { ResolvedEngine } from './resolve';
import { run } from './spawn';

/** The image label holding the inputs hash. */
export const INPUTS_LABEL = 'dev.docker-ms.inputs';

/** Bumped when what the hash covers changes, so older labels never match. */
const SCHEME = 'docker-ms-inputs/1';

/** The ignore file the engine applies: `<Dockerfile>.dockerignore` first (BuildKit), else `<context>/.dockerignore`. */
export function ignoreFileFor(contextDir: string, dockerfile: string): string | null {
  return [`${dockerfile}.dockerignore`, join(contextDir, '.dockerignore')].find((f) => existsSync(f)) ?? null;
}

/**
 * A hash of exactly what reaches the build: the Dockerfile (its FROM lines are the base image refs), the
 * ignore file, every context file the ignore file lets through (path and content), the stage, build
 * arguments, user labels and platforms. Git labels are left out: a commit that changes nothing the image is
 * built from must not rebuild it. The metadata files docker-ms writes are left out too (they change after each build).
 */
export function inputsHash(plan: BuildPlan): string {
  const { options, cwd } = plan;
  const contextDir = resolve(cwd, options.context);
  const file = options.file ?? join(contextDir, 'Dockerfile');
  const ignoreFile = ignoreFileFor(contextDir, file);
  const own = new Set(
    options.metadataFile ? [options.metadataFile, buildxMetadataPath(options.metadataFile)].map((f) => relative(contextDir, f).split('\\').join('/')) : [],
  );
  const hash = createHash('sha256');
  const add = (key: string, value: string) => hash.update(`${key}\0${value.length}\0${value}\0`);
  add('scheme', SCHEME);
  add('dockerfile', plan.dockerfile.text);
  add('ignore', ignoreFile ? readFileSync(ignoreFile, 'utf8') : '');
  const files = contextFiles(nodeFileReader(contextDir), ignoreFile ? readFileSync(ignoreFile, 'utf8') : '').filter((f) => !own.has(f)).sort();
  for (const path of files) add(`file:${path}`, createHash('sha256').update(readFileSync(join(contextDir, path))).digest('hex'));
  add('target', options.target ?? '');
  const sorted = (record: Record<string, string>) => JSON.stringify(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  add('buildArgs', sorted(options.buildArgs));
  add('labels', sorted(options.labels));
  add('platforms', options.platforms.join(','));
  return hash.digest('hex').slice(0, 32);
}

/** Why this build cannot be skipped, or null when an up-to-date image may stand in for it. */
export function mustBuild(plan: BuildPlan, engine: ResolvedEngine): string | null {
  const o = plan.options;
  if (o.rebuild) return 'rebuild';
  if (o.noCache) return 'noCache';
  if (o.pull) return 'pull';
  if (o.push) return 'push';
  if (o.sbom || o.provenance) return 'attestations';
  if (o.tags.length === 0) return 'no tags';
  if (o.platforms.length > 1 || o.load === false) return 'image not loaded locally';
  if (engine.kind === 'buildah') return 'buildah';
  return null;
}

export interface UpToDateImage {
  id: string;
  size: number | null;
}

/**
 * The local image every tag names, when they all name the same one and it carries `hash`; else null
 * (a tag missing, tags on different images, another hash). One inspect call for all tags.
 */
export async function upToDateImage(engine: ResolvedEngine, tags: string[], hash: string): Promise<UpToDateImage | null> {
  const format = `{{.Id}} {{.Size}} {{index .Config.Labels "${INPUTS_LABEL}"}}`;
  const result = await run(engine.command, ['image', 'inspect', '--format', format, ...tags]);
  if (result.code !== 0) return null;
  const lines = result.stdout.trim().split('\n').map((l) => l.trim().split(' '));
  if (lines.length !== tags.length) return null;
  const [id, size] = lines[0];
  if (!lines.every(([i, , label]) => i === id && label === hash)) return null;
  return { id, size: Number.isFinite(Number(size)) ? Number(size) : null };
}
