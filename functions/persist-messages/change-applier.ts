import { isSingleEmoji } from '../../core/emoji.ts';
import { REPLY_EXCERPT_MAX_LENGTH } from '../../core/limits.ts';
import type { Author, PersistRequest, PersistResult, ReplyRef } from '../../core/messages.ts';
import { BadRequestError, MessageDeletedError, MessageNotFoundError, MessageRemovedError, NotAuthorError } from '../lib/errors.ts';
import type { HandleLookup } from '../lib/handle-lookup.ts';
import { resolveMentions } from '../lib/mentions.ts';
import { isDeletedItem } from '../lib/message-extras.ts';
import { fromMessageItem, isRemovedItem } from '../lib/message-item.ts';
import type { MessageLookup } from '../lib/message-lookup.ts';
import type { MessageIdGenerator } from '../lib/message-id.ts';
import type { ReactionStore } from '../lib/reaction-store.ts';
import { createHandleLookup } from '../lib/handle-lookup.ts';
import { createMessageLookup } from '../lib/message-lookup.ts';
import { createReactionStore } from '../lib/reaction-store.ts';
import { type ChangeWriter, createChangeWriter } from './change-writer.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type Change = NonNullable<PersistRequest['changes']>[number];

export interface ChangeDeps {
  lookup: MessageLookup;
  changes: ChangeWriter;
  reactions: ReactionStore;
  handles: HandleLookup;
  nextId: MessageIdGenerator;
}

/** The real adapters of a change (and of a reply's and a mention's reads) on the table. */
export function createChangeDeps(client: DynamoDBDocumentClient, tableName: string): Omit<ChangeDeps, 'nextId'> {
  return {
    lookup: createMessageLookup(client, tableName),
    changes: createChangeWriter(client, tableName),
    reactions: createReactionStore(client, tableName),
    handles: createHandleLookup(client, tableName),
  };
}

/**
 * A stored message a change or a reply may name: in the room, neither removed by a moderator nor
 * deleted by its author. Each case fails the event with its own code.
 */
async function liveMessage(lookup: MessageLookup, roomId: string, messageId: string, allowDeleted = false): Promise<Record<string, unknown>> {
  const item = await lookup(roomId, messageId);
  if (!item) throw new MessageNotFoundError(`Message ${messageId} is not in room ${roomId}`);
  if (isRemovedItem(item)) throw new MessageRemovedError(`Message ${messageId} was removed by a moderator`);
  if (isDeletedItem(item) && !allowDeleted) throw new MessageDeletedError(`Message ${messageId} was deleted`);
  return item;
}

/** What a reply to `messageId` shows of it: its author and the start of its current text. */
export async function replyRef(lookup: MessageLookup, roomId: string, messageId: string): Promise<ReplyRef> {
  const original = fromMessageItem(await liveMessage(lookup, roomId, messageId));
  return { id: original.id, author: original.author, excerpt: Array.from(original.text).slice(0, REPLY_EXCERPT_MAX_LENGTH).join('') };
}

/**
 * One change of a batch already admitted (membership, mute, rate limit, room): finds the message
 * (one gsi1 Query, 0.5 RCU), checks who may change it, writes, and leaves a gap-fill note when
 * anything changed. Throws a typed error for a per-event failure.
 */
export async function applyChange(deps: ChangeDeps, roomId: string, author: Author, change: Change, nowMs: number): Promise<PersistResult> {
  const at = new Date(nowMs).toISOString();
  // Before any read: a malformed emoji costs nothing.
  if (change.type === 'reaction' && !isSingleEmoji(change.emoji)) throw new BadRequestError('emoji must be exactly one emoji');
  // A delete of a deleted message is a retry: it succeeds again, with no second effect.
  const item = await liveMessage(deps.lookup, roomId, change.messageId, change.type === 'delete');
  const noted = async (changed: boolean) => {
    if (changed) await deps.changes.note(roomId, change.messageId, deps.nextId(nowMs), at);
  };
  if (change.type === 'reaction') {
    const outcome = await deps.reactions.apply(roomId, change.messageId, author.sub, change.emoji, change.add);
    if (!outcome.ok) throw new BadRequestError('a message takes at most 20 different emoji');
    await noted(outcome.changed);
    return {
      eventId: change.eventId,
      change: { type: 'reaction.changed', roomId, id: change.messageId, emoji: change.emoji, count: outcome.count, author, add: change.add },
    };
  }
  if (fromMessageItem(item).author.sub !== author.sub) {
    throw new NotAuthorError(`Only the author may ${change.type} message ${change.messageId}`);
  }
  if (change.type === 'delete') {
    await noted((await deps.changes.delete(item, at)).changed);
    return { eventId: change.eventId, change: { type: 'message.deleted', roomId, id: change.messageId } };
  }
  const mentions = await resolveMentions(deps.handles, change.text, at);
  const edited = await deps.changes.edit(item, change.text, mentions, at);
  await noted(edited.changed);
  return { eventId: change.eventId, change: { type: 'message.edited', message: edited.message } };
}
