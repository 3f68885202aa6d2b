import { defineStore } from 'pinia';
import { roomChannel } from '../../core/channels.ts';
import type { OutgoingMessage } from '../../core/timeline.ts';
import { validateMessage } from '../../core/validate-message.ts';
import { useServices } from '../services/services.ts';
import { useRoomStore } from './room.ts';
import { useSessionStore } from './session.ts';

export type SendCheck = { ok: true } | { ok: false; error: string };

/**
 * Sending: the message shows at once as pending; its stored echo replaces it (the merge matches
 * `clientMsgId`); a per-event or network failure marks it failed, and Retry re-sends the same
 * `clientMsgId`, which the server stores at most once.
 */
export const useSendStore = defineStore('send', () => {
  const { events } = useServices();
  const session = useSessionStore();

  async function deliver(message: OutgoingMessage): Promise<void> {
    const result = await events.post(roomChannel(message.roomId), {
      type: 'message',
      clientMsgId: message.clientMsgId,
      text: message.text,
    });
    if (!result.ok) {
      useRoomStore(message.roomId).record({ kind: 'failed', clientMsgId: message.clientMsgId, error: result.error });
    }
  }

  /** Checks the text with the shared rules; when it passes, the message is on its way. */
  function send(roomId: string, text: string): SendCheck {
    const author = session.user;
    if (!author) return { ok: false, error: 'Sign in to send messages' };
    const clientMsgId = crypto.randomUUID();
    const checked = validateMessage({ type: 'message', clientMsgId, text: text.trim() });
    // Seam: core/sanitize.ts's sanitize step goes here, on checked.message, once it lands.
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
