/**
 * A room as the API answers it (`GET /rooms`, `GET /rooms/{roomId}`, `POST /rooms`, the
 * moderation room actions) and as `room.updated` carries it, with the one check every consumer
 * runs. Kept inside the APPSYNC_JS subset like the rest of `core/`.
 */
import { type Checked, isRecord, refuse } from './checked.ts';

export interface Room {
  id: string;
  name: string;
  /** ISO time of the newest stored message; null until the first one. */
  lastMessageAt: string | null;
  /**
   * Present (and true) while a moderator has archived the room: it is read-only (publishes fail
   * with `ROOM_ARCHIVED`) and left out of `GET /rooms`; its history stays readable.
   */
  archived?: true;
}

export function checkRoom(value: unknown): Checked<Room> {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.name !== 'string') {
    return refuse('a room needs a string id and name');
  }
  const last = value.lastMessageAt;
  if (last !== null && last !== undefined && typeof last !== 'string') {
    return refuse(`room ${value.id}: lastMessageAt must be an ISO time or null`);
  }
  const archived = value.archived;
  if (archived !== undefined && typeof archived !== 'boolean') {
    return refuse(`room ${value.id}: archived must be a boolean`);
  }
  const room: Room = { id: value.id, name: value.name, lastMessageAt: typeof last === 'string' ? last : null };
  return { ok: true, value: archived === true ? { ...room, archived: true } : room };
}
