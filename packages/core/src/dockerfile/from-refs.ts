import { modelOf, type DockerfileSource } from './parse';

export interface FromImage {
  /** 1-based line of the FROM instruction. */
  line: number;
  /** The image argument as written (name[:tag][@digest]), without flags or `AS name`. */
  ref: string;
  /** Offsets of `ref` in the text. */
  start: number;
  end: number;
  digest: string | null;
  usesArg: boolean;
  /** The image names an earlier stage (`FROM build AS runtime`), not a registry image. */
  isStage: boolean;
}

/** Every FROM image of a Dockerfile with its exact position. */
export function fromImages(dockerfile: DockerfileSource): FromImage[] {
  const model = modelOf(dockerfile);
  const { text } = model;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  const stages = new Set<string>();
  const result: FromImage[] = [];
  for (const { from, key } of model.stages) {
    const range = from.getImageRange();
    if (range) {
      const ref = text.slice(offset(range.start), offset(range.end));
      result.push({
        line: range.start.line + 1,
        ref,
        start: offset(range.start),
        end: offset(range.end),
        digest: from.getImageDigest(),
        usesArg: ref.includes('$'),
        isStage: stages.has(ref.toLowerCase()),
      });
    }
    if (key) stages.add(key);
  }
  return result;
}

/** Replace the image of the given FROM lines; edits is a map from FromImage.start to the new ref. */
export function replaceFromImages(text: string, images: FromImage[], edits: Map<number, string>): string {
  let out = text;
  for (const image of [...images].sort((a, b) => b.start - a.start)) {
    const next = edits.get(image.start);
    if (next !== undefined) out = out.slice(0, image.start) + next + out.slice(image.end);
  }
  return out;
}

/** Leading version numbers of an image ref: `node:22-bookworm-slim` → [22], `gcr.io/distroless/nodejs22-debian12:nonroot` → [22]. */
export function refVersion(ref: string): number[] | null {
  const withoutDigest = ref.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', slash + 1);
  const name = colon === -1 ? withoutDigest.slice(slash + 1) : withoutDigest.slice(slash + 1, colon);
  const tag = colon === -1 ? '' : withoutDigest.slice(colon + 1);
  const fromTag = /^v?(\d+(?:\.\d+)*)/.exec(tag);
  const fromName = /[a-z](\d+(?:\.\d+)*)$/.exec(name.split('-')[0]);
  const found = fromTag?.[1] ?? fromName?.[1];
  return found ? found.split('.').map(Number) : null;
}

/** Image name without tag or digest: `gcr.io/distroless/nodejs22-debian12:nonroot` → `gcr.io/distroless/nodejs22-debian12`. */
export function refRepository(ref: string): string {
  const withoutDigest = ref.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', slash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
