import { isSingleEmoji } from '../../core/emoji.ts';
import { REPLY_EXCERPT_MAX_LENGTH } from '../../core/limits.ts';
import { newMentionRecipients, withdrawalRecipients } from '../../core/mention-notice.ts';
import type { Author, ChatMessage, Mention, PersistRequest, PersistResult, ReplyRef } from '../../core/messages.ts';
import { BadRequestError, MessageDeletedError, MessageNotFoundError, MessageRemovedError, NotAuthorError } from '../lib/errors.ts';
import type { HandleLookup } from '../lib/handle-lookup.ts';
import { resolveMentions } from '../lib/mentions.ts';
import { fromMessageItem, isRemovedItem } from '../lib/message-item.ts';
import type { MessageLookup } from '../lib/message-lookup.ts';
import { currentMessage, deletedOverlay, editedOverlay, isDeleted, type Overlay } from '../lib/overlay-item.ts';
import type { OverlayDecision, OverlayStore } from '../lib/overlay-store.ts';
import { applyReaction } from '../lib/reaction-item.ts';
import { createHandleLookup } from '../lib/handle-lookup.ts';
import { createMessageLookup } from '../lib/message-lookup.ts';
import { createOverlayStore } from '../lib/overlay-store.ts';
import type { MentionsOf } from './mention-notifier.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type Change = NonNullable<PersistRequest['changes']>[number];

export interface ChangeDeps {
  lookup: MessageLookup;
  /** Each message's edits, delete and reactions (lib/overlay-item.ts). */
  overlays: OverlayStore;
  handles: HandleLookup;
}

/** The real adapters of a change (and of a reply's and a mention's reads) on the table. */
export function createChangeDeps(client: DynamoDBDocumentClient, tableName: string): ChangeDeps {
  return {
    lookup: createMessageLookup(client, tableName),
    overlays: createOverlayStore(client, tableName),
    handles: createHandleLookup(client, tableName),
  };
}

/** A stored message a change or a reply may name: in the room and not removed by a moderator. */
async function storedMessage(lookup: MessageLookup, roomId: string, messageId: string): Promise<Record<string, unknown>> {
  const item = await lookup(roomId, messageId);
  if (!item) throw new MessageNotFoundError(`Message ${messageId} is not in room ${roomId}`);
  if (isRemovedItem(item)) throw new MessageRemovedError(`Message ${messageId} was removed by a moderator`);
  return item;
}

/**
 * What a reply to `messageId` shows of it: its author and the start of its current text. The
 * message (E1) and its overlay are read side by side; a deleted original refuses the reply.
 */
export async function replyRef(deps: Pick<ChangeDeps, 'lookup' | 'overlays'>, roomId: string, messageId: string): Promise<ReplyRef> {
  const [item, overlay] = await Promise.all([storedMessage(deps.lookup, roomId, messageId), deps.overlays.get(roomId, messageId)]);
  if (isDeleted(item, overlay)) throw new MessageDeletedError(`Message ${messageId} was deleted`);
  const original = currentMessage(fromMessageItem(item), overlay);
  return { id: original.id, author: original.author, excerpt: Array.from(original.text).slice(0, REPLY_EXCERPT_MAX_LENGTH).join('') };
}

/**
 * A change's answer; for an edit that was written, the members it newly mentions (to notify); for
 * a delete that was written, the members the message had mentioned (to take it back from).
 */
export interface AppliedChange {
  result: PersistResult;
  mentions: MentionsOf[];
  withdrawals: MentionsOf[];
}

/**
 * One change of a batch already admitted (membership, mute, rate limit, room): finds the message
 * (one gsi1 Query, 0.5 RCU), then changes its overlay (a consistent read, and one put when
 * anything changed: 2 WRU, the item and its gsi1 copy). The put records when (`w`), which is how a
 * reader's gap fill after a reconnect finds the change (history/gap-fill-updates.ts). The checks run on the
 * overlay as read, so a concurrent delete refuses an edit that loses the race, and an edit's new
 * mentions are those the text it replaced on the overlay it was written over did not have. Throws
 * a typed error for a per-event failure.
 */
export async function applyChange(deps: ChangeDeps, roomId: string, author: Author, change: Change, nowMs: number): Promise<AppliedChange> {
  const at = new Date(nowMs).toISOString();
  // Before any read: a malformed emoji costs nothing.
  if (change.type === 'reaction' && !isSingleEmoji(change.emoji)) throw new BadRequestError('emoji must be exactly one emoji');
  const item = await storedMessage(deps.lookup, roomId, change.messageId);
  const message = fromMessageItem(item);
  // Only the author's edit is written, so only then are its mentions worth resolving.
  const mentions = change.type === 'edit' && message.author.sub === author.sub ? await resolveMentions(deps.handles, change.text, at) : [];
  const { result } = await deps.overlays.change(roomId, change.messageId, (overlay) => {
    const decided = decide(change, author, item, message, overlay, mentions, at);
    return decided.next === null ? decided : { ...decided, next: { ...decided.next, w: nowMs } };
  });
  const { change: done, newlyMentioned, withdrawn } = result;
  const notices = done.type === 'message.edited' && newlyMentioned.length > 0 ? [{ message: done.message, recipients: newlyMentioned }] : [];
  const withdrawals = withdrawn.length > 0 ? [{ message, recipients: withdrawn }] : [];
  return { result: { eventId: change.eventId, change: done }, mentions: notices, withdrawals };
}

type ChangeResult = NonNullable<PersistResult['change']>;

/**
 * A decided change: its answer, the members an edit that writes newly mentions, and those a delete
 * that writes takes a mention back from (else none).
 */
interface Decided {
  change: ChangeResult;
  newlyMentioned: string[];
  withdrawn: string[];
}

const noNotices = (change: ChangeResult): Decided => ({ change, newlyMentioned: [], withdrawn: [] });

/**
 * A change against the overlay as read: the checks in the order events report them (deleted, then
 * not the author; a second delete is a retry and succeeds again), then what to write, if anything.
 */
function decide(change: Change, author: Author, item: Record<string, unknown>, message: ChatMessage, overlay: Overlay | undefined, mentions: Mention[], at: string): OverlayDecision<Decided> {
  const { roomId, id } = message;
  const deleted = isDeleted(item, overlay);
  if (deleted && change.type !== 'delete') throw new MessageDeletedError(`Message ${id} was deleted`);
  if (change.type === 'reaction') {
    const outcome = applyReaction(overlay?.r ?? [], author.sub, change.emoji, change.add);
    if (!outcome.ok) throw new BadRequestError('a message takes at most 20 different emoji');
    return {
      next: outcome.changed ? { ...(overlay ?? { v: 0 }), r: outcome.entries } : null,
      result: noNotices({ type: 'reaction.changed', roomId, id, emoji: change.emoji, count: outcome.count, author, add: change.add }),
    };
  }
  if (message.author.sub !== author.sub) throw new NotAuthorError(`Only the author may ${change.type} message ${id}`);
  if (change.type === 'delete') {
    // A retried delete writes nothing, so it takes nothing back again.
    if (deleted) return { next: null, result: noNotices({ type: 'message.deleted', roomId, id }) };
    const withdrawn = withdrawalRecipients(message, currentMessage(message, overlay));
    return { next: deletedOverlay(overlay, at), result: { change: { type: 'message.deleted', roomId, id }, newlyMentioned: [], withdrawn } };
  }
  const current = currentMessage(message, overlay);
  const next = editedOverlay(overlay, current, change.text, mentions, at);
  // A retried edit writes nothing, so it notifies nobody again.
  if (!next) return { next, result: noNotices({ type: 'message.edited', message: current }) };
  const edited = currentMessage(message, next);
  return { next, result: { change: { type: 'message.edited', message: edited }, newlyMentioned: newMentionRecipients(edited, current), withdrawn: [] } };
}
