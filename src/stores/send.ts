import { defineStore } from 'pinia';
import { roomChannel } from '../../core/channels.ts';
import type { OutgoingMessage } from '../../core/timeline.ts';
import { validateMessage } from '../../core/validate-message.ts';
import { toNfc } from '../lib/message-text.ts';
import { useServices } from '../services/services.ts';
import { useRoomStore } from './room.ts';
import { useSessionStore } from './session.ts';

export type SendCheck = { ok: true } | { ok: false; error: string };

/**
 * How long an accepted send may wait for its echo before the room asks history for it. The echo
 * normally takes milliseconds; a socket that silently lost it is what this bounds.
 */
export const ECHO_TIMEOUT_MS = 10_000;
export const NOT_CONFIRMED = 'No confirmation from the server';

/**
 * Sending: the message shows at once as pending; its stored echo replaces it (the merge matches
 * `clientMsgId`); a per-event or network failure marks it failed with the server's text, and Retry
 * re-sends the same `clientMsgId`, which the server stores at most once. An accepted send whose
 * echo does not come within `ECHO_TIMEOUT_MS` triggers a gap fill; if history does not have it
 * either, it is marked failed (Retry is safe: same `clientMsgId`).
 */
export const useSendStore = defineStore('send', () => {
  const { events } = useServices();
  const session = useSessionStore();
  const echoTimers = new Map<string, ReturnType<typeof setTimeout>>();

  function stillPending(message: OutgoingMessage): boolean {
    const room = useRoomStore(message.roomId);
    return room.timeline.outgoing.some((o) => o.clientMsgId === message.clientMsgId && o.status === 'pending');
  }

  async function confirm(message: OutgoingMessage): Promise<void> {
    echoTimers.delete(message.clientMsgId);
    if (!stillPending(message)) return;
    const room = useRoomStore(message.roomId);
    await room.fillGap();
    if (stillPending(message)) room.record({ kind: 'failed', clientMsgId: message.clientMsgId, error: NOT_CONFIRMED });
  }

  async function deliver(message: OutgoingMessage): Promise<void> {
    clearTimeout(echoTimers.get(message.clientMsgId));
    const result = await events.post(roomChannel(message.roomId), {
      type: 'message',
      clientMsgId: message.clientMsgId,
      text: message.text,
    });
    if (!result.ok) {
      useRoomStore(message.roomId).record({ kind: 'failed', clientMsgId: message.clientMsgId, error: result.error });
    } else if (stillPending(message)) {
      echoTimers.set(message.clientMsgId, setTimeout(() => void confirm(message), ECHO_TIMEOUT_MS));
    }
  }

  /** Checks the text with the shared rules (NFC, then sanitize); when it passes, the sanitized text is on its way. */
  function send(roomId: string, text: string): SendCheck {
    const author = session.user;
    if (!author) return { ok: false, error: 'Sign in to send messages' };
    const clientMsgId = crypto.randomUUID();
    const checked = validateMessage({ type: 'message', clientMsgId, text: toNfc(text) });
    if (!checked.ok) return { ok: false, error: checked.error };
    const message: OutgoingMessage = {
      clientMsgId,
      roomId,
      text: checked.message.text,
      author: { sub: author.sub, username: author.username, displayName: author.displayName },
      createdAt: new Date().toISOString(),
      status: 'pending',
    };
    useRoomStore(roomId).record({ kind: 'sending', message });
    void deliver(message);
    return { ok: true };
  }

  /** Sends a failed message again with the same `clientMsgId`. */
  function retry(roomId: string, clientMsgId: string): void {
    const room = useRoomStore(roomId);
    const message = room.timeline.outgoing.find((o) => o.clientMsgId === clientMsgId);
    if (!message || message.status !== 'failed') return;
    room.record({ kind: 'sending', message });
    void deliver(message);
  }

  return { send, retry };
});
