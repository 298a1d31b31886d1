/**
 * Turns a version or version range from a project file into one image-tag version.
 *
 * Ranges understood: npm/semver (`^18.17`, `~20.1`, `>=18 <21`, `18.x`, `18 - 20`, `a || b`),
 * PEP 440 (`>=3.11`, `~=3.11`, `==3.11.*`, `>=3.9,<3.12`, `!=` is ignored) and Poetry (`^3.10`, `~3.10`, bare `3.11`).
 *
 * Choice, at the granularity of the image tag (major for node, major.minor for python and rust):
 * 1. the current default (the catalog's default tag) when the range allows it — so an open floor
 *    like `>=18` or `>=3.8` gets a supported, current runtime rather than an end-of-life one;
 * 2. else the floor, when the default is older than the range (`>=24` → 24);
 * 3. else the newest version below the ceiling (`^18.17` → 18, `>=3.9,<3.12` → 3.11).
 * Across `||` alternatives: the default if any alternative allows it, else the newest choice.
 * A range with no bound at all (`*`, `x`) gives null: "use the default".
 */

type Triple = [number, number, number];

interface Interval {
  lower: Triple | null; // inclusive
  upper: Triple | null; // exclusive
}

export interface Reduction {
  version: string | null;
  /** Why this version, for evidence ("lower bound only; default 22 satisfies it"). */
  reason: string;
}

const INFINITY: Triple = [Infinity, 0, 0];

function cmp(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function pad(parts: number[]): Triple {
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

/** The first version after every version that starts with parts[0..=index]: bump([18,17], 0) = 19.0.0. */
function bump(parts: number[], index: number): Triple {
  const out = parts.slice(0, index + 1);
  out[index] = (out[index] ?? 0) + 1;
  return pad(out);
}

const VERSION = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+._]?[A-Za-z][0-9A-Za-z.\-+]*|\.\*)?$/;

/** Numbers given before the first wildcard: '3.11.*' → [3, 11]; '*' → []. Null when not a version. */
function parseVersion(text: string): number[] | null {
  const m = VERSION.exec(text);
  if (!m) return null;
  const parts: number[] = [];
  for (const p of m.slice(1, 4)) {
    if (p === undefined || /^[xX*]$/.test(p)) break;
    parts.push(Number(p));
  }
  return parts;
}

function comparator(op: string, parts: number[]): Interval | null {
  const n = parts.length;
  if (n === 0) return op === '<' || op === '>' ? null : { lower: null, upper: null };
  const exact = n === 3;
  switch (op) {
    case '':
    case '=':
    case '==':
    case '===':
      return { lower: pad(parts), upper: bump(parts, n - 1) };
    case '>=':
      return { lower: pad(parts), upper: null };
    case '>':
      return { lower: bump(parts, n - 1), upper: null };
    case '<':
      return { lower: null, upper: pad(parts) };
    case '<=':
      return { lower: null, upper: exact ? bump(parts, 2) : bump(parts, n - 1) };
    case '^': {
      const level = parts[0] > 0 || n === 1 ? 0 : parts[1] > 0 || n === 2 ? 1 : 2;
      return { lower: pad(parts), upper: bump(parts, level) };
    }
    case '~':
      return { lower: pad(parts), upper: bump(parts, n >= 2 ? 1 : 0) };
    case '~=':
      return { lower: pad(parts), upper: n >= 2 ? bump(parts, n - 2) : null };
    case '!=':
      return { lower: null, upper: null };
    default:
      return null;
  }
}

function intersect(a: Interval, b: Interval): Interval {
  const lower = !a.lower ? b.lower : !b.lower ? a.lower : cmp(a.lower, b.lower) >= 0 ? a.lower : b.lower;
  const upper = !a.upper ? b.upper : !b.upper ? a.upper : cmp(a.upper, b.upper) <= 0 ? a.upper : b.upper;
  return { lower, upper };
}

/** One `||` alternative: comparators separated by spaces or commas, or a hyphen range. Null if unparsable. */
function parseAlternative(text: string): Interval | null {
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
  if (hyphen) {
    const from = parseVersion(hyphen[1]);
    const to = parseVersion(hyphen[2]);
    if (!from || !to) return null;
    const upper = comparator('<=', to);
    return { lower: from.length ? pad(from) : null, upper: upper?.upper ?? null };
  }
  // Join operators to their version ('>= 3.8' → '>=3.8'), then split on commas and spaces.
  const tokens = text
    .replace(/(\^|~=|~|>=|<=|>|<|===|==|=|!=)\s+/g, '$1')
    .split(/[\s,]+/)
    .filter(Boolean);
  let result: Interval = { lower: null, upper: null };
  for (const token of tokens) {
    const m = /^(\^|~=|~|>=|<=|>|<|===|==|=|!=)?(.*)$/.exec(token)!;
    const parts = parseVersion(m[2]);
    if (!parts) return null;
    const c = comparator(m[1] ?? '', parts);
    if (!c) return null;
    result = intersect(result, c);
  }
  return result;
}

function format(t: number[], granularity: number): string {
  return t.slice(0, granularity).join('.');
}

/** The tag-level version chosen inside one interval (see the rules at the top), or null if the interval is empty. */
function choose(iv: Interval, current: Triple, granularity: 1 | 2): { t: Triple; reason: string } | null {
  const lower = iv.lower ?? [0, 0, 0];
  const upper = iv.upper ?? INFINITY;
  if (cmp(lower, upper) >= 0) return null;
  const allowed = (t: Triple): boolean => cmp(t, upper) < 0 && cmp(bump(t, granularity - 1), lower) > 0;
  const trunc = (t: Triple): Triple => pad(t.slice(0, granularity));

  if (cmp(bump(trunc(lower), granularity - 1), upper) >= 0) return { t: trunc(lower), reason: 'the only version the range allows' };
  if (allowed(current)) {
    const reason = iv.upper ? 'the default fits the range' : 'lower bound only; the default satisfies it';
    return { t: current, reason };
  }
  if (cmp(bump(current, granularity - 1), lower) <= 0) return { t: trunc(lower), reason: 'the lower bound, newer than the default' };
  // Newest tag-level version below the ceiling.
  let t = trunc(upper);
  if (!allowed(t)) {
    const prev = [...t.slice(0, granularity)];
    prev[granularity - 1] -= 1;
    t = pad(prev);
  }
  if (t[granularity - 1] < 0 || !allowed(t)) return { t: trunc(lower), reason: 'the lower bound' };
  return { t, reason: 'the newest version the range allows' };
}

/**
 * Reduce `spec` to a tag version of `granularity` parts (1 = major, 2 = major.minor).
 * `current` is the catalog's default version for the language, e.g. [22] or [3, 12].
 */
export function reduceVersionRange(spec: string, current: readonly number[], granularity: 1 | 2): Reduction {
  const text = spec.trim();
  const alternatives = text.split('||').map((a) => a.trim());
  const cur = pad(current.slice(0, granularity));
  const choices: Array<{ t: Triple; reason: string }> = [];
  let unbounded = false;
  for (const alt of alternatives) {
    const iv = parseAlternative(alt);
    if (!iv) return { version: null, reason: `not a version range I understand` };
    if (!iv.lower && !iv.upper) {
      unbounded = true;
      continue;
    }
    const c = choose(iv, cur, granularity);
    if (c) choices.push(c);
  }
  const atCurrent = choices.find((c) => cmp(c.t, cur) === 0);
  if (atCurrent) return { version: format(atCurrent.t, granularity), reason: atCurrent.reason };
  if (unbounded) return { version: null, reason: 'no bound; using the default' };
  if (choices.length === 0) return { version: null, reason: 'the range allows no version' };
  const best = choices.reduce((a, b) => (cmp(b.t, a.t) > 0 ? b : a));
  return { version: format(best.t, granularity), reason: best.reason };
}

/** An exact version string (not a range) cut to the tag granularity: 'v20.11.1' → '20', '3.11.4' → '3.11', 'go1.22.5' → '1.22'. */
export function truncateVersion(text: string, granularity: 1 | 2): string | null {
  const m = /(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return null;
  if (granularity === 1) return m[1];
  return m[2] === undefined ? null : `${m[1]}.${m[2]}`;
}

/** A Java version in any common spelling → its feature release: '1.8' → '8', '17.0.2' → '17', 'temurin-21.0.1+12' → '21'. */
export function javaMajor(text: string): string | null {
  const m = /(?:^|[^\w.])(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!m) return null;
  if (m[1] === '1' && m[2] !== undefined) return m[2];
  return String(Number(m[1]));
}
