import { boundLines } from '../dockerfile/bounded-lines';
import { lintDockerfile } from './lint';
import { parseDockerfile } from '../dockerfile/parse';

describe('lint stays linear on huge lines', () => {
  it.each([
    ['one 20 MB word', (n: number) => `RUN echo ${'a'.repeat(n)}`],
    ['one 20 MB line of short words', (n: number) => `COPY ${'a '.repeat(n / 2)} /x`],
  ])('%s: the parser sees only its first 64 KB, and one LongLine warning names its line', (_, line) => {
    const text = `FROM node:22-bookworm-slim AS runtime\nUSER 1000\n${line(20_000_000)}\nCMD ["x"]\n`;
    // bounded input is what keeps lint linear (timings belong in `npm run bench`, not in tests)
    const parsed = parseDockerfile(text).instructions[2];
    expect(parsed.getRange().end.character).toBeLessThanOrEqual(64 * 1024);
    const findings = lintDockerfile(text);
    expect(findings).toEqual([{ line: 3, rule: 'LongLine', severity: 'warning', message: expect.stringMatching(/^line is 195\d\d KB long; only its first 64 KB were checked$/) }]);
  });

  it('cutting a long line keeps its continuation, so the next line stays part of the instruction', () => {
    const text = `FROM node:22 AS build\nRUN echo ${'a '.repeat(40_000)}\\\n  && true\nUSER 1000\n`;
    const bounded = boundLines(text);
    expect(bounded.cut).toEqual([{ line: 2, length: 9 + 80_000 + 1 }]);
    expect(bounded.text.split('\n')).toHaveLength(text.split('\n').length);
    const model = parseDockerfile(text);
    expect(model.stages[0].instructions.map((i) => i.getKeyword())).toEqual(['RUN', 'USER']);
    expect(model.text).toBe(text);
  });

  it('leaves normal files untouched', () => {
    const text = 'FROM a AS b\nRUN x\n';
    expect(boundLines(text)).toEqual({ text, cut: [] });
  });
});
