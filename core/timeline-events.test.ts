import { describe, expect, it } from 'vitest';
import { toChatEvent } from './timeline-events.ts';

const message = {
  id: '01KB0000000000000000000000',
  roomId: 'lobby',
  text: 'hi',
  author: { sub: 's', username: 'u', displayName: 'U' },
  createdAt: '2026-11-30T00:00:00.000Z',
  clientMsgId: 'c',
};

describe('reading room channel events', () => {
  it.each([
    ['a created message', { type: 'message.created', message }, { type: 'message.created', message }],
    ['a restored message', { type: 'message.restored', message }, { type: 'message.restored', message }],
    ['a removal', { type: 'message.removed', roomId: 'lobby', id: 'x' }, { type: 'message.removed', roomId: 'lobby', id: 'x' }],
    ['another room’s message', { type: 'message.created', message: { ...message, roomId: 'other' } }, null],
    ['a message without an author', { type: 'message.created', message: { ...message, author: null } }, null],
    ['an unknown type', { type: 'typing' }, null],
    ['a string', 'hello', null],
  ])('reads %s', (_name, value, expected) => {
    expect(toChatEvent(value, 'lobby')).toEqual(expected);
  });
});
