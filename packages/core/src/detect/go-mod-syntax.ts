const DIRECTIVES = new Set(['module', 'go', 'toolchain', 'godebug', 'require', 'replace', 'exclude', 'retract', 'tool', 'ignore', 'use']);

/**
 * The first syntax problem of a go.mod or go.work ("3:1: unknown directive: modul"), in the spirit of
 * `go mod edit`'s parser: known directives, balanced blocks, closed quotes. Null when none is found.
 */
export function goModError(text: string): string | null {
  let block: number | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\/\/.*$/, '').trim();
    if (line === '') continue;
    if ((line.match(/"/g) ?? []).length % 2 === 1) return `${i + 1}:${lines[i].indexOf('"') + 1}: unterminated quoted string`;
    if (block !== null) {
      if (line === ')') block = null;
      else if (line.endsWith('(')) return `${i + 1}:1: block opened on line ${block} is not closed before this one`;
      continue;
    }
    const word = /^[^\s(]+/.exec(line)?.[0] ?? line;
    if (!DIRECTIVES.has(word)) return `${i + 1}:${lines[i].indexOf(word) + 1}: unknown directive: ${word}`;
    if (line.endsWith('(')) block = i + 1;
    else if (line === word) return `${i + 1}:1: ${word} needs a value`;
  }
  return block === null ? null : `${block}:1: block is not closed (missing ")")`;
}
