import { describe, expect, it } from 'vitest';
import { colourEnabled, painter } from './colour.ts';

describe('colours', () => {
  it('are on only for a terminal with NO_COLOR unset or empty', () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({}, {})).toBe(false);
  });

  it('paint with ANSI codes when on and leave the text alone when off', () => {
    expect(painter(true)('red', 'FAIL')).toBe('\x1b[31mFAIL\x1b[39m');
    expect(painter(false)('red', 'FAIL')).toBe('FAIL');
  });
});
