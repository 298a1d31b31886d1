// Runtime lifecycles: which versions of each language are supported upstream and until when.
// Checked on 2026-12-01 against the sources named per language. A date is the first day a line gets
// no more fixes ("end of life"); dates in the future are the upstream's published plan.
import type { Language } from '../types';

export const LIFECYCLE_CHECKED = '2026-12-01';

export interface RuntimeLine {
  /** The version as tags carry it: node/java major, python/go major.minor, rust "1" = the stable channel. */
  version: string;
  /** ISO date from which the line gets no fixes (upstream's end of life / end of support). */
  eol: string;
  lts?: boolean;
}

export const LIFECYCLE: Record<Language, RuntimeLine[]> = {
  // github.com/nodejs/Release schedule.json: even majors are LTS for 30 months, odd majors get 8.
  node: [
    { version: '18', eol: '2025-04-30', lts: true },
    { version: '20', eol: '2026-04-30', lts: true },
    { version: '21', eol: '2024-06-01' },
    { version: '22', eol: '2027-04-30', lts: true },
    { version: '23', eol: '2025-06-01' },
    { version: '24', eol: '2028-04-30', lts: true },
    { version: '25', eol: '2026-06-01' },
    { version: '26', eol: '2029-04-30', lts: true },
  ],
  // devguide.python.org/versions: five years per feature release, ending in October.
  python: [
    { version: '3.9', eol: '2025-10-31' },
    { version: '3.10', eol: '2026-10-31' },
    { version: '3.11', eol: '2027-10-31' },
    { version: '3.12', eol: '2028-10-31' },
    { version: '3.13', eol: '2029-10-31' },
    { version: '3.14', eol: '2030-10-31' },
  ],
  // go.dev/doc/devel/release#policy: "each major Go release is supported until there are two newer
  // major releases" — releases come in February and August (dates of the release that ends a line;
  // 1.28 and 1.29 are the planned months).
  go: [
    { version: '1.22', eol: '2025-02-11' },
    { version: '1.23', eol: '2025-08-12' },
    { version: '1.24', eol: '2026-02-10' },
    { version: '1.25', eol: '2026-08-11' },
    { version: '1.26', eol: '2027-02-01' },
    { version: '1.27', eol: '2027-08-01' },
  ],
  // forge.rust-lang.org (release process): only the newest stable release gets fixes; a new one ships
  // every six weeks (rustReleaseDate) and the `rust:1-*` tags follow it. A pinned 1.x is out of
  // support once the next release ships.
  rust: [{ version: '1', eol: '9999-12-31' }],
  // adoptium.net/support (Eclipse Temurin): LTS lines "at least until" the given month; feature
  // releases end when the next one ships (March/September).
  java: [
    { version: '8', eol: '2030-12-31', lts: true },
    { version: '11', eol: '2027-10-31', lts: true },
    { version: '17', eol: '2027-10-31', lts: true },
    { version: '21', eol: '2029-12-31', lts: true },
    { version: '24', eol: '2025-09-16' },
    { version: '25', eol: '2031-09-30', lts: true },
    { version: '26', eol: '2026-09-15' },
  ],
};

/**
 * The web server of node's static variant. nginx.org ships one stable line each April (the even minor of the
 * year's mainline) and fixes it until the next one: 1.28.0 came on 2025-04-23, 1.30.0 in April 2026.
 */
export const NGINX_LIFECYCLE: RuntimeLine[] = [
  { version: '1.26', eol: '2025-04-23' },
  { version: '1.28', eol: '2026-04-30' },
  { version: '1.30', eol: '2027-04-30' },
];

/** nginx stable line of the static variant's runtime image (nginxinc/nginx-unprivileged:<line>-trixie). */
export const NGINX_VERSION = '1.30';

/** End of life of an nginx line (`1.28`), or null while it is supported or newer than the table (mainline lines are odd). */
export function nginxEndOfLife(version: string, on = today()): { eol: string; replacement: string } | null {
  const line = NGINX_LIFECYCLE.find((l) => l.version === version);
  if (line) return line.eol <= on ? { eol: line.eol, replacement: NGINX_VERSION } : null;
  const [major, minor] = version.split('.').map(Number);
  if (major === 1 && minor < Number(NGINX_LIFECYCLE[0].version.split('.')[1])) return { eol: NGINX_LIFECYCLE[0].eol, replacement: NGINX_VERSION };
  return null;
}

/** Default line per language: the newest LTS (node, java) or stable line whose images exist today. */
export const DEFAULT_VERSIONS: Record<Language, string> = {
  // 26 is the Active LTS since 2026-10-20 (24 moved to maintenance then); Node ≥ 25 ships no corepack
  node: '26',
  python: '3.14',
  // 1.27 is supported too; 1.26 is the newest line the e2e stand-ins can run at its own version
  // (the machines have Go 1.26), and it stays supported until February 2027.
  go: '1.26',
  rust: '1',
  java: '25',
};

export const today = (): string => new Date().toISOString().slice(0, 10);

function numbers(v: string): number[] {
  return v.split('.').map(Number);
}

function compare(a: string, b: string): number {
  const [x, y] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Lines still supported on `on`, oldest first. */
export function supportedLines(language: Language, on = today()): RuntimeLine[] {
  return LIFECYCLE[language].filter((l) => l.eol > on).sort((a, b) => compare(a.version, b.version));
}

export interface EndOfLife {
  language: Language;
  version: string;
  /** Date the line ended; for versions older than every listed line, the oldest listed date. */
  eol: string;
  /** The catalog default to move to. */
  replacement: string;
}

/**
 * End-of-life facts for a tag version (`20`, `3.9`, `1.22`, `1.83`), or null while it is supported or
 * unknown (newer than the table). Versions older than the oldest listed line count as past end of life.
 */
export function endOfLife(language: Language, version: string, on = today()): EndOfLife | null {
  if (!/^\d+(\.\d+)*$/.test(version)) return null;
  const lines = LIFECYCLE[language];
  const replacement = DEFAULT_VERSIONS[language];
  const exact = lines.find((l) => l.version === version);
  if (exact) return exact.eol <= on ? { language, version, eol: exact.eol, replacement } : null;
  if (language === 'rust' && version !== '1') {
    const minor = numbers(version)[1];
    if (numbers(version)[0] !== 1 || minor === undefined) return null;
    const eol = rustReleaseDate(minor + 1);
    return eol <= on ? { language, version, eol, replacement } : null;
  }
  const oldest = [...lines].sort((a, b) => compare(a.version, b.version))[0];
  if (compare(version, oldest.version) < 0) return { language, version, eol: oldest.eol, replacement };
  return null;
}

/** Rust ships 1.N every six weeks on a Thursday: 1.85 on 2025-02-20 (blog.rust-lang.org). */
export function rustReleaseDate(minor: number): string {
  const day = Date.UTC(2025, 1, 20) + (minor - 85) * 42 * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

/** One sentence: "node 20 reached end of life on 2026-04-30; move to 24". */
export function describeEndOfLife(e: EndOfLife): string {
  const name = e.language === 'go' ? 'Go' : e.language;
  return `${name} ${e.version} reached end of life on ${e.eol}; move to ${e.replacement}`;
}
