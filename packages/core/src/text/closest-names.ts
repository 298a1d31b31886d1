/** Edits between two words; swapping two neighbours (`pyhton`, `biuld`) counts as one. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Up to `limit` candidates within a few edits of `word` (or containing it), closest first. */
export function closestNames(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const w = word.toLowerCase();
  const allowed = Math.max(1, Math.floor(w.length / 3));
  return [...candidates]
    .map((name) => {
      const n = name.toLowerCase();
      return { name, d: n.includes(w) || w.includes(n) ? Math.min(1, distance(w, n)) : distance(w, n) };
    })
    .filter(({ d }) => d <= allowed)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

/** `; did you mean 'x'?` for the closest candidate (quoted with `quote`), or '' when none is close. */
export function didYouMean(word: unknown, candidates: Iterable<string>, quote = "'"): string {
  if (typeof word !== 'string' || word === '') return '';
  const [close] = closestNames(word, candidates, 1);
  return close === undefined ? '' : `; did you mean ${quote}${close}${quote}?`;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * BuildKit's own "did you mean" (util/suggest Search, case-sensitive as on Linux): the first option fewer than
 * three edits away, a closer one replacing it; none when an option is the word itself.
 */
export function buildkitSuggestion(word: string, options: Iterable<string>): string | undefined {
  let match: string | undefined;
  let best = 3;
  for (const option of options) {
    if (option === word) return undefined;
    const d = levenshtein(word, option);
    if (d < best) {
      match = option;
      best = d;
    }
  }
  return match;
}
