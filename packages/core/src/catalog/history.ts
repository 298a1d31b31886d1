/**
 * Base-image defaults that earlier docker-ms releases wrote, and what the catalog writes instead now.
 * When a release moves a default, append one entry for that release; never edit a released entry.
 * Migrations (`nx migrate`, `docker-ms migrate`) rewrite only FROM lines that still equal a `from`.
 * Every `to` must be a ref the current catalog produces (history.spec checks it).
 */
export interface ImageMove {
  from: string;
  to: string;
}

export interface CatalogRelease {
  /** The docker-ms release whose catalog made the `to` refs the defaults. */
  version: string;
  moves: ImageMove[];
}

export const CATALOG_HISTORY: CatalogRelease[] = [
  // 0.1.0 is the first release; its defaults are the catalog's defaults at 0.2.0 too.
  { version: '0.2.0', moves: [] },
  // Debian 13 images; a version still supported keeps its line (the project may pin it), a line past
  // end of life (go 1.22, rust 1.83) moves to the new default. Distroless Debian 12 is no longer built.
  {
    version: '0.3.0',
    moves: [
      { from: 'node:22-bookworm-slim', to: 'node:22-trixie-slim' },
      { from: 'gcr.io/distroless/nodejs22-debian12:nonroot', to: 'gcr.io/distroless/nodejs22-debian13:nonroot' },
      { from: 'python:3.12-slim-bookworm', to: 'python:3.12-slim-trixie' },
      { from: 'golang:1.22-bookworm', to: 'golang:1.26-trixie' },
      { from: 'golang:1.22-alpine', to: 'golang:1.26-alpine' },
      { from: 'gcr.io/distroless/static-debian12:nonroot', to: 'gcr.io/distroless/static-debian13:nonroot' },
      { from: 'rust:1.83-slim-bookworm', to: 'rust:1-slim-trixie' },
      { from: 'rust:1.83-alpine', to: 'rust:1-alpine' },
      { from: 'gcr.io/distroless/cc-debian12:nonroot', to: 'gcr.io/distroless/cc-debian13:nonroot' },
      // gradle 8.10 never published JDK 25 images and is no longer rebuilt
      { from: 'gradle:8.10-jdk21', to: 'gradle:9.7-jdk21' },
      { from: 'gradle:8.10-jdk21-alpine', to: 'gradle:9.7-jdk21-alpine' },
      { from: 'gcr.io/distroless/java21-debian12:nonroot', to: 'gcr.io/distroless/java21-debian13:nonroot' },
      { from: 'gcr.io/distroless/java17-debian12:nonroot', to: 'gcr.io/distroless/java17-debian13:nonroot' },
    ],
  },
];

function parts(version: string): number[] {
  return version.split(/[.-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
}

export function compareReleases(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * Moves of the releases after `after` up to and including `upTo`, chained so that a ref moved twice
 * (a → b, then b → c) goes straight to its latest default (a → c, b → c).
 */
export function imageMovesBetween(after: string, upTo: string, history: CatalogRelease[] = CATALOG_HISTORY): ImageMove[] {
  const releases = history
    .filter((r) => compareReleases(r.version, after) > 0 && compareReleases(r.version, upTo) <= 0)
    .sort((a, b) => compareReleases(a.version, b.version));
  const target = new Map<string, string>();
  for (const { moves } of releases) {
    for (const { from, to } of moves) {
      for (const [old, current] of target) if (current === from) target.set(old, to);
      target.set(from, to);
    }
  }
  return [...target].filter(([from, to]) => from !== to).map(([from, to]) => ({ from, to }));
}
