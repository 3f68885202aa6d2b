import { describe, expect, it } from 'vitest';
import { checkGapFillPage, checkMessagePage, checkRoom, checkRoomList } from './history-api.ts';

const message = {
  id: '01KB0000000000000000000000',
  roomId: 'lobby',
  text: 'hi',
  author: { sub: 's', handle: 'u_1', displayName: 'U', moderator: false },
  createdAt: '2026-11-30T00:00:00.000Z',
  clientMsgId: 'c',
};
const removed = { id: '01KB0000000000000000000001', roomId: 'lobby', createdAt: '2026-11-30T00:00:01.000Z', removed: true };

describe('history API answers', () => {
  it('accepts a room list, and reads a missing lastMessageAt as null', () => {
    const answer = { items: [{ id: 'a', name: 'A', lastMessageAt: '2026-11-30T00:00:00.000Z' }, { id: 'b', name: 'B' }] };

    expect(checkRoomList(answer)).toEqual({
      ok: true,
      value: { items: [{ id: 'a', name: 'A', kind: 'public', lastMessageAt: '2026-11-30T00:00:00.000Z' }, { id: 'b', name: 'B', kind: 'public', lastMessageAt: null }] },
    });
  });

  it('accepts a page of rooms with the cursor to the next one', () => {
    expect(checkRoomList({ items: [{ id: 'a', name: 'A', lastMessageAt: null }], nextCursor: 'abc' })).toEqual({
      ok: true,
      value: { items: [{ id: 'a', name: 'A', kind: 'public', lastMessageAt: null }], nextCursor: 'abc' },
    });
  });

  it.each([
    ['not an object', 'rooms', 'expected { items: Room[], nextCursor? }'],
    ['paged with an empty cursor', { items: [], nextCursor: '' }, 'nextCursor must be a non-empty string'],
    ['paged with a numeric cursor', { items: [], nextCursor: 2 }, 'nextCursor must be a non-empty string'],
    ['a room without a name', { items: [{ id: 'a' }] }, 'items[0]: a room needs a string id and name'],
    ['a numeric lastMessageAt', { items: [{ id: 'a', name: 'A', lastMessageAt: 1 }] }, 'items[0]: room a: lastMessageAt must be an ISO time or null'],
  ])('refuses a room list that is %s', (_what, answer, error) => {
    expect(checkRoomList(answer)).toEqual({ ok: false, error });
  });

  it('accepts a created room', () => {
    expect(checkRoom({ id: 'a', name: 'A', lastMessageAt: null })).toEqual({ ok: true, value: { id: 'a', name: 'A', kind: 'public', lastMessageAt: null } });
  });

  it('keeps archived only when it is true, and refuses one that is not a boolean', () => {
    expect(checkRoom({ id: 'a', name: 'A', lastMessageAt: null, archived: true })).toEqual({ ok: true, value: { id: 'a', name: 'A', kind: 'public', lastMessageAt: null, archived: true } });
    expect(checkRoom({ id: 'a', name: 'A', lastMessageAt: null, archived: false })).toEqual({ ok: true, value: { id: 'a', name: 'A', kind: 'public', lastMessageAt: null } });
    expect(checkRoom({ id: 'a', name: 'A', archived: 1 })).toEqual({ ok: false, error: 'room a: archived must be a boolean' });
  });

  it('reads the kind from the id, keeps a private room’s epoch and a DM’s peer, and refuses them elsewhere', () => {
    const privateId = 'p-0123456789abcdefghjkmnpqrs';
    const dmId = 'd-0123456789abcdefghjkmnpqrs';
    const peer = { sub: 's', handle: 'bob', displayName: 'Bob' };

    expect(checkRoom({ id: privateId, name: 'Ops', kind: 'private', lastMessageAt: null, epoch: '0123456789' })).toEqual({
      ok: true,
      value: { id: privateId, name: 'Ops', kind: 'private', lastMessageAt: null, epoch: '0123456789' },
    });
    expect(checkRoom({ id: dmId, name: '', kind: 'dm', lastMessageAt: null, peer: { ...peer, extra: 1 } })).toEqual({
      ok: true,
      value: { id: dmId, name: '', kind: 'dm', lastMessageAt: null, peer },
    });
    expect(checkRoom({ id: 'lobby', name: 'Lobby', kind: 'private' })).toEqual({ ok: false, error: 'room lobby: kind must be public' });
    expect(checkRoom({ id: 'lobby', name: 'Lobby', epoch: '0123456789' }).ok).toBe(false);
    expect(checkRoom({ id: privateId, name: 'Ops', epoch: 'ILOU' }).ok).toBe(false);
    expect(checkRoom({ id: privateId, name: 'Ops', peer }).ok).toBe(false);
  });

  it('accepts a page of messages and removed placeholders, with or without a cursor', () => {
    expect(checkMessagePage({ items: [message, removed], nextCursor: 'abc' }, 'lobby')).toEqual({
      ok: true,
      value: { items: [message, removed], nextCursor: 'abc' },
    });
    expect(checkMessagePage({ items: [] }, 'lobby')).toEqual({ ok: true, value: { items: [] } });
  });

  it.each([
    ['no items', {}, 'items must be an array'],
    ['another room’s message', { items: [{ ...message, roomId: 'other' }] }, 'items[0] is not a message or removed placeholder of room lobby'],
    ['a message without text', { items: [message, { ...message, text: undefined }] }, 'items[1] is not a message or removed placeholder of room lobby'],
    ['an empty cursor', { items: [], nextCursor: '' }, 'nextCursor must be a non-empty string'],
  ])('refuses a page with %s', (_what, answer, error) => {
    expect(checkMessagePage(answer, 'lobby')).toEqual({ ok: false, error });
  });

  it('accepts a gap fill with updates and keeps only the known fields', () => {
    const answer = { items: [message], updates: [removed], updatesTruncated: false, extra: 1 };

    expect(checkGapFillPage(answer, 'lobby')).toEqual({ ok: true, value: { items: [message], updates: [removed], updatesTruncated: false } });
  });

  it.each([
    ['updates of another room', { items: [], updates: [{ ...removed, roomId: 'other' }] }, 'updates[0] is not a message or removed placeholder of room lobby'],
    ['a string updatesTruncated', { items: [], updatesTruncated: 'yes' }, 'updatesTruncated must be a boolean'],
  ])('refuses a gap fill with %s', (_what, answer, error) => {
    expect(checkGapFillPage(answer, 'lobby')).toEqual({ ok: false, error });
  });
});
