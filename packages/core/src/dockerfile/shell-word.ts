// How BuildKit's Dockerfile frontend expands one word of an instruction (its shell lexer): quotes, the escape
// character, $NAME, ${NAME} and ${NAME<modifier>word}. Every variable the word reads is recorded as matched or
// unmatched, also inside a modifier's word and also when a default makes the result non-empty (${NAME:-x} reads NAME).

export interface ExpandedWord {
  /** The word after expansion; unknown variables expand to '' (or to their default). */
  value: string;
  /** Variables the word read that `lookup` knows. */
  matched: Set<string>;
  /** Variables the word read that `lookup` does not know, in order of use. */
  unmatched: Set<string>;
}

const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/** `quotes: false` reads quotes literally, as BuildKit expands a COPY heredoc's body. */
export function expandWord(word: string, lookup: (name: string) => string | undefined, escape = '\\', quotes = true): ExpandedWord {
  const matched = new Set<string>();
  const unmatched = new Set<string>();
  let i = 0;

  const get = (name: string): string | undefined => {
    const value = lookup(name);
    (value === undefined ? unmatched : matched).add(name);
    return value;
  };

  const readName = (): string => {
    const start = i;
    if (/[0-9]/.test(word[i] ?? '')) {
      while (/[0-9]/.test(word[i] ?? '')) i++;
      return word.slice(start, i);
    }
    if (SPECIAL_PARAMS.has(word[i] ?? '')) return word[i++];
    while (i < word.length && /[\p{L}\p{N}_]/u.test(word[i])) i++;
    return word.slice(start, i);
  };

  // After the '$': returns the expansion
  const dollar = (): string => {
    if (word[i] !== '{') {
      const name = readName();
      return name === '' ? '$' : (get(name) ?? '');
    }
    i++; // {
    const name = readName();
    let op = word[i++] ?? '';
    if (op === '}') return get(name) ?? '';
    let colon = false;
    if (op === ':') {
      colon = true;
      op = word[i++] ?? '';
    }
    const arg = until('}');
    const value = get(name);
    const unset = value === undefined || (colon && value === '');
    if (op === '-') return unset ? arg : value;
    if (op === '+') return unset ? '' : arg;
    return value ?? ''; // ?, #, %, / and others: only which variables are read matters here
  };

  // Reads up to the unquoted `stop` (consumed), expanding as it goes
  const until = (stop: string | null): string => {
    let out = '';
    while (i < word.length) {
      const ch = word[i];
      if (stop !== null && ch === stop) {
        i++;
        return out;
      }
      i++;
      if (ch === escape) {
        if (i < word.length) out += word[i++];
      } else if (ch === "'" && quotes) {
        const end = word.indexOf("'", i);
        out += word.slice(i, end === -1 ? word.length : end);
        i = end === -1 ? word.length : end + 1;
      } else if (ch === '"' && quotes) {
        out += doubleQuoted();
      } else if (ch === '$') {
        out += dollar();
      } else {
        out += ch;
      }
    }
    return out;
  };

  const doubleQuoted = (): string => {
    let out = '';
    while (i < word.length && word[i] !== '"') {
      const ch = word[i++];
      if (ch === '$') out += dollar();
      else if (ch === escape && ['"', '$', escape].includes(word[i] ?? '')) out += word[i++];
      else out += ch;
    }
    i++; // closing quote
    return out;
  };

  const value = until(null);
  return { value, matched, unmatched };
}
