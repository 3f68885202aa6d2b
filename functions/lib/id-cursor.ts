import { BadRequestError } from './errors.ts';
import { isMessageId } from '../../core/message-id.ts';

/**
 * The envelope every paging cursor shares: base64url JSON `{v: 1, b: <id>, ...scope}`. Every list
 * we page is in id order (ids are time-ordered and unique), so "continue below this id" is all a
 * cursor needs to carry, plus the scope it was made for (a room, a list and its filters) so that
 * a cursor reused elsewhere is a 400 instead of a silently different page. Opaque to clients: the
 * format can change by bumping `v`. A cursor grants nothing; callers check access as usual.
 */
export type CursorScope = Record<string, string>;

export function encodeIdCursor(scope: CursorScope, beforeId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, ...scope, b: beforeId }), 'utf8').toString('base64url');
}

/**
 * The id to continue below. BadRequestError('Invalid cursor') for anything not made by
 * `encodeIdCursor` with a matching `identity` (which list it pages); `mismatch` names the error for
 * a well-formed cursor whose other scope fields differ (e.g. "made for other filters").
 */
export function decodeIdCursor(cursor: string, identity: CursorScope, scope: CursorScope = {}, mismatch = 'Invalid cursor'): string {
  const payload = parse(cursor);
  if (payload === null || payload.v !== 1 || !isMessageId(payload.b) || !matches(payload, identity)) {
    throw new BadRequestError('Invalid cursor');
  }
  if (!matches(payload, scope)) throw new BadRequestError(mismatch);
  return payload.b;
}

function matches(payload: Record<string, unknown>, scope: CursorScope): boolean {
  return Object.entries(scope).every(([key, value]) => payload[key] === value);
}

function parse(cursor: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
