import { describe, expect, it } from 'vitest';
import { PUBLIC_ROOM_SK_PREFIX, roomKey, toRoom } from './room-item.ts';

describe('room items', () => {
  it('keys public rooms in the public list’s range and members-only rooms outside it, by the id alone', () => {
    expect(roomKey('lobby')).toEqual({ pk: 'ROOMS', sk: 'ROOM#lobby' });
    expect(roomKey('p-0123456789abcdefghjkmnpqrs')).toEqual({ pk: 'ROOMS', sk: 'PRIVATE#p-0123456789abcdefghjkmnpqrs' });
    expect(roomKey('d-0123456789abcdefghjkmnpqrs')).toEqual({ pk: 'ROOMS', sk: 'DM#d-0123456789abcdefghjkmnpqrs' });
    expect(roomKey('p-0123456789abcdefghjkmnpqrs-room').sk.startsWith(PUBLIC_ROOM_SK_PREFIX)).toBe(true);
  });

  it('answers the epoch only when asked for a member', () => {
    const item = { id: 'p-0123456789abcdefghjkmnpqrs', name: 'Ops', epoch: '0123456789', createdBy: 'sub' };

    expect(toRoom(item)).toEqual({ id: item.id, name: 'Ops', kind: 'private', lastMessageAt: null });
    expect(toRoom(item, { withEpoch: true })).toEqual({ id: item.id, name: 'Ops', kind: 'private', lastMessageAt: null, epoch: '0123456789' });
  });
});
