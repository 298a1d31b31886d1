// Resolving base-image tags to digests, for `pinDigests` and `docker-ms migrate`. The registry first (what
// the tag names now: buildx's imagetools, else docker manifest inspect), then the local store's RepoDigests
// (what was pulled), so pinning works offline for pulled images and stays current where a registry answers.
import { addManagedHeader, managedState, readManagedHeader } from '../managed/header';
import { applyDigests, describePinChange, pinSites, type PinChange } from '../dockerfile/pin-digests';
import { defaultProbe, EngineError, resolveEngine, type EngineProbe, type ResolvedEngine } from './resolve';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export interface ResolvedDigest {
  digest: string;
  source: 'registry' | 'local store';
}

/** `node` → `docker.io/library/node`, so `node:22` and a RepoDigest `docker.io/library/node@…` compare equal. */
function fullRepository(image: string): string {
  const repo = image.replace(/@.*$/, '').replace(/:[^/]+$/, '');
  const first = repo.split('/')[0];
  const hasRegistry = repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return repo;
  return `docker.io/${repo.includes('/') ? repo : `library/${repo}`}`;
}

/** Docker (and dockerd) talk plain HTTP only to loopback registries. */
const loopbackRegistry = (image: string) => /^(localhost|127\.\d+\.\d+\.\d+)(:\d+)?\//.test(fullRepository(image));

/** The digest a registry serves for the tag, or why not (first line of the client's error). */
async function registryDigest(engine: ResolvedEngine, image: string, probe: EngineProbe): Promise<string | { why: string }> {
  if (engine.kind === 'buildx') {
    const r = await probe.run(engine.command, ['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', image]);
    if (r.code === 0) {
      try {
        const digest = (JSON.parse(r.stdout) as { digest?: string }).digest;
        if (digest && DIGEST.test(digest)) return digest;
      } catch {
        // falls through to the error below
      }
    }
    return { why: firstLine(r.stderr || r.stdout) };
  }
  if (engine.kind !== 'docker') return { why: `${engine.kind} does not read registry manifests here` };
  const r = await probe.run(engine.command, ['manifest', 'inspect', '-v', ...(loopbackRegistry(image) ? ['--insecure'] : []), image]);
  if (r.code !== 0) return { why: firstLine(r.stderr || r.stdout) };
  try {
    const parsed = JSON.parse(r.stdout) as { Descriptor?: { digest?: string } } | unknown[];
    // a multi-platform index lists its manifests but not its own digest: that needs buildx's imagetools
    if (Array.isArray(parsed)) return { why: 'it is a multi-platform index, whose digest only docker buildx imagetools reports' };
    const digest = parsed.Descriptor?.digest;
    if (digest && DIGEST.test(digest)) return digest;
  } catch {
    // falls through
  }
  return { why: 'docker manifest inspect printed no digest' };
}

/** The digest the local store recorded when the image was pulled (RepoDigests), or null (built or imported locally). */
async function localDigest(engine: ResolvedEngine, image: string, probe: EngineProbe): Promise<string | null> {
  const r = await probe.run(engine.command, ['image', 'inspect', '--format', '{{json .RepoDigests}}', image]);
  if (r.code !== 0) return null;
  let digests: string[] = [];
  try {
    digests = (JSON.parse(r.stdout.trim().split('\n')[0]) as string[] | null) ?? [];
  } catch {
    return null;
  }
  const repo = fullRepository(image);
  const found = digests.find((d) => fullRepository(d) === repo);
  const digest = found?.slice(found.indexOf('@') + 1);
  return digest && DIGEST.test(digest) ? digest : null;
}

const firstLine = (text: string) => text.trim().split('\n')[0]?.replace(/^ERROR:\s*/, '').trim() || 'no answer';

/** One image's digest, or the one line that says why none was found and what to do. */
export async function resolveDigest(engine: ResolvedEngine, image: string, probe: EngineProbe = defaultProbe): Promise<ResolvedDigest | { problem: string }> {
  const remote = await registryDigest(engine, image, probe);
  if (typeof remote === 'string') return { digest: remote, source: 'registry' };
  const local = await localDigest(engine, image, probe);
  if (local) return { digest: local, source: 'local store' };
  return {
    problem: `pinDigests: no digest for ${image}: the registry did not give one (${remote.why}) and the local store has none (an image built or imported here has no digest until it is pushed or pulled); docker pull ${image} (or push it to its registry) and run again, or leave out pinDigests`,
  };
}

export interface PinOutcome {
  /** The Dockerfile with every base image at its digest (unchanged when anything could not be resolved). */
  text: string;
  changes: PinChange[];
  /** One line per image whose digest was not found; when any, nothing was pinned. */
  problems: string[];
  /** Where each digest came from, by image. */
  sources: Record<string, ResolvedDigest['source']>;
}

/**
 * Resolve every base image of a Dockerfile to its digest and write `FROM name:tag@sha256:…`. All or nothing:
 * one image without a digest leaves the text as it was. A managed file that was untouched is re-stamped,
 * so pinning (and re-pinning) keeps it managed.
 */
export async function pinBaseImages(text: string, opts: { engine?: ResolvedEngine; probe?: EngineProbe; env?: NodeJS.ProcessEnv } = {}): Promise<PinOutcome> {
  const images = [...new Set(pinSites(text).map((s) => s.image))];
  if (!images.length) return { text, changes: [], problems: [], sources: {} };
  const probe = opts.probe ?? defaultProbe;
  let engine = opts.engine;
  try {
    engine ??= await resolveEngine('auto', probe, opts.env);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    return { text, changes: [], problems: [`pinDigests: ${error.message}`], sources: {} };
  }
  const found = await Promise.all(images.map((image) => resolveDigest(engine, image, probe)));
  const problems = found.flatMap((f) => ('problem' in f ? [f.problem] : []));
  if (problems.length) return { text, changes: [], problems, sources: {} };
  const digests = new Map(images.map((image, i) => [image, (found[i] as ResolvedDigest).digest]));
  const sources = Object.fromEntries(images.map((image, i) => [image, (found[i] as ResolvedDigest).source]));
  const pinned = applyDigests(text, digests);
  const header = readManagedHeader(text);
  const restamp = pinned.changes.length > 0 && header && managedState(text) === 'untouched';
  return { text: restamp ? addManagedHeader(pinned.text, header.version) : pinned.text, changes: pinned.changes, problems, sources };
}

/** One line per pinned image: `line 3: golang:1.26-trixie sha256:0a1b… → sha256:9f8e… (registry)`. */
export function pinChangeLines(outcome: PinOutcome): string[] {
  return outcome.changes.map((change) => `${describePinChange(change)} (${outcome.sources[change.image]})`);
}
