import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ChatMessage } from '../../core/messages.ts';
import { GAP_FILL_MARGIN_MS } from '../../core/timeline-cursor.ts';
import { LATE_ANNOUNCEMENT_TTL_S, lateAnnouncementPk } from '../lib/audit-keys.ts';
import { ConsistencyError, MessageRemovedError } from '../lib/errors.ts';
import { fromMessageItem, isRemovedItem, messageKey, toMessageItem } from '../lib/message-item.ts';

export interface WriteOutcome {
  /** What is stored: `draft` when it was new, the original when this was a retry. */
  message: ChatMessage;
  created: boolean;
  /** As DynamoDB reports it (ReturnConsumedCapacity TOTAL: table plus indexes). */
  consumedWriteUnits: number;
}

export interface MessageWriter {
  /** Stores `draft` unless its author already stored this clientMsgId in this room. */
  writeOnce(draft: ChatMessage): Promise<WriteOutcome>;
}

/**
 * Exactly-once without a second item or a transaction: the item key is (author, room,
 * clientMsgId), so a conditional put either creates the message or finds the original. Another
 * author's key differs, so they can neither overwrite nor read it.
 */
export function createMessageWriter(client: DynamoDBDocumentClient, tableName: string): MessageWriter {
  return {
    async writeOnce(draft) {
      try {
        const { ConsumedCapacity } = await client.send(
          new PutCommand({
            TableName: tableName,
            Item: toMessageItem(draft),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        return { message: draft, created: true, consumedWriteUnits: ConsumedCapacity?.CapacityUnits ?? 0 };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const original = await readOriginal(client, tableName, draft);
        if (isLate(original, draft)) await announceLate(client, tableName, original, draft.id, draft.createdAt);
        return { message: original, created: false, consumedWriteUnits: 1 };
      }
    },
  };
}

/**
 * A retry that finds its message stored long ago may be the first time it is broadcast: the
 * first attempt stored it, then failed before the broadcast (a handler timeout, a crash). The
 * broadcast carries the original, old id. A client offline at this moment whose gap-fill anchor
 * is already past that id plus the margin would never see it, so such a retry leaves a note in
 * the room's `LATE#` partition, under a fresh id (the draft's, unused otherwise), which the gap
 * fill reads (functions/history/gap-fill-updates.ts). Half the gap fill margin: a retry within
 * it is caught by any gap fill that would have missed the broadcast. Rare, so 1 WCU then.
 */
function isLate(original: ChatMessage, draft: ChatMessage): boolean {
  return Date.parse(draft.createdAt) - Date.parse(original.createdAt) > GAP_FILL_MARGIN_MS / 2;
}

async function announceLate(client: DynamoDBDocumentClient, tableName: string, original: ChatMessage, noteId: string, noteTime: string): Promise<void> {
  // No condition: a second late retry writes a second note, which a gap fill reads as the same message.
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: lateAnnouncementPk(original.roomId),
        sk: noteId,
        messageId: original.id,
        expiresAt: Math.ceil(Date.parse(noteTime) / 1000) + LATE_ANNOUNCEMENT_TTL_S,
      },
    }),
  );
}

async function readOriginal(client: DynamoDBDocumentClient, tableName: string, draft: ChatMessage): Promise<ChatMessage> {
  // Strongly consistent: the put we lost to may have committed a moment ago.
  const { Item } = await client.send(
    new GetCommand({
      TableName: tableName,
      Key: messageKey(draft.roomId, draft.author.sub, draft.clientMsgId),
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new ConsistencyError(`Message ${draft.clientMsgId} vanished after a conflicting write`);
  // A retry must not bring a removed text back into the room through the chat broadcast.
  if (isRemovedItem(Item)) throw new MessageRemovedError(`Message ${draft.clientMsgId} was removed by a moderator`);
  return fromMessageItem(Item);
}
