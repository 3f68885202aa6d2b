import { isValidRoomId } from '../../core/channels.ts';
import { PAGE_SIZE, PAGE_SIZE_MAX } from '../../core/limits.ts';
import { BadRequestError } from '../lib/errors.ts';
import { isMessageId } from '../../core/message-id.ts';
import { decodeCursor } from './cursor.ts';


/**
 * `before`: newest first, from the newest message (no cursor) or from a cursor.
 * `after`: oldest first, the messages stored after a known id (gap fill after a reconnect);
 * `changesFrom`, the oldest message the caller holds, asks for the changes of the messages it
 * holds too (the first page of a fill).
 */
export type MessagesQuery =
  | { roomId: string; direction: 'before'; beforeId: string | undefined; limit: number }
  | { roomId: string; direction: 'after'; afterId: string; changesFrom?: string; limit: number };

/** Validates GET /rooms/{roomId}/messages; every problem is a BadRequestError (400). */
export function parseMessagesQuery(
  roomId: string | undefined,
  params: Record<string, string | undefined> | undefined,
): MessagesQuery {
  if (!isValidRoomId(roomId)) throw new BadRequestError('Invalid room id');
  const { before, after, changesFrom, limit: rawLimit } = params ?? {};
  const limit = parseLimit(rawLimit);
  if (before !== undefined && after !== undefined) throw new BadRequestError('Use either before or after, not both');
  if (after !== undefined) {
    if (!isMessageId(after)) throw new BadRequestError('after must be a message id');
    if (changesFrom === undefined) return { roomId, direction: 'after', afterId: after, limit };
    if (!isMessageId(changesFrom)) throw new BadRequestError('changesFrom must be a message id');
    if (changesFrom > after) throw new BadRequestError('changesFrom must not be after after');
    return { roomId, direction: 'after', afterId: after, changesFrom, limit };
  }
  if (changesFrom !== undefined) throw new BadRequestError('changesFrom goes with after');
  return { roomId, direction: 'before', beforeId: before === undefined ? undefined : decodeCursor(before, roomId), limit };
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return PAGE_SIZE;
  const limit = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= PAGE_SIZE_MAX)) throw new BadRequestError(`limit must be an integer from 1 to ${PAGE_SIZE_MAX}`);
  return limit;
}
