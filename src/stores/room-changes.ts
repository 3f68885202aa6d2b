import { isSingleEmoji } from '../../core/emoji.ts';
import { parseEventError } from '../../core/event-errors.ts';
import type { Author, PublishedChange } from '../../core/messages.ts';
import type { Timeline, TimelineInput } from '../../core/timeline.ts';
import { validateChatEvent } from '../../core/validate-message.ts';
import { describeChangeFailure } from '../lib/change-failure.ts';
import { toNfc } from '../lib/message-text.ts';
import type { EventsService } from '../services/events.ts';

/** What a change came to: done (its broadcast is on the way), or why not and whether trying again can help. */
export type ChangeOutcome = { ok: true } | { ok: false; error: string; retryable: boolean };

export interface ChangesDeps {
  /** The room's chat channel now: a private room's or DM's moves with its epoch. */
  channel: () => string;
  events: Pick<EventsService, 'post'>;
  /** Who is signed in, or null: their own reaction toggles optimistically. */
  author: () => Author | null;
  timeline: () => Timeline;
  /** Every state change goes through the room's pure merge. */
  record: (input: TimelineInput) => void;
  /** A change failed `ROOM_MOVED`: the room re-reads itself and moves to its new channel. */
  moved: () => void;
}

export interface Changes {
  /** Replaces the text of one of the reader's messages; the editor stays open until this says ok. */
  edit(messageId: string, text: string): Promise<ChangeOutcome>;
  /** Deletes one of the reader's messages; the tombstone comes with the server's broadcast. */
  remove(messageId: string): Promise<ChangeOutcome>;
  /** Adds or takes back the reader's `emoji`: shown at once, put back if the server refuses. */
  react(messageId: string, emoji: string, add: boolean): Promise<ChangeOutcome>;
}

/**
 * One room's edits, deletes and reactions, published on its chat channel like messages. The server
 * answers each with a broadcast (`message.edited`, `message.deleted`, `reaction.changed`) that the
 * merge applies; a per-event failure comes back as its text. Only a reaction is shown before the
 * server answers: it is undone by applying the opposite count, and the broadcast of the real count
 * wins over either. An edit or delete waits for the answer, so a refusal never loses typed text.
 */
export function createChanges(deps: ChangesDeps): Changes {
  async function publish(change: PublishedChange): Promise<ChangeOutcome> {
    const checked = validateChatEvent(change);
    if (!checked.ok) return { ok: false, error: checked.error, retryable: false };
    const result = await deps.events.post(deps.channel(), { ...checked.event });
    if (result.ok) return { ok: true };
    if (parseEventError(result.error)?.code === 'ROOM_MOVED') deps.moved();
    const failure = describeChangeFailure(result.error);
    return { ok: false, error: failure.text, retryable: failure.retryable };
  }

  function showReaction(messageId: string, emoji: string, add: boolean, author: Author): void {
    const message = deps.timeline().byId[messageId];
    if (message === undefined) return;
    const current = message.reactions?.find((r) => r.emoji === emoji)?.count ?? 0;
    const count = Math.max(0, current + (add ? 1 : -1));
    deps.record({ kind: 'event', event: { type: 'reaction.changed', roomId: message.roomId, id: messageId, emoji, count, author, add } });
  }

  async function react(messageId: string, emoji: string, add: boolean): Promise<ChangeOutcome> {
    const author = deps.author();
    if (!author) return { ok: false, error: 'Sign in to react', retryable: false };
    if (!isSingleEmoji(emoji)) return { ok: false, error: 'A reaction is one emoji', retryable: false };
    const mine = deps.timeline().byId[messageId]?.reactions?.some((r) => r.emoji === emoji && r.mine) ?? false;
    if (mine === add) return { ok: true };
    showReaction(messageId, emoji, add, author);
    const outcome = await publish({ type: 'reaction', messageId, emoji, add });
    if (!outcome.ok) showReaction(messageId, emoji, !add, author);
    return outcome;
  }

  return {
    edit: (messageId, text) => publish({ type: 'edit', messageId, text: toNfc(text) }),
    remove: (messageId) => publish({ type: 'delete', messageId }),
    react,
  };
}
