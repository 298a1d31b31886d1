/** One POSIX shell word: as is when it holds only safe characters, else in single quotes ('\'' for a quote). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9@%+=:,./_-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Dockerfile double-quoted word (LABEL names and values) that docker reads back literally: `\`, `"` and `$`
 * escaped, so `$5` or `${PATH}` are not expanded and backslashes are not doubled.
 */
export function dockerfileQuote(value: string): string {
  return `"${value.replace(/[\\"$]/g, '\\$&')}"`;
}
