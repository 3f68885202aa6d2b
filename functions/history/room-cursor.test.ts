import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../lib/errors.ts';
import { encodeCursor } from './cursor.ts';
import { decodeRoomCursor, encodeRoomCursor } from './room-cursor.ts';

describe('room list cursor', () => {
  const payload = (fields: object) => Buffer.from(JSON.stringify(fields)).toString('base64url');

  it('round-trips the last room id, opaque to clients', () => {
    const cursor = encodeRoomCursor({ phase: 'public', after: 'release-planning' });

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('release');
    expect(decodeRoomCursor(cursor)).toEqual({ phase: 'public', after: 'release-planning' });
  });

  it('round-trips a position among the caller’s rooms and the start of the public ones', () => {
    const mine = { phase: 'mine', after: 'p-0123456789abcdefghjkmnpqrs' } as const;

    expect(decodeRoomCursor(encodeRoomCursor(mine))).toEqual(mine);
    expect(decodeRoomCursor(encodeRoomCursor({ phase: 'public' }))).toEqual({ phase: 'public' });
  });

  it('reads a cursor made before members-only rooms as a public one', () => {
    expect(decodeRoomCursor(payload({ v: 1, k: 'rooms', r: 'general' }))).toEqual({ phase: 'public', after: 'general' });
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$%^'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['another version', payload({ v: 2, k: 'rooms', r: 'general' })],
    ['for another list', payload({ v: 1, k: 'messages', r: 'general' })],
    ['a message page’s cursor', encodeCursor('general', '01HZX3JQ5V8D6K2M4N7P9R0STW')],
    ['a bad room id', payload({ v: 1, k: 'rooms', r: 'General Room' })],
    ['a key of another item', payload({ v: 1, k: 'rooms', r: 'x#MUTE' })],
    ['too long', 'A'.repeat(1025)],
    ['among the caller’s rooms without a room', payload({ v: 1, k: 'rooms', m: 1 })],
    ['of an unknown phase', payload({ v: 1, k: 'rooms', m: 2, r: 'general' })],
  ])('rejects a cursor that is %s', (_what, cursor) => {
    expect(() => decodeRoomCursor(cursor)).toThrow(BadRequestError);
  });
});
