import { describeImage } from './catalog';
import { isMaintained } from './published';
import { CATALOG_HISTORY, compareReleases, imageMovesBetween, type CatalogRelease } from './history';

const history: CatalogRelease[] = [
  { version: '0.3.0', moves: [{ from: 'node:22-bookworm-slim', to: 'node:24-bookworm-slim' }] },
  {
    version: '0.2.0',
    moves: [
      { from: 'node:20-bookworm-slim', to: 'node:22-bookworm-slim' },
      { from: 'golang:1.21-bookworm', to: 'golang:1.22-bookworm' },
    ],
  },
];

describe('catalog history', () => {
  it('compares release versions numerically', () => {
    expect(compareReleases('0.10.0', '0.9.1')).toBeGreaterThan(0);
    expect(compareReleases('0.2.0', '0.2.0')).toBe(0);
    expect(compareReleases('0.1.0', '0.2.0')).toBeLessThan(0);
  });

  it('chains moves across releases so nothing stops at an intermediate default', () => {
    expect(imageMovesBetween('0.1.0', '0.3.0', history)).toEqual(
      expect.arrayContaining([
        { from: 'node:20-bookworm-slim', to: 'node:24-bookworm-slim' },
        { from: 'node:22-bookworm-slim', to: 'node:24-bookworm-slim' },
        { from: 'golang:1.21-bookworm', to: 'golang:1.22-bookworm' },
      ]),
    );
    expect(imageMovesBetween('0.1.0', '0.3.0', history)).toHaveLength(3);
  });

  it('only includes releases after the installed one and up to the target', () => {
    expect(imageMovesBetween('0.2.0', '0.3.0', history)).toEqual([{ from: 'node:22-bookworm-slim', to: 'node:24-bookworm-slim' }]);
    expect(imageMovesBetween('0.1.0', '0.2.0', history)).toHaveLength(2);
    expect(imageMovesBetween('0.3.0', '0.4.0', history)).toEqual([]);
  });

  it('has released entries with a valid version and no ref moved onto itself', () => {
    for (const release of CATALOG_HISTORY) {
      expect(release.version).toMatch(/^\d+\.\d+\.\d+$/);
      for (const move of release.moves) expect(move.from).not.toBe(move.to);
    }
  });

  it('moves only to refs the current catalog produces, so migrated files match what the generator writes', () => {
    const latest = imageMovesBetween('0.0.0', '999.0.0');
    for (const { to } of latest) {
      expect(describeImage(to)).toBeDefined();
      expect(isMaintained(to)).toBe(true);
    }
  });

  it('0.3.0 keeps supported lines and moves end-of-life ones to the default', () => {
    const moves = new Map(imageMovesBetween('0.2.0', '0.3.0').map((m) => [m.from, m.to]));
    expect(moves.get('node:22-bookworm-slim')).toBe('node:22-trixie-slim');
    expect(moves.get('golang:1.22-bookworm')).toBe('golang:1.26-trixie');
    expect(moves.get('gcr.io/distroless/static-debian12:nonroot')).toBe('gcr.io/distroless/static-debian13:nonroot');
  });
});
