import { colorEnabled, styler } from './style';

describe('colour', () => {
  it('on a terminal; NO_COLOR wins (Nx sets FORCE_COLOR=true for its tasks), then FORCE_COLOR', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: 'true', NO_COLOR: '1' }, true)).toBe(false);
  });
  it('plain text when off', () => {
    expect(styler(false).red('x')).toBe('x');
    expect(styler(true).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});
