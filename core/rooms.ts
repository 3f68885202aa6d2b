/**
 * A room as the API answers it (`GET /rooms`, `GET /rooms/{roomId}`, `POST /rooms`, `POST /dms`,
 * the moderation room actions) and as `room.updated` carries it, with the one check every
 * consumer runs. Kept inside the APPSYNC_JS subset like the rest of `core/`.
 */
import { isValidEpoch, roomKindOfId, type RoomKind } from './channels.ts';
import { type Checked, isRecord, refuse } from './checked.ts';

export type { RoomKind };

/**
 * The public room every deployment and every local cloud has from the start (the server creates it
 * if it is missing); a member who has read no room yet lands there instead of on an empty list.
 */
export const STARTER_ROOM_ID = 'general';

/** The starter room's name, as the server creates it (its slug is `STARTER_ROOM_ID`). */
export const STARTER_ROOM_NAME = 'General';

/** The other member of a DM, as their profile says now. */
export interface RoomPeer {
  sub: string;
  handle: string;
  displayName: string;
}

export interface Room {
  id: string;
  name: string;
  /** `public` (slug ids), `private` (`p-…`, members only) or `dm` (`d-…`, exactly two members); always the kind of the id. */
  kind: RoomKind;
  /** ISO time of the newest stored message; null until the first one. */
  lastMessageAt: string | null;
  /**
   * Present (and true) while a moderator has archived the room: it is read-only (publishes fail
   * with `ROOM_ARCHIVED`) and left out of `GET /rooms`; its history stays readable.
   */
  archived?: true;
  /**
   * A private room's or DM's current epoch, answered to its members only: the last segment of its
   * channels (`roomChannel(id, epoch)`). It changes when a member is removed or leaves.
   */
  epoch?: string;
  /** A DM in the caller's room list: the other person. */
  peer?: RoomPeer;
}

function checkPeer(value: unknown): RoomPeer | null {
  if (!isRecord(value) || typeof value.sub !== 'string' || typeof value.handle !== 'string' || typeof value.displayName !== 'string') {
    return null;
  }
  return { sub: value.sub, handle: value.handle, displayName: value.displayName };
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
  // The id decides the kind; a `kind` that says otherwise is a server bug, not something to trust.
  const kind = roomKindOfId(value.id);
  if (value.kind !== undefined && value.kind !== kind) {
    return refuse(`room ${value.id}: kind must be ${kind}`);
  }
  if (value.epoch !== undefined && (kind === 'public' || !isValidEpoch(value.epoch))) {
    return refuse(`room ${value.id}: epoch must be 10 base32 characters, on a private room or DM only`);
  }
  const peer = value.peer === undefined ? undefined : checkPeer(value.peer);
  if (peer === null || (peer !== undefined && kind !== 'dm')) {
    return refuse(`room ${value.id}: peer must be { sub, handle, displayName }, on a DM only`);
  }
  const room: Room = { id: value.id, name: value.name, kind, lastMessageAt: typeof last === 'string' ? last : null };
  if (archived === true) {
    room.archived = true;
  }
  if (typeof value.epoch === 'string') {
    room.epoch = value.epoch;
  }
  if (peer !== undefined) {
    room.peer = peer;
  }
  return { ok: true, value: room };
}
