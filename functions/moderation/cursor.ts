import { createHash } from 'node:crypto';
import { isMessageId } from '../../core/message-id.ts';
import { BadRequestError } from '../lib/errors.ts';
import { decodeCursorPayload, decodeIdCursor, encodeCursorPayload, encodeIdCursor, matchesScope } from '../lib/id-cursor.ts';
import { authorMessagesSkPrefix } from '../lib/message-item.ts';
import type { AuthorPosition, AuthorWindow } from './moderation-store.ts';

/**
 * Moderation paging cursor: the list it pages (`k`: `messages` or `audit`), a fingerprint of the
 * filters it was made for (`f`) and the id to continue below. "Everything below this id" continues
 * any list exactly, even one that merges several partitions. A cursor used with other filters is
 * a 400 that says so, not a silently different result.
 */
export function encodeCursor(kind: string, filters: object, beforeId: string): string {
  return encodeIdCursor({ k: kind, f: fingerprint(filters) }, beforeId);
}

/** The id to continue below; BadRequestError for a cursor this module did not make for these filters. */
export function decodeCursor(cursor: string, kind: string, filters: object): string {
  return decodeIdCursor(cursor, { k: kind }, { f: fingerprint(filters) }, 'The cursor belongs to other filters');
}

/**
 * Where an author search goes on (message-search.ts): the window of the author partitions it
 * reads, and within it the id to continue below (`below`, absent for a window not read yet).
 */
export interface AuthorCursor {
  window: AuthorWindow;
  below?: string;
}

/** How many authors' partitions one search can read, at most: more than a name can name. */
const AUTHOR_PARTITIONS_MAX = 1000;

export function encodeAuthorCursor(filters: { roomId?: string }, cursor: AuthorCursor): string {
  const position = ({ s, k }: AuthorPosition) => [s, k ?? null];
  return encodeCursorPayload({
    k: 'messages',
    f: fingerprint(filters),
    a: position(cursor.window.start),
    ...(cursor.window.end === undefined ? {} : { e: position(cursor.window.end) }),
    ...(cursor.below === undefined ? {} : { b: cursor.below }),
  });
}

/** An author search's cursor; BadRequestError for a cursor this module did not make for these filters. */
export function decodeAuthorCursor(cursor: string, filters: { roomId?: string }): AuthorCursor {
  const payload = decodeCursorPayload(cursor);
  const prefix = authorMessagesSkPrefix(filters.roomId);
  const start = payload === null ? null : readPosition(payload.a, prefix);
  const end = payload?.e === undefined ? undefined : readPosition(payload.e, prefix);
  const below = payload?.b;
  if (payload === null || payload.k !== 'messages' || start === null || end === null || (below !== undefined && !isMessageId(below))) {
    throw new BadRequestError('Invalid cursor');
  }
  if (!matchesScope(payload, { f: fingerprint(filters) })) throw new BadRequestError('The cursor belongs to other filters');
  return { window: { start, ...(end === undefined ? {} : { end }) }, ...(below === undefined ? {} : { below }) };
}

function readPosition(value: unknown, prefix: string): AuthorPosition | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [s, k] = value as unknown[];
  if (!Number.isInteger(s) || (s as number) < 0 || (s as number) >= AUTHOR_PARTITIONS_MAX) return null;
  if (k === null) return { s: s as number };
  return typeof k === 'string' && k.startsWith(prefix) && k.length <= 300 ? { s: s as number, k } : null;
}

/** Stable over key order: the filters are sorted before hashing. */
export function fingerprint(filters: object): string {
  const canonical = JSON.stringify(Object.entries(filters).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}
