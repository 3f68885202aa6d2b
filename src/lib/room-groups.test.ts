import { describe, expect, it } from 'vitest';
import type { Room } from '../../core/rooms.ts';
import { groupRooms } from './room-groups.ts';

const room = (id: string, name: string, kind: Room['kind'], peer?: string): Room => ({
  id,
  name,
  kind,
  lastMessageAt: null,
  ...(peer ? { peer: { sub: `sub-${peer}`, handle: peer.toLowerCase(), displayName: peer } } : {}),
});

describe('groupRooms', () => {
  it('puts rooms, private rooms and DMs under their headings, each by title, counting rooms only', () => {
    const rows = groupRooms([
      room('d-2', 'Direct message', 'dm', 'Zed'),
      room('zeta', 'zeta', 'public'),
      room('p-1', 'Team', 'private'),
      room('d-1', 'Direct message', 'dm', 'Ann'),
      room('alpha', 'alpha', 'public'),
    ]);

    expect(rows.map((row) => (row.kind === 'group' ? `[${row.label}]` : `${row.position}:${row.key}`))).toEqual([
      '[Rooms]',
      '1:alpha',
      '2:zeta',
      '[Private rooms]',
      '3:p-1',
      '[Direct messages]',
      '4:d-1',
      '5:d-2',
    ]);
  });

  it('shows no heading over public rooms alone', () => {
    const rows = groupRooms([room('b', 'b', 'public'), room('a', 'a', 'public')]);

    expect(rows.map((row) => row.kind)).toEqual(['room', 'room']);
  });

  it('heads DMs alone: they are not rooms one joined', () => {
    const rows = groupRooms([room('d-1', 'Direct message', 'dm', 'Ann')]);

    expect(rows.map((row) => (row.kind === 'group' ? row.label : row.key))).toEqual(['Direct messages', 'd-1']);
  });
});
