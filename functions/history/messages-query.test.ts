import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../lib/errors.ts';
import { encodeCursor } from './cursor.ts';
import { parseMessagesQuery } from './messages-query.ts';

const ID = '01HZX3JQ5V8D6K2M4N7P9R0STW';

describe('GET /rooms/{roomId}/messages parameters', () => {
  it('defaults to the newest 50', () => {
    expect(parseMessagesQuery('general', undefined)).toEqual({ roomId: 'general', direction: 'before', beforeId: undefined, limit: 50 });
  });

  it('pages before a cursor', () => {
    const query = parseMessagesQuery('general', { before: encodeCursor('general', ID), limit: '100' });

    expect(query).toEqual({ roomId: 'general', direction: 'before', beforeId: ID, limit: 100 });
  });

  it('fills a gap after a message id', () => {
    expect(parseMessagesQuery('general', { after: ID, limit: '1' })).toEqual({ roomId: 'general', direction: 'after', afterId: ID, limit: 1 });
  });

  it.each([
    ['a bad room id', 'General!', {}],
    ['a missing room id', undefined, {}],
    ['limit 0', 'general', { limit: '0' }],
    ['limit 101', 'general', { limit: '101' }],
    ['limit -1', 'general', { limit: '-1' }],
    ['limit 2.5', 'general', { limit: '2.5' }],
    ['an empty limit', 'general', { limit: '' }],
    ['limit abc', 'general', { limit: 'abc' }],
    ['both before and after', 'general', { before: encodeCursor('general', ID), after: ID }],
    ['a tampered cursor', 'general', { before: 'bm9wZQ' }],
    ['an after that is not a message id', 'general', { after: 'yesterday' }],
  ])('rejects %s', (_what, roomId, params) => {
    expect(() => parseMessagesQuery(roomId, params)).toThrow(BadRequestError);
  });
});
