import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ChatMessage } from '../../core/messages.ts';
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
        return { message: await readOriginal(client, tableName, draft), created: false, consumedWriteUnits: 1 };
      }
    },
  };
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
