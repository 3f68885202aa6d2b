import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryItem } from '../../core/messages.ts';
import { MESSAGE_ORDER_INDEX, roomTimelinePk, timelineSk, toHistoryItem } from '../lib/message-item.ts';

/** What one read found; the handler turns it into the API's page (`core/history-api.ts`). */
export interface MessageRead {
  /** A message a moderator removed comes back as a `RemovedMessage` placeholder, never its text. */
  items: HistoryItem[];
  /** More messages exist beyond the last item in this direction. */
  hasMore: boolean;
}

export interface MessageReader {
  /** Newest first: the `limit` messages older than `beforeId` (or the newest, without it). */
  before(roomId: string, beforeId: string | undefined, limit: number): Promise<MessageRead>;
  /** Oldest first: the `limit` messages stored after `afterId`. */
  after(roomId: string, afterId: string, limit: number): Promise<MessageRead>;
}

/**
 * Pages the room timeline in gsi1 (whose `ROOM#<id>` partitions hold messages only) by a key
 * condition on the id itself (`< before`, `> after`) instead of DynamoDB's LastEvaluatedKey:
 * ids are unique, so pages can neither overlap nor leave gaps, and a cursor needs one id only.
 */
export function createMessageReader(client: DynamoDBDocumentClient, tableName: string): MessageReader {
  async function page(roomId: string, bound: { condition: '<' | '>'; id: string } | null, newestFirst: boolean, limit: number): Promise<MessageRead> {
    // One extra item tells us whether another page exists, without an empty last page.
    const wanted = limit + 1;
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: MESSAGE_ORDER_INDEX,
          KeyConditionExpression: bound ? `gsi1pk = :pk AND gsi1sk ${bound.condition} :bound` : 'gsi1pk = :pk',
          ExpressionAttributeValues: {
            ':pk': roomTimelinePk(roomId),
            ...(bound ? { ':bound': timelineSk(bound.id) } : {}),
          },
          ScanIndexForward: !newestFirst,
          Limit: wanted - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(result.Items ?? []));
      // A 1 MB response page can stop short of Limit; keep reading until we have enough.
      startKey = result.LastEvaluatedKey;
    } while (startKey && items.length < wanted);
    return { items: items.slice(0, limit).map(toHistoryItem), hasMore: items.length > limit };
  }

  return {
    before(roomId, beforeId, limit) {
      return page(roomId, beforeId === undefined ? null : { condition: '<', id: beforeId }, true, limit);
    },
    after(roomId, afterId, limit) {
      return page(roomId, { condition: '>', id: afterId }, false, limit);
    },
  };
}
