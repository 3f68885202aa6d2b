import { describe, expect, it } from 'vitest';
import {
  checkDisplayName,
  checkHandle,
  checkRoomName,
  DISPLAY_NAME_MAX_LENGTH,
  HANDLE_MAX_LENGTH,
  HANDLE_SUFFIX_ROOM,
  handleBase,
  sanitizeName,
} from './names.ts';
import { ROOM_NAME_MAX_LENGTH } from './limits.ts';

describe('sanitizeName', () => {
  it.each([
    ['a zero-width space and a Cyrillic А stay apart: the space goes, the letter stays', 'Аlice\u200B', 'Аlice'],
    ['bidi override', 'a\u202Egnp.exe', 'agnp.exe'],
    ['zero-width space inside a word', 'Ann\u200Bouncements', 'Announcements'],
    ['soft hyphen, word joiner, BOM', 'Al\u00ADi\u2060c\uFEFFe', 'Alice'],
    ['LRM and RLM', '\u200EAlice\u200F', 'Alice'],
    ['isolates', '\u2066Alice\u2069', 'Alice'],
    ['controls and DEL', 'Al\u0000i\u0007c\u007Fe\u0085', 'Alice'],
    ['runs of spaces, tabs, newlines and wide spaces', '  Ali \t\n\u3000 ce \u00A0', 'Ali ce'],
    ['Hangul filler names', '\u3164\u3164', ''],
    ['tag characters', 'A\uDB40\uDC41\uDB40\uDC7Fb', 'Ab'],
    ['a lone surrogate', 'A\uD800b', 'Ab'],
    ['accents, scripts and emoji stay', 'Renée 李 🦊 مرحبا', 'Renée 李 🦊 مرحبا'],
    ['a ZWJ emoji sequence becomes its parts', '👨\u200D👩', '👨👩'],
  ])('%s', (_what, input, expected) => {
    expect(sanitizeName(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const samples = ['  a\u200B b  ', 'x\u202E\u3164y', '\t\n', '🦊\u200D🦊'];
    for (const sample of samples) expect(sanitizeName(sanitizeName(sample))).toBe(sanitizeName(sample));
  });

  it('drops exactly the runtime\'s format characters (\\p{Cf}), and the unassigned U+2065 of their block, and keeps every other non-space letter', () => {
    const format = /\p{Cf}|\u2065/u;
    const wrong: string[] = [];
    // Planes 0–1 and 14 hold every format character and every script a name is likely to use.
    const planes = [
      [0x80, 0x1ffff],
      [0xe0000, 0xe0fff],
    ] as const;
    for (const cp of planes.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i))) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      if (/\s/u.test(char) || /\p{Cc}/u.test(char) || ['\u034F', '\u115F', '\u1160', '\u3164', '\uFFA0'].includes(char)) continue;
      const dropped = sanitizeName(`a${char}b`) === 'ab';
      if (dropped !== format.test(char)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('checkDisplayName', () => {
  it('accepts a sanitized name of 1–40 code points, counting an emoji once', () => {
    expect(checkDisplayName('  Alice  ')).toEqual({ ok: true, value: 'Alice' });
    expect(checkDisplayName('😀'.repeat(DISPLAY_NAME_MAX_LENGTH))).toEqual({ ok: true, value: '😀'.repeat(DISPLAY_NAME_MAX_LENGTH) });
  });

  it.each([
    ['not a string', 42, 'displayName must be a string'],
    ['blank', ' \u200B\u3164 ', 'displayName is empty'],
    ['too long', 'a'.repeat(DISPLAY_NAME_MAX_LENGTH + 1), `at most ${DISPLAY_NAME_MAX_LENGTH} characters (it has 41)`],
  ])('refuses %s', (_what, input, message) => {
    const checked = checkDisplayName(input);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.error).toContain(message);
  });
});

describe('checkRoomName', () => {
  it('uses the same rules with the room-name length', () => {
    expect(checkRoomName('Ann\u200Bouncements')).toEqual({ ok: true, value: 'Announcements' });
    expect(checkRoomName('x'.repeat(ROOM_NAME_MAX_LENGTH + 1)).ok).toBe(false);
    expect(checkRoomName('\u202E').ok).toBe(false);
  });
});

describe('checkHandle', () => {
  it.each([
    ['alice', 'alice'],
    ['@Alice_2', 'alice_2'],
    ['abc', 'abc'],
    ['a'.repeat(HANDLE_MAX_LENGTH), 'a'.repeat(HANDLE_MAX_LENGTH)],
  ])('accepts %s', (input, expected) => {
    expect(checkHandle(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(HANDLE_MAX_LENGTH + 1)],
    ['a dot', 'al.ice'],
    ['a space', 'al ice'],
    ['Cyrillic', 'аlice'],
    ['a Turkish dotted capital (lowers outside ASCII)', 'İlice'],
    ['a number', 7],
  ])('refuses %s', (_what, input) => {
    expect(checkHandle(input).ok).toBe(false);
  });
});

describe('handleBase', () => {
  it.each([
    ['alice@parley.local', 'alice'],
    ['Alice.Liddell+chat@example.com', 'alice_liddell'],
    ['j@x.io', 'j__'],
    ['李@example.com', 'member'],
    ['a..b--c@x', 'a_b_c'],
    ['averyveryverylongname@example.com', 'averyveryverylo'],
  ])('%s → %s', (email, expected) => {
    expect(handleBase(email)).toBe(expected);
  });

  it('always gives a valid handle with room for a suffix', () => {
    for (const email of ['x@y', '@y', '____@y', 'ÄÖÜ@y', 'a'.repeat(64) + '@y', 'ab_@y']) {
      const base = handleBase(email);
      expect(checkHandle(base)).toEqual({ ok: true, value: base });
      expect(base.length).toBeLessThanOrEqual(HANDLE_MAX_LENGTH - HANDLE_SUFFIX_ROOM);
    }
  });
});
