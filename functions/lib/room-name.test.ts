import { describe, expect, it } from 'vitest';
import { ROOM_NAME_MAX_LENGTH } from '../../core/limits.ts';
import { BadRequestError } from './errors.ts';
import { parseRoomName, readRoomName, roomSlug } from './room-name.ts';

describe('room names', () => {
  it.each([
    ['General', 'general'],
    ['  Café   Ops  ', 'cafe-ops'],
    ['rust & go!!', 'rust-go'],
    ['--edge--', 'edge'],
    ['Ünïcödé 2024', 'unicode-2024'],
    ['a'.repeat(49) + ' b', 'a'.repeat(49)],
  ])('slugs %j as %j', (name, id) => {
    expect(roomSlug(name)).toBe(id);
  });

  it.each([
    ['P 0123456789abcdefghjkmnpqrs', 'p-0123456789abcdefghjkmnpqrs-room'],
    ['d-0123456789ABCDEFGHJKMNPQRS', 'd-0123456789abcdefghjkmnpqrs-room'],
    ['p-0123456789abcdefghjkmnpqr', 'p-0123456789abcdefghjkmnpqr'],
    ['p-0123456789abcdefghijkmnpqr', 'p-0123456789abcdefghijkmnpqr'],
  ])('gives %j, whose slug would look like a members-only id, a public id (%j)', (name, id) => {
    expect(roomSlug(name)).toBe(id);
  });

  it('keeps the trimmed name and derives the id', () => {
    expect(parseRoomName({ name: '  Team   Chat ' })).toEqual({ id: 'team-chat', name: 'Team Chat' });
  });

  it.each([
    ['a bidi override', 'a\u202Egnp.exe', { id: 'agnp-exe', name: 'agnp.exe' }],
    ['a zero-width space inside a word', 'Ann\u200Bouncements', { id: 'announcements', name: 'Announcements' }],
    ['isolates and marks around the name', '\u2066\u200ELobby\u200F\u2069', { id: 'lobby', name: 'Lobby' }],
    ['a tab, a newline and a wide space', 'Team\t\n\u3000Chat', { id: 'team-chat', name: 'Team Chat' }],
    ['a decomposed accent, stored composed (NFC)', 'Cafe\u0301', { id: 'cafe', name: 'Caf\u00E9' }],
    ['a Roman numeral Ⅼ, stored as the letter its id reads (NFKC)', '\u216Cobby', { id: 'lobby', name: 'Lobby' }],
    ['an acute accent typed for an apostrophe, kept', 'Let\u00B4s chat', { id: 'let-s-chat', name: 'Let\u00B4s chat' }],
    ['full-width letters', '\uFF2C\uFF4F\uFF42\uFF42\uFF59', { id: 'lobby', name: 'Lobby' }],
    ['mathematical bold letters and a ligature', '\u{1D40B}obby \uFB01les', { id: 'lobby-files', name: 'Lobby files' }],
  ])('stores a name with %s as it reads', (_what, name, expected) => {
    expect(readRoomName(name)).toEqual(expected);
  });

  it('accepts a name as long as the limit, counting an emoji once, and refuses one code point more with the rule', () => {
    const longest = '🦊' + 'x'.repeat(ROOM_NAME_MAX_LENGTH - 1);

    expect(readRoomName(longest).name).toBe(longest);
    expect(() => readRoomName(longest + 'x')).toThrow(`name must be at most ${ROOM_NAME_MAX_LENGTH} characters (it has ${ROOM_NAME_MAX_LENGTH + 1})`);
  });

  it.each([
    ['no name', {}, 'name must be a string'],
    ['a number', { name: 42 }, 'name must be a string'],
    ['spaces only', { name: '   ' }, 'name is empty after removing spaces, controls and invisible characters'],
    ['invisible characters only', { name: '\u200B\u202E\u3164' }, 'name is empty after removing spaces, controls and invisible characters'],
    ['punctuation only', { name: '!!!' }, 'name must contain a letter or digit (a–z, 0–9, accented or not)'],
    ['no Latin letter or digit', { name: '漢字' }, 'name must contain a letter or digit (a–z, 0–9, accented or not)'],
    ['no object', null, 'name must be a string'],
    ['a bare string', 'general', 'name must be a string'],
  ])('refuses a body with %s and says why', (_what, body, message) => {
    expect(() => parseRoomName(body)).toThrow(BadRequestError);
    expect(() => parseRoomName(body)).toThrow(message);
  });
});
