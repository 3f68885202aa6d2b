import type { Room, RoomKind } from '../../core/rooms.ts';
import { roomTitle } from './room-title.ts';

/** The room list's groups, in the order they are shown. */
export const ROOM_GROUPS: readonly { kind: RoomKind; label: string }[] = [
  { kind: 'public', label: 'Rooms' },
  { kind: 'private', label: 'Private rooms' },
  { kind: 'dm', label: 'Direct messages' },
];

export type RoomListRow = { kind: 'group'; key: string; label: string; rooms: Room[] } | { kind: 'room'; key: string; room: Room; position: number };

/**
 * The room list's rows: the rooms of each kind by title (a DM by the other person's name), each
 * kind under its heading. A list of public rooms only is the list it always was, without a
 * heading. `position` counts rooms only, for `aria-posinset`.
 */
export function groupRooms(rooms: readonly Room[]): RoomListRow[] {
  const groups = ROOM_GROUPS.map(({ kind, label }) => ({
    kind,
    label,
    rooms: rooms.filter((room) => room.kind === kind).sort((a, b) => roomTitle(a).localeCompare(roomTitle(b))),
  })).filter((group) => group.rooms.length > 0);
  const headed = groups.some((group) => group.kind !== 'public');
  let position = 0;
  return groups.flatMap((group) => {
    const heading: RoomListRow[] = headed ? [{ kind: 'group', key: `group:${group.kind}`, label: group.label, rooms: group.rooms }] : [];
    return [...heading, ...group.rooms.map((room): RoomListRow => ({ kind: 'room', key: room.id, room, position: (position += 1) }))];
  });
}
