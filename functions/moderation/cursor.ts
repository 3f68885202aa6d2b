import { createHash } from 'node:crypto';
import { BadRequestError } from '../lib/errors.ts';
import { isMessageId } from '../lib/message-id.ts';

/**
 * Moderation paging cursor: base64url JSON naming the list (`messages` or `audit`), a fingerprint
 * of the filters it was made for, and the id to continue below. Every list is in id order (ids
 * are time-ordered and unique), so "everything below this id" continues any query exactly, even
 * one that merges several partitions. A cursor used with other filters is a 400, not a silently
 * different result.
 */
interface CursorPayload {
  v: 1;
  k: string;
  f: string;
  b: string;
}

export function encodeCursor(kind: string, filters: object, beforeId: string): string {
  const payload: CursorPayload = { v: 1, k: kind, f: fingerprint(filters), b: beforeId };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The id to continue below; BadRequestError for a cursor this module did not make for these filters. */
export function decodeCursor(cursor: string, kind: string, filters: object): string {
  const payload = parse(cursor);
  if (
    payload === null ||
    typeof payload !== 'object' ||
    !('v' in payload && payload.v === 1) ||
    !('k' in payload && payload.k === kind) ||
    !('b' in payload && isMessageId(payload.b))
  ) {
    throw new BadRequestError('Invalid cursor');
  }
  if (!('f' in payload && payload.f === fingerprint(filters))) throw new BadRequestError('The cursor belongs to other filters');
  return payload.b;
}

/** Stable over key order: the filters are sorted before hashing. */
export function fingerprint(filters: object): string {
  const canonical = JSON.stringify(Object.entries(filters).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

function parse(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}
