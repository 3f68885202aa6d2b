import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ChatMessage, Mention } from '../../core/messages.ts';
import { LATE_ANNOUNCEMENT_TTL_S, lateAnnouncementPk } from '../lib/audit-keys.ts';
import { ConsistencyError, MessageDeletedError, MessageNotFoundError, MessageRemovedError } from '../lib/errors.ts';
import { isDeletedItem, toMentionItems } from '../lib/message-extras.ts';
import { fromMessageItem, isRemovedItem } from '../lib/message-item.ts';

export interface ChangeWriter {
  /**
   * Replaces the text of the stored message `item` (its author's edit): one UpdateItem, 2 WRU
   * while the item stays under 1 KB (the table and its gsi1 copy). The replaced text joins `pv`.
   * The same text again changes nothing: a retried edit has one effect.
   */
  edit(item: Record<string, unknown>, text: string, mentions: Mention[], at: string): Promise<{ message: ChatMessage; changed: boolean }>;
  /** Marks `item` deleted (`x`): one UpdateItem, 2 WRU; a second delete changes nothing. */
  delete(item: Record<string, unknown>, at: string): Promise<{ changed: boolean }>;
  /**
   * A note for the gap fill (pattern 5a): message `messageId` changed at `noteId` (a fresh,
   * time-ordered id), in the room's `LATE#` partition beside late announcements. 1 WRU, no index.
   */
  note(roomId: string, messageId: string, noteId: string, at: string): Promise<void>;
}

const ATTEMPTS = 3;

export function createChangeWriter(client: DynamoDBDocumentClient, tableName: string): ChangeWriter {
  const keyOf = (item: Record<string, unknown>) => ({ pk: item.pk as string, sk: item.sk as string });

  async function reread(item: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(item), ConsistentRead: true }));
    if (!Item) throw new MessageNotFoundError('Message not found');
    return Item;
  }

  function refuseChange(item: Record<string, unknown>): void {
    if (isRemovedItem(item)) throw new MessageRemovedError('The message was removed by a moderator');
    if (isDeletedItem(item)) throw new MessageDeletedError('The message was deleted');
  }

  return {
    async edit(found, text, mentions, at) {
      let item = found;
      for (let i = 0; i < ATTEMPTS; i += 1) {
        refuseChange(item);
        const current = fromMessageItem(item);
        if (current.text === text) return { message: current, changed: false };
        try {
          const { Attributes } = await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keyOf(item),
              UpdateExpression:
                (isLegacyText(item) ? 'SET #text = :text' : 'SET t = :text') +
                ', e = :at, pv = list_append(if_not_exists(pv, :none), :prev)' +
                (mentions.length > 0 ? ', n = :mentions' : '') +
                (mentions.length > 0 ? '' : ' REMOVE n'),
              // The text read is still the text: a concurrent edit makes this one read again, so
              // `pv` never loses a version.
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(x) AND attribute_not_exists(#status) AND #text = :old',
              ExpressionAttributeNames: { '#status': 'status', '#text': isLegacyText(item) ? 'text' : 't' },
              ExpressionAttributeValues: {
                ':text': text,
                ':old': current.text,
                ':at': at,
                ':none': [],
                ':prev': [{ t: current.text, at }],
                ...(mentions.length > 0 ? { ':mentions': toMentionItems(mentions) } : {}),
              },
              ReturnValues: 'ALL_NEW',
            }),
          );
          return { message: fromMessageItem(Attributes!), changed: true };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          item = await reread(item);
        }
      }
      throw new ConsistencyError('The message kept changing; please retry');
    },
    async delete(found, at) {
      if (isRemovedItem(found)) throw new MessageRemovedError('The message was removed by a moderator');
      if (isDeletedItem(found)) return { changed: false };
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(found),
            UpdateExpression: 'SET x = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(x) AND attribute_not_exists(#status)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return { changed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const item = await reread(found);
        if (isRemovedItem(item)) throw new MessageRemovedError('The message was removed by a moderator');
        return { changed: false };
      }
    },
    async note(roomId, messageId, noteId, at) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: lateAnnouncementPk(roomId), sk: noteId, messageId, expiresAt: Math.ceil(Date.parse(at) / 1000) + LATE_ANNOUNCEMENT_TTL_S },
        }),
      );
    },
  };
}

/** Items in the earlier layout keep their text in `text`. */
function isLegacyText(item: Record<string, unknown>): boolean {
  return typeof item.t !== 'string' && typeof item.text === 'string';
}
