import { BadRequestError } from './errors.ts';
import { isMessageId } from '../../core/message-id.ts';

/**
 * The envelope every paging cursor shares: base64url JSON `{v: 1, ...fields}`, opaque to clients
 * (the format can change by bumping `v`). A cursor grants nothing; callers check access as usual.
 */
export function encodeCursorPayload(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ v: 1, ...payload }), 'utf8').toString('base64url');
}

/**
 * The fields of a version 1 cursor, or null for anything else. Up to 1,024 characters: the
 * longest, a moderation author search's, carries two sort keys of ~100 characters.
 */
export function decodeCursorPayload(cursor: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const payload = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    return payload?.v === 1 ? payload : null;
  } catch {
    return null;
  }
}

/**
 * Most lists we page are in id order (ids are time-ordered and unique), so "continue below this
 * id" (`b`) is all their cursor needs to carry, plus the scope it was made for (a room, a list and
 * its filters) so that a cursor reused elsewhere is a 400 instead of a silently different page.
 */
export type CursorScope = Record<string, string>;

export function encodeIdCursor(scope: CursorScope, beforeId: string): string {
  return encodeCursorPayload({ ...scope, b: beforeId });
}

/**
 * The id to continue below. BadRequestError('Invalid cursor') for anything not made by
 * `encodeIdCursor` with a matching `identity` (which list it pages); `mismatch` names the error for
 * a well-formed cursor whose other scope fields differ (e.g. "made for other filters").
 */
export function decodeIdCursor(cursor: string, identity: CursorScope, scope: CursorScope = {}, mismatch = 'Invalid cursor'): string {
  const payload = decodeCursorPayload(cursor);
  if (payload === null || !isMessageId(payload.b) || !matchesScope(payload, identity)) {
    throw new BadRequestError('Invalid cursor');
  }
  if (!matchesScope(payload, scope)) throw new BadRequestError(mismatch);
  return payload.b;
}

export function matchesScope(payload: Record<string, unknown>, scope: CursorScope): boolean {
  return Object.entries(scope).every(([key, value]) => payload[key] === value);
}
