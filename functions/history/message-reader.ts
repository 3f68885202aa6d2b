import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HistoryItem } from '../../core/messages.ts';
import { toHistoryItem } from '../lib/message-item.ts';
import type { Overlay } from '../lib/overlay-item.ts';
import { readTimeline, type TimelineBound } from '../lib/timeline-query.ts';

/** What one read found; the handler turns it into the API's page (`core/history-api.ts`). */
export interface MessageRead {
  /** A message a moderator removed comes back as a `RemovedMessage` placeholder, never its text. */
  items: HistoryItem[];
  /** The overlays (edits, deletes, reactions) read with the messages, by message id. */
  overlays: Map<string, Overlay>;
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
 * Pages the room timeline in gsi1 by a key condition on the id itself (`< before`, `> after`)
 * instead of DynamoDB's LastEvaluatedKey: ids are unique, so pages can neither overlap nor leave
 * gaps, and a cursor needs one id only. The messages' overlays come in the same Query
 * (lib/timeline-query.ts).
 */
export function createMessageReader(client: DynamoDBDocumentClient, tableName: string): MessageReader {
  async function page(roomId: string, bound: TimelineBound, newestFirst: boolean, limit: number): Promise<MessageRead> {
    const read = await readTimeline(client, tableName, roomId, bound, newestFirst, limit);
    return { items: read.messages.map(toHistoryItem), overlays: read.overlays, hasMore: read.hasMore };
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
