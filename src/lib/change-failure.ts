import { EVENT_ERROR_RETRY, parseEventError } from '../../core/event-errors.ts';

/** Why an edit, delete or reaction failed, in the member's words, and whether trying again can help now. */
export interface ChangeFailure {
  text: string;
  retryable: boolean;
}

const REASONS: Partial<Record<string, string>> = {
  MESSAGE_NOT_FOUND: 'that message is not in this room',
  NOT_AUTHOR: 'only its author can change a message',
  MESSAGE_DELETED: 'that message was deleted',
  MESSAGE_REMOVED: 'a moderator removed that message',
  ROOM_ARCHIVED: 'a moderator archived this room; it is read-only',
  NOT_FOUND: 'this room does not exist (any more)',
  MUTED: 'a moderator muted you',
  RATE_LIMITED: 'you are sending too fast',
  ROOM_MOVED: 'the room changed its members',
};

/**
 * How a failed change reads (core/event-errors.ts decides whether a retry can succeed). A `later`
 * error is not retryable now: a second try right away would fail the same way. A failure with
 * no code (a network error) may succeed when tried again.
 */
export function describeChangeFailure(error: string | undefined): ChangeFailure {
  const parsed = parseEventError(error);
  if (parsed === null) return { text: error ? `Not saved: ${error}` : 'Not saved', retryable: true };
  const rule = EVENT_ERROR_RETRY[parsed.code];
  const reason = REASONS[parsed.code] ?? (rule === 'now' ? 'the server could not store it' : parsed.detail);
  return { text: `Not saved: ${reason}`, retryable: rule === 'now' || rule === 'reread' };
}
