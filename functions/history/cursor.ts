import { BadRequestError } from '../lib/errors.ts';
import { isMessageId } from '../lib/message-id.ts';

/**
 * `before` paging cursor: base64url JSON naming the room and the oldest id already returned.
 * Opaque to clients so the format can change (bump `v`); bound to its room so a cursor cannot
 * silently page another room. It grants nothing: any caller may read any room's history.
 */
interface CursorPayload {
  v: 1;
  r: string;
  b: string;
}

export function encodeCursor(roomId: string, beforeId: string): string {
  const payload: CursorPayload = { v: 1, r: roomId, b: beforeId };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The message id to page before; BadRequestError for anything this module did not produce. */
export function decodeCursor(cursor: string, roomId: string): string {
  const payload = parse(cursor);
  if (
    payload === null ||
    typeof payload !== 'object' ||
    !('v' in payload && payload.v === 1) ||
    !('r' in payload && payload.r === roomId) ||
    !('b' in payload && isMessageId(payload.b))
  ) {
    throw new BadRequestError('Invalid cursor');
  }
  return payload.b;
}

function parse(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}
