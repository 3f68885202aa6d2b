import { isValidRoomId } from '../../core/channels.ts';
import { decodeCursorPayload, encodeCursorPayload } from '../lib/id-cursor.ts';
import { BadRequestError } from '../lib/errors.ts';

/** `GET /rooms` paging cursor: the id of the last room returned (rooms are listed in id order). */
export function encodeRoomCursor(lastRoomId: string): string {
  return encodeCursorPayload({ k: 'rooms', r: lastRoomId });
}

/** The room id to continue after; BadRequestError for anything `encodeRoomCursor` did not make. */
export function decodeRoomCursor(cursor: string): string {
  const payload = decodeCursorPayload(cursor);
  if (payload?.k !== 'rooms' || !isValidRoomId(payload.r)) throw new BadRequestError('Invalid cursor');
  return payload.r;
}
