import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../lib/errors.ts';
import { decodeAuthorCursor, decodeCursor, encodeAuthorCursor, encodeCursor } from './cursor.ts';

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

describe('moderation author cursor', () => {
  const window = { start: { s: 1, k: 'MSG#general#0b8f3c1e-5d1c-4c9b-9a43-1f7a5e2c9d10' }, end: { s: 2, k: 'MSG#general#ffffffff-5d1c-4c9b-9a43-1f7a5e2c9d10' } };

  it('round-trips a window and the id to continue below in it, and a window not read yet', () => {
    const within = encodeAuthorCursor({ roomId: 'general' }, { window, below: ID });
    const next = encodeAuthorCursor({ roomId: 'general' }, { window: { start: { s: 0 } } });

    expect(decodeAuthorCursor(within, { roomId: 'general' })).toEqual({ window, below: ID });
    expect(decodeAuthorCursor(next, { roomId: 'general' })).toEqual({ window: { start: { s: 0 } } });
  });

  it('rejects an author cursor made for other filters, and an id cursor', () => {
    const cursor = encodeAuthorCursor({ roomId: 'general' }, { window });

    expect(() => decodeAuthorCursor(cursor, { roomId: 'random' })).toThrow(BadRequestError);
    expect(() => decodeAuthorCursor(encodeCursor('messages', { roomId: 'general' }, ID), { roomId: 'general' })).toThrow(BadRequestError);
  });

  const payload = (fields: object) => Buffer.from(JSON.stringify({ v: 1, k: 'messages', ...fields })).toString('base64url');
  it.each([
    ['without a start', payload({})],
    ['a negative partition', payload({ a: [-1, null] })],
    ['a fractional partition', payload({ a: [0.5, null] })],
    ['a key outside the author’s messages', payload({ a: [0, 'NAME#bob'] })],
    ['a malformed end', payload({ a: [0, null], e: [0] })],
    ['a bad id to continue below', payload({ a: [0, null], b: 'MSG#x' })],
    ['for the audit log', Buffer.from(JSON.stringify({ v: 1, k: 'audit', a: [0, null] })).toString('base64url')],
  ])('rejects an author cursor with %s', (_what, cursor) => {
    expect(() => decodeAuthorCursor(cursor, {})).toThrow(BadRequestError);
  });
});
