import { isValidRoomId } from '../../core/channels.ts';
import { decodeCursorPayload, encodeCursorPayload } from '../lib/id-cursor.ts';
import { BadRequestError } from '../lib/errors.ts';

/**
 * Where a `GET /rooms` page continues. The list is the caller's private rooms and DMs first, then
 * the public rooms, each in id order: `mine` after a room id (of the caller's memberships), or
 * `public` after a room id, or from the first public room when `after` is absent.
 */
export interface RoomListPosition {
  phase: 'mine' | 'public';
  after?: string;
}

/** `GET /rooms` paging cursor: the phase and the id of the last room read in it. */
export function encodeRoomCursor(position: RoomListPosition): string {
  return encodeCursorPayload({ k: 'rooms', ...(position.phase === 'mine' ? { m: 1 } : {}), ...(position.after === undefined ? {} : { r: position.after }) });
}

/**
 * Where to continue; BadRequestError for anything `encodeRoomCursor` did not make. A cursor
 * without `m` is a public one, as every cursor was before members-only rooms.
 */
export function decodeRoomCursor(cursor: string): RoomListPosition {
  const payload = decodeCursorPayload(cursor);
  if (payload?.k !== 'rooms' || (payload.r !== undefined && !isValidRoomId(payload.r)) || (payload.m !== undefined && payload.m !== 1)) {
    throw new BadRequestError('Invalid cursor');
  }
  const phase = payload.m === 1 ? 'mine' : 'public';
  if (phase === 'mine' && payload.r === undefined) throw new BadRequestError('Invalid cursor');
  return payload.r === undefined ? { phase } : { phase, after: payload.r as string };
}
