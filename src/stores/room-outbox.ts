import { parseEventError } from '../../core/event-errors.ts';
import type { Author, ReplyRef } from '../../core/messages.ts';
import { findOutgoing, type OutgoingMessage, type Timeline, type TimelineInput } from '../../core/timeline.ts';
import { validateMessage } from '../../core/validate-message.ts';
import { toNfc } from '../lib/message-text.ts';
import type { EventsService } from '../services/events.ts';

export type SendCheck = { ok: true } | { ok: false; error: string };

/**
 * How long an accepted send may wait for its echo before the room asks history for it. The echo
 * normally takes milliseconds; a socket that silently lost it is what this bounds.
 */
export const ECHO_TIMEOUT_MS = 10_000;
export const NOT_CONFIRMED = 'No confirmation from the server';

export interface OutboxDeps {
  roomId: string;
  /** The room's chat channel now: a private room's or DM's moves with its epoch. */
  channel: () => string;
  events: Pick<EventsService, 'post'>;
  /**
   * Who is signed in, or null: the profile in their access token, which the `chat` handler stamps
   * on the stored message too, so the optimistic entry shows what the echo will.
   */
  author: () => Author | null;
  timeline: () => Timeline;
  /** Every state change goes through the room's pure merge. */
  record: (input: TimelineInput) => void;
  /** Asks history for what the socket may have lost; resolves when that is merged. */
  fillGap: () => Promise<void>;
  /**
   * A send failed `ROOM_MOVED`: the room's epoch was rotated. The room re-reads itself and moves to
   * the new channel, then calls `resendMoved`.
   */
  moved: () => void;
}

export interface Outbox {
  /**
   * Checks the text with the shared rules (NFC, then sanitize); when it passes, the sanitized text
   * is on its way, as a reply to `replyTo` when given (the server quotes the original itself).
   */
  send(text: string, replyTo?: ReplyRef): SendCheck;
  /** Sends a failed message again with the same `clientMsgId`, which the server stores at most once. */
  retry(clientMsgId: string): void;
  /** Sends again, on the channel the room has now, every send that failed `ROOM_MOVED`. */
  resendMoved(): void;
  /** Stops the echo timers: the room is closing. */
  dispose(): void;
}

/**
 * One room's sends, each through pending → accepted → echoed, or failed: it shows at once as
 * pending; the server's acceptance makes it accepted and starts its echo timer; the stored echo
 * replaces it in the merge (matched on `clientMsgId`). A per-event or network failure marks it
 * failed with the server's text. An accepted send whose echo has not come within
 * `ECHO_TIMEOUT_MS` triggers a gap fill, and if history lacks it too it is marked failed (Retry is
 * safe: same `clientMsgId`). The states live in the timeline (`core/timeline.ts`); this owns the
 * publishing and the timers.
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  const echoTimers = new Map<string, ReturnType<typeof setTimeout>>();

  const statusOf = (clientMsgId: string) => findOutgoing(deps.timeline(), clientMsgId)?.status;

  function stopTimer(clientMsgId: string): void {
    clearTimeout(echoTimers.get(clientMsgId));
    echoTimers.delete(clientMsgId);
  }

  async function confirm(clientMsgId: string): Promise<void> {
    echoTimers.delete(clientMsgId);
    if (statusOf(clientMsgId) !== 'accepted') return;
    await deps.fillGap();
    if (statusOf(clientMsgId) === 'accepted') deps.record({ kind: 'failed', clientMsgId, error: NOT_CONFIRMED });
  }

  async function deliver(message: OutgoingMessage): Promise<void> {
    const { clientMsgId, text, replyTo } = message;
    stopTimer(clientMsgId);
    const result = await deps.events.post(deps.channel(), replyTo ? { type: 'message', clientMsgId, text, replyTo: replyTo.id } : { type: 'message', clientMsgId, text });
    if (!result.ok) {
      deps.record({ kind: 'failed', clientMsgId, error: result.error });
      if (parseEventError(result.error)?.code === 'ROOM_MOVED') deps.moved();
      return;
    }
    deps.record({ kind: 'accepted', clientMsgId });
    // Not when the echo beat the answer (the entry is gone) or the room closed meanwhile.
    if (statusOf(clientMsgId) === 'accepted') echoTimers.set(clientMsgId, setTimeout(() => void confirm(clientMsgId), ECHO_TIMEOUT_MS));
  }

  function send(text: string, replyTo?: ReplyRef): SendCheck {
    const author = deps.author();
    if (!author) return { ok: false, error: 'Sign in to send messages' };
    const clientMsgId = crypto.randomUUID();
    const checked = validateMessage({ type: 'message', clientMsgId, text: toNfc(text), replyTo: replyTo?.id });
    if (!checked.ok) return { ok: false, error: checked.error };
    const message: OutgoingMessage = {
      clientMsgId,
      roomId: deps.roomId,
      text: checked.message.text,
      author: { sub: author.sub, handle: author.handle, displayName: author.displayName, moderator: author.moderator },
      createdAt: new Date().toISOString(),
      status: 'pending',
      ...(replyTo ? { replyTo } : {}),
    };
    deps.record({ kind: 'sending', message });
    void deliver(message);
    return { ok: true };
  }

  function retry(clientMsgId: string): void {
    const message = findOutgoing(deps.timeline(), clientMsgId);
    if (!message || message.status !== 'failed') return;
    deps.record({ kind: 'sending', message });
    void deliver(message);
  }

  function resendMoved(): void {
    deps
      .timeline()
      .outgoing.filter((message) => message.status === 'failed' && parseEventError(message.error)?.code === 'ROOM_MOVED')
      .forEach((message) => retry(message.clientMsgId));
  }

  function dispose(): void {
    echoTimers.forEach((timer) => clearTimeout(timer));
    echoTimers.clear();
  }

  return { send, retry, resendMoved, dispose };
}
