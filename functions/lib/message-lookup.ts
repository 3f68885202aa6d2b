import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { MESSAGE_ORDER_INDEX, roomTimelinePk, timelineSk } from './message-item.ts';

/**
 * A message's item by room and id: one gsi1 Query `ROOM#<roomId>` / `MSG#<id>` (0.5 RCU), the
 * only way to it from an id (its table key is (author, room, clientMsgId)). Eventually
 * consistent, as every GSI read is: a message stored a moment ago may not be found yet.
 */
export type MessageLookup = (roomId: string, messageId: string) => Promise<Record<string, unknown> | undefined>;

export function createMessageLookup(client: DynamoDBDocumentClient, tableName: string): MessageLookup {
  return async (roomId, messageId) => {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: MESSAGE_ORDER_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
        ExpressionAttributeValues: { ':pk': roomTimelinePk(roomId), ':sk': timelineSk(messageId) },
      }),
    );
    return result.Items?.[0];
  };
}
