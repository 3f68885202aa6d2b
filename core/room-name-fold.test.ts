import { describe, expect, it } from 'vitest';
import { foldRoomName } from './room-name-fold.ts';

describe('foldRoomName', () => {
  it.each([
    ['a Roman numeral Ⅼ', '\u216Cobby', 'Lobby'],
    ['full-width letters', '\uFF2C\uFF4F\uFF42\uFF42\uFF59', 'Lobby'],
    ['mathematical bold and a ligature', '\u{1D40B}obby \uFB01les', 'Lobby files'],
    ['a trade mark sign and a superscript', 'Acme\u2122 m\u00B2', 'AcmeTM m2'],
    ['a decomposed accent', 'Cafe\u0301', 'Caf\u00E9'],
    ['a numeral followed by a combining accent, composed afterwards', '\u216C\u0301obby', '\u0139obby'],
  ])('folds %s to what its id reads', (_what, typed, folded) => {
    expect(foldRoomName(typed)).toBe(folded);
  });

  it.each([
    ['an acute accent typed for an apostrophe', 'Let\u00B4s chat'],
    ['a diaeresis, a cedilla and a tilde on their own', 'a \u00A8 \u00B8 \u02DC b'],
    ['accented letters and other scripts', 'Ünïcödé Café 漢字 Ελληνικά'],
  ])('keeps %s as typed', (_what, typed) => {
    expect(foldRoomName(typed)).toBe(typed.normalize('NFC'));
  });
});
