import type { Room } from '../../core/rooms.ts';

/**
 * The room item (amplify/data/README.md): `ROOMS` / `ROOM#<roomId>`, with `type='room'`, `id`,
 * `name`, `createdAt`, `createdBy`, `lastMessageAt`, `nameKeys` (the look-alike keys it holds,
 * lib/room-keys.ts), `archivedAt` while archived, and `moderation`, the last moderator action.
 */
export const ROOMS_PK = 'ROOMS';

export function roomKey(roomId: string): { pk: string; sk: string } {
  return { pk: ROOMS_PK, sk: `ROOM#${roomId}` };
}

export function toRoom(item: Record<string, unknown>): Room {
  const room: Room = {
    id: item.id as string,
    name: item.name as string,
    lastMessageAt: (item.lastMessageAt as string | undefined) ?? null,
  };
  return item.archivedAt === undefined ? room : { ...room, archived: true };
}
