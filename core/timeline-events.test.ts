import { describe, expect, it } from 'vitest';
import { toChatEvent, toMemberChange, toRoomUpdate } from './timeline-events.ts';

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

describe('reading room updates', () => {
  const room = { id: 'lobby', name: 'Lobby', kind: 'public', lastMessageAt: null };

  it.each([
    ['a rename', { type: 'room.updated', room }, { type: 'room.updated', room }],
    ['an archive', { type: 'room.updated', room: { ...room, archived: true } }, { type: 'room.updated', room: { ...room, archived: true } }],
    ['an unarchive, which drops archived: false', { type: 'room.updated', room: { ...room, archived: false } }, { type: 'room.updated', room }],
    ['another room’s update', { type: 'room.updated', room: { ...room, id: 'other' } }, null],
    ['a room without a name', { type: 'room.updated', room: { id: 'lobby' } }, null],
    ['archived as text', { type: 'room.updated', room: { ...room, archived: 'yes' } }, null],
    ['a chat event', { type: 'message.removed', roomId: 'lobby', id: 'x' }, null],
  ])('reads %s', (_name, value, expected) => {
    expect(toRoomUpdate(value, 'lobby')).toEqual(expected);
  });

  it('leaves a room update out of the timeline’s events', () => {
    expect(toChatEvent({ type: 'room.updated', room }, 'lobby')).toBeNull();
  });
});

describe('reading member changes', () => {
  const alice = { sub: 'a', handle: 'alice', displayName: 'Alice' };
  const bob = { sub: 'b', handle: 'bob', displayName: 'Bob' };
  const room = 'p-0123456789abcdefghjkmnpqrs';

  it.each([
    ['an addition', { type: 'member.added', roomId: room, member: bob, by: alice }, { type: 'member.added', roomId: room, member: bob, by: alice }],
    ['a removal, extra fields dropped', { type: 'member.removed', roomId: room, member: { ...bob, role: 'owner' }, by: alice }, { type: 'member.removed', roomId: room, member: bob, by: alice }],
    ['another room’s change', { type: 'member.added', roomId: 'p-zzzzzzzzzzzzzzzzzzzzzzzzzz', member: bob, by: alice }, null],
    ['a change without who acted', { type: 'member.removed', roomId: room, member: bob }, null],
    ['a member without a handle', { type: 'member.added', roomId: room, member: { sub: 'b', displayName: 'Bob' }, by: alice }, null],
    ['a message', { type: 'message.created', message }, null],
  ])('reads %s', (_name, value, expected) => {
    expect(toMemberChange(value, room)).toEqual(expected);
  });
});
