import { describe, expect, it } from 'vitest';
import { countCharacters, toNfc } from './message-text.ts';

describe('countCharacters', () => {
  it.each([
    ['plain ASCII', 'hello', 5],
    ['an emoji outside the BMP counts once', '👋🏽', 2],
    ['a ZWJ family counts its code points', '👨‍👩‍👧', 5],
    ['decomposed é counts once after NFC', 'e\u0301', 1],
    ['surrounding whitespace is trimmed', '  hi  \n', 2],
    ['control characters and bidi overrides are not counted', 'a\u0000b\u202Ec', 3],
    ['CRLF counts as one line break', 'a\r\nb', 3],
    ['a lone surrogate is dropped', 'a\uD800b', 2],
  ])('%s', (_name, draft, expected) => {
    expect(countCharacters(draft)).toBe(expected);
  });

  it('normalizes to NFC', () => {
    expect(toNfc('e\u0301')).toBe('\u00E9');
  });
});
