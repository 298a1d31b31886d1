// Base images pinned by digest: `FROM name:tag@sha256:…` (the tag stays for readers and for re-resolving).
// Pure text functions; resolving a tag to its digest is the engine's (engine/digests.ts).
import { fromImages, replaceFromImages, type FromImage } from './from-refs';

export interface PinSite extends FromImage {
  /** The reference without its digest, e.g. `golang:1.26-trixie`: what a digest is resolved for. */
  image: string;
}

export interface PinChange {
  line: number;
  image: string;
  /** The digest the line had (null: it was not pinned). */
  from: string | null;
  to: string;
}

const withoutDigest = (ref: string) => ref.replace(/@sha256:[0-9a-f]{64}$/, '');

/** FROM images a digest can be resolved for: literal registry images with a tag (not stages, variables or scratch). */
export function pinSites(text: string): PinSite[] {
  return fromImages(text)
    .filter((i) => !i.isStage && !i.usesArg && withoutDigest(i.ref).toLowerCase() !== 'scratch')
    .map((i) => ({ ...i, image: withoutDigest(i.ref) }))
    .filter((i) => hasTag(i.image));
}

/** `name:tag` (a registry port is not a tag). */
export function hasTag(image: string): boolean {
  return /:[^/]+$/.test(image);
}

/** A file whose base images all carry digests: `docker-ms migrate` keeps them current. */
export function isPinned(text: string): boolean {
  const sites = pinSites(text);
  return sites.length > 0 && sites.every((s) => s.digest);
}

/** Write `image@digest` into every FROM line whose image has a digest in `digests`; the changes say which moved. */
export function applyDigests(text: string, digests: ReadonlyMap<string, string>): { text: string; changes: PinChange[] } {
  const sites = pinSites(text);
  const edits = new Map<number, string>();
  const changes: PinChange[] = [];
  for (const site of sites) {
    const to = digests.get(site.image);
    if (!to || to === site.digest) continue;
    edits.set(site.start, `${site.image}@${to}`);
    changes.push({ line: site.line, image: site.image, from: site.digest, to });
  }
  return { text: changes.length ? replaceFromImages(text, sites, edits) : text, changes };
}

/** `line 3: golang:1.26-trixie sha256:0a1b2c3d4e5f → sha256:9f8e7d6c5b4a` (12 hex digits, as docker shows ids). */
export function describePinChange(change: PinChange): string {
  const short = (d: string) => d.slice(0, 'sha256:'.length + 12);
  return `line ${change.line}: ${change.image} ${change.from ? `${short(change.from)} → ` : 'pinned to '}${short(change.to)}`;
}
