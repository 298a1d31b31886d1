import { DEFAULT_VERSIONS, describeEndOfLife, endOfLife, LIFECYCLE, rustReleaseDate, supportedLines } from './lifecycle';
import { LANGUAGES } from '../types';

const ON = '2026-12-01';

describe('lifecycle', () => {
  it('makes every default a supported line, and the newest LTS for node and java', () => {
    for (const language of LANGUAGES) {
      expect(supportedLines(language, ON).map((l) => l.version)).toContain(DEFAULT_VERSIONS[language]);
    }
    const newestLts = (language: 'node' | 'java') => supportedLines(language, ON).filter((l) => l.lts).at(-1)?.version;
    expect(DEFAULT_VERSIONS.node).toBe(newestLts('node'));
    expect(DEFAULT_VERSIONS.java).toBe(newestLts('java'));
  });

  it('lists supported lines on 2026-12-01', () => {
    expect(supportedLines('node', ON).map((l) => l.version)).toEqual(['22', '24', '26']);
    expect(supportedLines('python', ON).map((l) => l.version)).toEqual(['3.11', '3.12', '3.13', '3.14']);
    expect(supportedLines('go', ON).map((l) => l.version)).toEqual(['1.26', '1.27']);
    expect(supportedLines('java', ON).map((l) => l.version)).toEqual(['8', '11', '17', '21', '25']);
  });

  it('says when a pinned line ended and what to move to', () => {
    expect(describeEndOfLife(endOfLife('node', '20', ON)!)).toBe('node 20 reached end of life on 2026-04-30; move to 26');
    expect(endOfLife('go', '1.22', ON)).toMatchObject({ eol: '2025-02-11', replacement: '1.26' });
    expect(endOfLife('python', '3.8', ON)).toMatchObject({ eol: '2025-10-31' }); // older than every listed line
    expect(endOfLife('node', '24', ON)).toBeNull();
    expect(endOfLife('node', '27', ON)).toBeNull(); // newer than the table: unknown, not EOL
    expect(endOfLife('node', '20', '2026-04-29')).toBeNull();
  });

  it('ends a pinned Rust 1.x when the next release ships; the stable channel never ends', () => {
    expect(rustReleaseDate(85)).toBe('2025-02-20');
    expect(rustReleaseDate(98)).toBe('2026-08-20');
    expect(endOfLife('rust', '1.83', ON)).toMatchObject({ eol: '2025-01-09', replacement: '1' });
    expect(endOfLife('rust', '1.98', ON)).toMatchObject({ eol: '2026-10-01' });
    expect(endOfLife('rust', '1', ON)).toBeNull();
    expect(LIFECYCLE.rust).toEqual([{ version: '1', eol: '9999-12-31' }]);
  });
});
