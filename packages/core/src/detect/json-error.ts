/**
 * Where and why `text` is not JSON (Node's JSON.parse does not say where). Iterative, so deep nesting cannot
 * overflow the stack; returns null when the text is valid JSON.
 */
export function jsonError(text: string): { offset: number; message: string } | null {
  const stack: Array<'{' | '['> = [];
  let state: 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after' = 'value';
  let pos = 0;
  const fail = (message: string) => ({ offset: pos, message });
  for (;;) {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
    if (pos >= text.length) return stack.length === 0 && state === 'after' ? null : fail('unexpected end of file');
    const c = text[pos];
    if (state === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return fail(`unexpected ${JSON.stringify(c)} after the end of the JSON value`);
      if (c === ',') state = top === '{' ? 'key' : 'value';
      else if ((c === '}' && top === '{') || (c === ']' && top === '[')) stack.pop();
      else return fail(`expected "," or "${top === '{' ? '}' : ']'}" but found ${JSON.stringify(c)}`);
      pos++;
    } else if (state === 'colon') {
      if (c !== ':') return fail(`expected ":" but found ${JSON.stringify(c)}`);
      pos++;
      state = 'value';
    } else if (state === 'key' || state === 'key-or-close') {
      if (c === '}' && state === 'key-or-close') {
        stack.pop();
        pos++;
        state = 'after';
      } else if (c === '"') {
        const end = stringEnd(text, pos);
        if (typeof end !== 'number') return { offset: end.offset, message: end.message };
        pos = end;
        state = 'colon';
      } else return fail(`expected a property name in double quotes but found ${JSON.stringify(c)}`);
    } else {
      if (c === ']' && state === 'value-or-close') {
        stack.pop();
        pos++;
        state = 'after';
      } else if (c === '{' || c === '[') {
        stack.push(c);
        pos++;
        state = c === '{' ? 'key-or-close' : 'value-or-close';
      } else if (c === '"') {
        const end = stringEnd(text, pos);
        if (typeof end !== 'number') return { offset: end.offset, message: end.message };
        pos = end;
        state = 'after';
      } else {
        SCALAR.lastIndex = pos;
        const m = SCALAR.exec(text);
        if (!m) return fail(`unexpected ${JSON.stringify(c)}; expected a value`);
        pos += m[0].length;
        state = 'after';
      }
    }
  }
}

const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Offset just past the string starting at `start` (a '"'), or what is wrong with it. */
function stringEnd(text: string, start: number): number | { offset: number; message: string } {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { offset: i, message: 'control character or line break inside a string' };
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : !'"\\/bfnrt'.includes(next ?? 'x')) {
        return { offset: i, message: 'bad escape sequence in a string' };
      }
      i += next === 'u' ? 5 : 1;
    }
  }
  return { offset: text.length, message: 'unterminated string' };
}
