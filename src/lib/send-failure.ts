import { EVENT_ERROR_RETRY, type EventError, parseEventError } from '../../core/event-errors.ts';
import { formatShortTime } from './moderation-format.ts';
import { formatRelative } from './relative-time.ts';

export interface SendFailure {
  /** What the sender reads, e.g. "Not sent: the server could not store it". */
  text: string;
  /** Whether a Retry can succeed now. */
  retryable: boolean;
  /** While a Retry cannot succeed yet but will: when it can (ISO 8601). */
  retryAt?: string;
  /**
   * Present when a Retry must first read the room again (`GET /rooms/{roomId}`): its channel
   * moved to a new epoch, and the same message sent on the new channel can succeed.
   */
  rereadRoom?: true;
}

/** Why each failure that no retry can fix happened, in the sender's words. */
const FINAL_REASONS = {
  NOT_FOUND: 'this room does not exist (any more)',
  MESSAGE_REMOVED: 'a moderator removed this message',
  ROOM_ARCHIVED: 'a moderator archived this room; it is read-only',
} as const;

/**
 * How a failed send reads to its sender, and whether Retry is offered, from the per-event error
 * (core/event-errors.ts). Retry re-sends the same `clientMsgId`, so at most one copy is stored;
 * it is offered only where it can succeed:
 * - never for a room that does not exist or is archived, a removed message or a refused message
 *   (it would fail the same way); the text says why;
 * - for a mute or a rate limit, not before the time the error carries: until then the text says
 *   until when, and from then Retry is offered;
 * - at once when storing failed, and for a failure that carries no code (a network error);
 * - after re-reading the room when a private room's channel moved (`ROOM_MOVED`: a member was
 *   removed or left): the app re-subscribes to the new channel and sends there.
 */
export function describeSendFailure(error: string | undefined, now: number, locale?: string): SendFailure {
  const parsed = parseEventError(error);
  if (parsed === null) return { text: error ? `Not sent: ${error}` : 'Not sent', retryable: true };
  switch (EVENT_ERROR_RETRY[parsed.code]) {
    case 'never':
      return { text: `Not sent: ${finalReason(parsed)}`, retryable: false };
    case 'later':
      return timed(parsed, now, locale);
    case 'now':
      return { text: 'Not sent: the server could not store it', retryable: true };
    case 'reread':
      return { text: 'Not sent: the room changed its members; retry to send it again', retryable: true, rereadRoom: true };
  }
}

function finalReason({ code, detail }: EventError): string {
  return code === 'NOT_FOUND' || code === 'MESSAGE_REMOVED' || code === 'ROOM_ARCHIVED' ? FINAL_REASONS[code] : `the server does not accept this message; ${detail}`;
}

function timed({ code, retryAt }: EventError, now: number, locale: string | undefined): SendFailure {
  const muted = code === 'MUTED';
  const reason = muted ? 'a moderator muted you' : 'you are sending too fast';
  // A time the server did not write cannot be waited for; a Retry at worst fails the same way.
  if (retryAt === undefined) return { text: `Not sent: ${reason}`, retryable: true };
  if (Date.parse(retryAt) <= now) {
    return { text: muted ? 'Not sent: you were muted; your mute has ended, so you can retry' : 'Not sent: you were sending too fast; you can retry now', retryable: true };
  }
  return { text: `Not sent: ${reason}${until(retryAt, now, muted, locale)}`, retryable: false, retryAt };
}

/** A rate limit's window often ends within seconds, where a clock time says less than "in 8 seconds". */
function until(retryAt: string, now: number, muted: boolean, locale: string | undefined): string {
  const seconds = Math.ceil((Date.parse(retryAt) - now) / 1000);
  if (seconds < 60) return `; you can retry in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const clock = `${formatShortTime(retryAt, locale)} (${formatRelative(retryAt, now, locale)})`;
  return muted ? ` until ${clock}` : `; you can retry at ${clock}`;
}
