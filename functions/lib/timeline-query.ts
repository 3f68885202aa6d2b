import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isTimelineOverlay, MESSAGE_ORDER_INDEX, roomTimelinePk, timelineSk } from './message-item.ts';
import { fromOverlayItem, type Overlay } from './overlay-item.ts';

/** Where a read starts: after (`>`) or before (`<`) a message id, exclusive; null: an end of the room. */
export type TimelineBound = { condition: '<' | '>'; id: string } | null;

export interface TimelineRead {
  /** Message items in the order read, at most `count`. */
  messages: Record<string, unknown>[];
  /** The overlays read beside them (edits, deletes, reactions), by message id. */
  overlays: Map<string, Overlay>;
  /** More messages exist beyond the last one returned. */
  hasMore: boolean;
}

/**
 * Up to `count` messages of a room's gsi1 partition from `bound`, with their overlays, which sit
 * right after their messages in the same partition (`MSG#<id>~`, lib/message-item.ts). Read until
 * one message more than `count`: that says whether more exist and, oldest first, guarantees the
 * last message's overlay was read (it comes before the next message). Newest first, each overlay
 * comes before its message.
 *
 * A page with no overlays is one Query of `count + 1` items, as before overlays shared the
 * partition. Overlays make a Query return fewer messages than its Limit; the next Query then asks
 * for twice the messages still missing, the most overlays they can bring, so a page where every
 * message changed takes two Queries, not a run of ever smaller ones.
 */
export async function readTimeline(
  client: DynamoDBDocumentClient,
  tableName: string,
  roomId: string,
  bound: TimelineBound,
  newestFirst: boolean,
  count: number,
): Promise<TimelineRead> {
  const wanted = count + 1;
  const messages: Record<string, unknown>[] = [];
  const overlays = new Map<string, Overlay>();
  let startKey: Record<string, unknown> | undefined;
  let limit = wanted;
  do {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: MESSAGE_ORDER_INDEX,
        KeyConditionExpression: bound ? `gsi1pk = :pk AND gsi1sk ${bound.condition} :bound` : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': roomTimelinePk(roomId), ...(bound ? { ':bound': timelineSk(bound.id) } : {}) },
        ScanIndexForward: !newestFirst,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of result.Items ?? []) {
      if (isTimelineOverlay(item)) overlays.set(item.sk as string, fromOverlayItem(item)!);
      else if (messages.length < wanted) messages.push(item);
    }
    // A 1 MB response page, or overlays, can stop short of the messages wanted: read on.
    startKey = result.LastEvaluatedKey;
    limit = 2 * (wanted - messages.length);
  } while (startKey && messages.length < wanted);
  return { messages: messages.slice(0, count), overlays, hasMore: messages.length > count };
}
