import { colorEnabled, styler } from './style';

describe('colour', () => {
  it('on a terminal unless NO_COLOR; FORCE_COLOR decides when set', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
  });
  it('plain text when off', () => {
    expect(styler(false).red('x')).toBe('x');
    expect(styler(true).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});
