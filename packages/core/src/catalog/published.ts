// Which image tags exist upstream (published-tags.json, written by scripts/catalog/published-tags.js from
// the newest official-images and distroless snapshots reachable on 2026-12-01: both dated 2026-08-21, so
// tags published after that, such as rust 1.99+, are unknown; re-run the script to refresh).
import published from './published-tags.json';

const REPOS: Record<string, { current: string[]; frozen: string[] }> = published.images;
const DISTROLESS = new Map(published.distrolessImages.map((d) => [d.image, d.tags]));

/** Where the list was read from, for docs and messages. */
export const PUBLISHED_SOURCES = { officialImages: published.officialImages, distroless: published.distroless };

/** Images that publish another image's tags: nginx-unprivileged rebuilds every official nginx release under its tags. */
const SAME_TAGS_AS: Record<string, string> = { 'nginxinc/nginx-unprivileged': 'nginx' };

function split(ref: string): { repo: string; tag: string } {
  const colon = ref.lastIndexOf(':');
  const { repo, tag } = colon === -1 ? { repo: ref, tag: 'latest' } : { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: SAME_TAGS_AS[repo] ?? repo, tag };
}

/** True when upstream ever published `repo:tag` (official images) or lists it now (distroless). */
export function isPublished(ref: string): boolean {
  if (ref === 'scratch') return true;
  const { repo, tag } = split(ref);
  if (repo.startsWith('gcr.io/distroless/')) return DISTROLESS.get(repo)?.includes(tag) ?? false;
  const tags = REPOS[repo];
  return !!tags && (tags.current.includes(tag) || tags.frozen.includes(tag));
}

/** True when upstream still rebuilds the tag (security fixes); false for frozen or unknown tags. */
export function isMaintained(ref: string): boolean {
  if (ref === 'scratch') return true;
  const { repo, tag } = split(ref);
  if (repo.startsWith('gcr.io/distroless/')) return DISTROLESS.get(repo)?.includes(tag) ?? false;
  return REPOS[repo]?.current.includes(tag) ?? false;
}

export function publishedDistroless(repo: string): boolean {
  return DISTROLESS.has(repo);
}
