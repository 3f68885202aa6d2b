import { describe, expect, it } from 'vitest';
import { roomTitle } from './room-title.ts';

describe('roomTitle', () => {
  it('names a DM by the other person, and any other room by its name', () => {
    const peer = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob' };

    expect(roomTitle({ id: 'd-x', name: 'Direct message', kind: 'dm', lastMessageAt: null, peer })).toBe('Bob @bob');
    expect(roomTitle({ id: 'd-x', name: 'Direct message', kind: 'dm', lastMessageAt: null })).toBe('Direct message');
    expect(roomTitle({ id: 'p-x', name: 'Team', kind: 'private', lastMessageAt: null })).toBe('Team');
  });
});
