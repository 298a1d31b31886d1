import type { ResolvedEngine } from './resolve';
import { run } from './spawn';

export interface ImageFacts {
  id: string;
  /** Bytes. */
  size: number | null;
  /** `repo@sha256:…` when the image was pushed. */
  digest: string | null;
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** buildah prints sizes for humans (`12.3 MB`). */
export function parseHumanSize(text: string): number | null {
  const m = text.trim().match(/^([\d.]+)\s*([KMGT]?B)$/i);
  return m ? Math.round(Number(m[1]) * UNITS[m[2].toUpperCase()]) : null;
}

function repoOf(tag: string): string {
  const slash = tag.lastIndexOf('/');
  const colon = tag.lastIndexOf(':');
  return colon > slash ? tag.slice(0, colon) : tag;
}

/** Id, size and (after a push) digest of a built image, or null when the engine does not have it locally. */
export async function inspectImage(engine: ResolvedEngine, tag: string): Promise<ImageFacts | null> {
  if (engine.kind === 'buildah') {
    const id = await run(engine.command, ['inspect', '--type', 'image', '--format', '{{.FromImageID}}', tag]);
    if (id.code !== 0) return null;
    const images = await run(engine.command, ['images', '--json', tag]);
    let size: number | null = null;
    try {
      const [first] = JSON.parse(images.stdout) as Array<{ size?: string }>;
      size = first?.size ? parseHumanSize(first.size) : null;
    } catch {
      // size stays unknown
    }
    // buildah's local digest is not the pushed manifest's, so none is reported.
    return { id: id.stdout.trim(), size, digest: null };
  }
  const result = await run(engine.command, ['image', 'inspect', '--format', '{{.Id}} {{.Size}} {{json .RepoDigests}}', tag]);
  if (result.code !== 0) return null;
  const [id, size, ...rest] = result.stdout.trim().split(' ');
  let digests: string[] = [];
  try {
    digests = JSON.parse(rest.join(' ')) ?? [];
  } catch {
    digests = [];
  }
  const digest = digests.find((d) => d.startsWith(`${repoOf(tag)}@`)) ?? null;
  return { id, size: Number.isFinite(Number(size)) ? Number(size) : null, digest };
}
