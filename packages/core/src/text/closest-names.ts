function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Up to `limit` candidates within a few edits of `word` (or containing it), closest first. */
export function closestNames(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const w = word.toLowerCase();
  const allowed = Math.max(2, Math.floor(w.length / 3));
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
