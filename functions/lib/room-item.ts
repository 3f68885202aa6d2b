import { roomKindOfId } from '../../core/channels.ts';
import type { Room } from '../../core/rooms.ts';

/**
 * The room item (amplify/data/README.md): in the `ROOMS` partition, sorted by `ROOM#<roomId>` for
 * a public room, `PRIVATE#<roomId>` for a private one and `DM#<roomId>` for a DM, with
 * `type='room'`, `id`, `name`, `createdAt`, `createdBy`, `lastMessageAt`, `nameKeys` (public
 * rooms: the look-alike keys it holds, lib/room-keys.ts), `epoch` (private rooms and DMs),
 * `archivedAt` while archived, and `moderation`, the last moderator action. The prefixes keep the
 * public room list's Query (`begins_with(sk, 'ROOM#')`) from reading members-only rooms, and the
 * kind is known from the id (core/channels.ts), so every reader finds the key without a read.
 */
export const ROOMS_PK = 'ROOMS';
/** The sort-key prefix of public rooms: `GET /rooms` reads this range of the partition only. */
export const PUBLIC_ROOM_SK_PREFIX = 'ROOM#';

export function roomKey(roomId: string): { pk: string; sk: string } {
  const kind = roomKindOfId(roomId);
  const prefix = kind === 'private' ? 'PRIVATE#' : kind === 'dm' ? 'DM#' : PUBLIC_ROOM_SK_PREFIX;
  return { pk: ROOMS_PK, sk: `${prefix}${roomId}` };
}

/**
 * The room as the API answers it. The epoch only when `withEpoch` (the caller is a member): a
 * non-member must not learn the channel of a room they are not in.
 */
export function toRoom(item: Record<string, unknown>, options?: { withEpoch?: boolean }): Room {
  const id = item.id as string;
  const room: Room = {
    id,
    name: item.name as string,
    kind: roomKindOfId(id),
    lastMessageAt: (item.lastMessageAt as string | undefined) ?? null,
  };
  if (item.archivedAt !== undefined) room.archived = true;
  if (options?.withEpoch === true && typeof item.epoch === 'string') room.epoch = item.epoch;
  return room;
}
