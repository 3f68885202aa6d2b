/**
 * Why one published event failed: the text of a publish answer's `failed[].message` (and of an
 * event's `error` in the `chat`/`signals` handlers' response). Written as `<CODE>: <detail>`, with
 * the codes in the same SCREAMING_SNAKE_CASE as the HTTP API's error codes. `persist-messages` and
 * the handlers write it with `formatEventError`; the app reads it back with `parseEventError` to
 * decide whether, and when, a Retry can succeed. Kept inside the APPSYNC_JS subset: the handlers
 * import it.
 */

/** Every code a per-event error carries. */
export type EventErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'MESSAGE_NOT_FOUND'
  | 'NOT_AUTHOR'
  | 'MESSAGE_DELETED'
  | 'MESSAGE_REMOVED'
  | 'ROOM_ARCHIVED'
  | 'ROOM_MOVED'
  | 'RATE_LIMITED'
  | 'MUTED'
  | 'INTERNAL'
  | 'CONSISTENCY'
  | 'UNAVAILABLE';

/**
 * Whether sending the same event again can succeed:
 * - `never`: it would fail the same way.
 * - `later`: not before the time the error carries (`retryAt`), and then it can.
 * - `now`: at once. A retry re-sends the same `clientMsgId`, which is stored at most once.
 * - `reread`: after reading the room again (`GET /rooms/{roomId}`): it now has another channel,
 *   and the same event sent there can succeed.
 */
export type EventErrorRetry = 'never' | 'later' | 'now' | 'reread';

/**
 * The retry rule of each code:
 * - `BAD_REQUEST`: the event itself is malformed or breaks a rule (the detail says which): never.
 * - `NOT_FOUND`: the room does not exist, or it is a private room or DM the author is not a member
 *   of (the same answer, so a non-member learns nothing about it): never.
 * - `MESSAGE_NOT_FOUND`: an edit, delete, reaction or reply names a message that is not in the
 *   room: never.
 * - `NOT_AUTHOR`: an edit or delete of someone else's message; only its author may: never.
 * - `MESSAGE_DELETED`: an edit of, reaction to or reply to a message its author deleted: never.
 * - `MESSAGE_REMOVED`: a retry of a message a moderator removed, whose text is not sent again, or a
 *   change or reply to a message a moderator removed: never.
 * - `ROOM_ARCHIVED`: a moderator archived the room, which is read-only until one unarchives it:
 *   never (an unarchive is a moderator's decision, not a time the error could carry).
 * - `ROOM_MOVED`: a private room's or DM's epoch was rotated (a member was removed or left), so
 *   the channel the event came on is stale: after re-reading the room, on its new channel.
 * - `RATE_LIMITED`: over the author's publish limit: after the limit's window ends (`retryAt`).
 * - `MUTED`: a moderator muted the author: after the mute ends (`retryAt`).
 * - `INTERNAL`, `CONSISTENCY`: storing this event failed: now.
 * - `UNAVAILABLE`: the storage step did not answer (the Lambda failed or timed out), so the
 *   handler could not say what was stored: now.
 */
export const EVENT_ERROR_RETRY: Readonly<Record<EventErrorCode, EventErrorRetry>> = {
  BAD_REQUEST: 'never',
  NOT_FOUND: 'never',
  MESSAGE_NOT_FOUND: 'never',
  NOT_AUTHOR: 'never',
  MESSAGE_DELETED: 'never',
  MESSAGE_REMOVED: 'never',
  ROOM_ARCHIVED: 'never',
  ROOM_MOVED: 'reread',
  RATE_LIMITED: 'later',
  MUTED: 'later',
  INTERNAL: 'now',
  CONSISTENCY: 'now',
  UNAVAILABLE: 'now',
};

/** A per-event error read back from its text. */
export interface EventError {
  code: EventErrorCode;
  /** What follows the code, without the retry time. */
  detail: string;
  /** When a `later` error may be retried (ISO 8601, UTC); absent when the text carries no valid time. */
  retryAt?: string;
}

const CODE_SEPARATOR = ': ';
const RETRY_AT_SEPARATOR = '; retry after ';

/** Whether `value` is one of the codes (a Lambda error's code may be an HTTP-only one). */
export function isEventErrorCode(value: unknown): value is EventErrorCode {
  return typeof value === 'string' && Object.keys(EVENT_ERROR_RETRY).includes(value);
}

/**
 * The error text: `<CODE>: <detail>`, and for a timed retry `<CODE>: <detail>; retry after <time>`,
 * where `retryAt` is `Date.prototype.toISOString()` output.
 */
export function formatEventError(code: EventErrorCode, detail: string, retryAt?: string): string {
  const text = code + CODE_SEPARATOR + detail;
  return retryAt === undefined ? text : text + RETRY_AT_SEPARATOR + retryAt;
}

/**
 * Reads a per-event error, or null when the text is not one (a network failure, a bare message
 * from elsewhere). A retry time counts only as the server writes it, `toISOString()` output: any
 * other text after `; retry after ` stays part of the detail.
 */
export function parseEventError(text: string | undefined): EventError | null {
  if (text === undefined) {
    return null;
  }
  const codeEnd = text.indexOf(CODE_SEPARATOR);
  const code = codeEnd === -1 ? text : text.slice(0, codeEnd);
  if (!isEventErrorCode(code)) {
    return null;
  }
  const rest = codeEnd === -1 ? '' : text.slice(codeEnd + CODE_SEPARATOR.length);
  const timeStart = rest.lastIndexOf(RETRY_AT_SEPARATOR);
  const retryAt = timeStart === -1 ? '' : rest.slice(timeStart + RETRY_AT_SEPARATOR.length);
  if (!isIsoTime(retryAt)) {
    return { code, detail: rest };
  }
  return { code, detail: rest.slice(0, timeStart), retryAt };
}

function isIsoTime(value: string): boolean {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value;
}
