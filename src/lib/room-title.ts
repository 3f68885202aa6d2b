import type { Room } from '../../core/rooms.ts';

/** How a room is named on screen: a DM by the other person ("Bob @bob"), any other room by its name. */
export function roomTitle(room: Room): string {
  return room.kind === 'dm' && room.peer ? `${room.peer.displayName} @${room.peer.handle}` : room.name;
}
