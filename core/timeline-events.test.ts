import { describe, expect, it } from 'vitest';
import { toChatEvent } from './timeline-events.ts';

const message = {
  id: '01KB0000000000000000000000',
  roomId: 'lobby',
  text: 'hi',
  author: { sub: 's', handle: 'u_1', displayName: 'U', moderator: false },
  createdAt: '2026-11-30T00:00:00.000Z',
  clientMsgId: 'c',
};

const legacy = { ...message, author: { sub: 's', handle: '', displayName: 'U', moderator: false } };

describe('reading room channel events', () => {
  it.each([
    ['a created message', { type: 'message.created', message }, { type: 'message.created', message }],
    ['a restored message', { type: 'message.restored', message }, { type: 'message.restored', message }],
    ['a removal', { type: 'message.removed', roomId: 'lobby', id: 'x' }, { type: 'message.removed', roomId: 'lobby', id: 'x' }],
    ['another room’s message', { type: 'message.created', message: { ...message, roomId: 'other' } }, null],
    ['a message without an author', { type: 'message.created', message: { ...message, author: null } }, null],
    ['a message stored before handles', { type: 'message.created', message: legacy }, { type: 'message.created', message: legacy }],
    ['an author without moderator', { type: 'message.created', message: { ...message, author: { sub: 's', handle: 'u_1', displayName: 'U' } } }, null],
    ['an author with moderator as text', { type: 'message.created', message: { ...message, author: { ...message.author, moderator: 'true' } } }, null],
    ['an author with a username instead of a handle', { type: 'message.created', message: { ...message, author: { sub: 's', username: 'u', displayName: 'U', moderator: false } } }, null],
    ['an unknown type', { type: 'typing' }, null],
    ['a string', 'hello', null],
  ])('reads %s', (_name, value, expected) => {
    expect(toChatEvent(value, 'lobby')).toEqual(expected);
  });
});
