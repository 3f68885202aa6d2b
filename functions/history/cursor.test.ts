import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../lib/errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const ID = '01HZX3JQ5V8D6K2M4N7P9R0STW';

describe('history cursor', () => {
  it('round-trips the id to page before', () => {
    const cursor = encodeCursor('general', ID);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'general')).toBe(ID);
  });

  it('rejects a cursor from another room', () => {
    const cursor = encodeCursor('general', ID);

    expect(() => decodeCursor(cursor, 'random')).toThrow(BadRequestError);
  });

  it.each([
    ['not base64url', 'abc$%^'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['another version', Buffer.from(JSON.stringify({ v: 2, r: 'general', b: ID })).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify({ v: 1, r: 'general', b: 'MSG#x' })).toString('base64url')],
    ['tampered with', flipCharacter(encodeCursor('general', ID), 12)],
    ['empty', ''],
  ])('rejects a cursor that is %s', (_what, cursor) => {
    expect(() => decodeCursor(cursor, 'general')).toThrow(BadRequestError);
  });
});

function flipCharacter(text: string, index: number): string {
  const flipped = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + flipped + text.slice(index + 1);
}
