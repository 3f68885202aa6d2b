import { decodeIdCursor, encodeIdCursor } from '../lib/id-cursor.ts';

/**
 * `before` paging cursor: the oldest id already returned, bound to its room (`r`) so a cursor
 * cannot silently page another room.
 */
export function encodeCursor(roomId: string, beforeId: string): string {
  return encodeIdCursor({ r: roomId }, beforeId);
}

/** The message id to page before; BadRequestError for anything not made for this room. */
export function decodeCursor(cursor: string, roomId: string): string {
  return decodeIdCursor(cursor, { r: roomId });
}
