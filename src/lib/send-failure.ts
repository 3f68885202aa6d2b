import { mutedUntil } from '../../core/muted-error.ts';
import { formatShortTime } from './moderation-format.ts';
import { formatRelative } from './relative-time.ts';

export interface SendFailure {
  /** What the sender reads, e.g. "Not sent: Message not stored; please retry". */
  text: string;
  /** Whether a Retry can help now. */
  retryable: boolean;
  /** When the sender's mute ends (ISO 8601), for a `Muted` failure. */
  mutedUntil?: string;
}

/**
 * How a failed send reads to its sender. A `Muted` failure (core/muted-error.ts) says until when,
 * and offers no Retry before then: it would fail the same way. Anything else shows the server's
 * text with a Retry (same `clientMsgId`, so at most one copy is stored).
 */
export function describeSendFailure(error: string | undefined, now: number, locale?: string): SendFailure {
  const until = mutedUntil(error);
  if (until === null) return { text: error ? `Not sent: ${error}` : 'Not sent', retryable: true };
  if (Date.parse(until) <= now) return { text: 'Not sent: you were muted; your mute has ended, so you can retry', retryable: true, mutedUntil: until };
  return {
    text: `Not sent: a moderator muted you until ${formatShortTime(until, locale)} (${formatRelative(until, now, locale)})`,
    retryable: false,
    mutedUntil: until,
  };
}
