import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../lib/errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const ID = '01HZX3JQ5V8D6K2M4N7P9R0STW';

describe('moderation cursor', () => {
  it('round-trips the id to continue below, whatever the order of the filters', () => {
    const cursor = encodeCursor('messages', { roomId: 'general', q: 'hi' }, ID);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'messages', { q: 'hi', roomId: 'general' })).toBe(ID);
  });

  it('rejects a cursor made for other filters or another list', () => {
    const cursor = encodeCursor('messages', { roomId: 'general' }, ID);

    expect(() => decodeCursor(cursor, 'messages', { roomId: 'random' })).toThrow(BadRequestError);
    expect(() => decodeCursor(cursor, 'messages', {})).toThrow(BadRequestError);
    expect(() => decodeCursor(cursor, 'audit', { roomId: 'general' })).toThrow(BadRequestError);
  });

  it.each([
    ['not base64url', 'abc$%^'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['another version', Buffer.from(JSON.stringify({ v: 2, k: 'messages', f: 'x', b: ID })).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify({ v: 1, k: 'messages', f: 'x', b: 'MSG#x' })).toString('base64url')],
    ['empty', ''],
  ])('rejects a cursor that is %s', (_what, cursor) => {
    expect(() => decodeCursor(cursor, 'messages', {})).toThrow(BadRequestError);
  });
});
