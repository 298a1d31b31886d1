/** Longest physical line handed to dockerfile-ast, whose cost per character is high (~2 µs, mostly garbage). */
export const MAX_PARSED_LINE = 64 * 1024;

/**
 * The text with every line over `max` characters cut to its first `max` (at a space when there is one), keeping
 * a trailing line continuation so instructions and line numbers stay as they are. Linear in the text's length.
 * Returns the 1-based numbers of the lines that were cut, with their length.
 */
export function boundLines(text: string, max = MAX_PARSED_LINE): { text: string; cut: Array<{ line: number; length: number }> } {
  const cut: Array<{ line: number; length: number }> = [];
  const parts: string[] = [];
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const length = end - start;
    if (length > max) {
      const head = text.slice(start, start + max);
      const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'));
      const kept = space > 0 ? head.slice(0, space) : head;
      const tail = text.slice(Math.max(start, end - 2), end).replace(/\r$/, '').trimEnd();
      const continues = tail.endsWith('\\') || tail.endsWith('`');
      parts.push(kept + (continues ? ` ${tail[tail.length - 1]}` : ''));
      cut.push({ line, length });
    } else {
      parts.push(text.slice(start, end));
    }
    start = end + 1;
  }
  return { text: cut.length ? parts.join('\n') : text, cut };
}
