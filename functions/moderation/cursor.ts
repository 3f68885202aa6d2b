import { createHash } from 'node:crypto';
import { decodeIdCursor, encodeIdCursor } from '../lib/id-cursor.ts';

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

/** Stable over key order: the filters are sorted before hashing. */
export function fingerprint(filters: object): string {
  const canonical = JSON.stringify(Object.entries(filters).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}
