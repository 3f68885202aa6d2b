import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryItem } from '../../core/messages.ts';
import { auditRoomPk, lateAnnouncementPk, MESSAGE_STATE_ACTIONS } from '../lib/audit-keys.ts';
import { messageIdTime } from '../../core/message-id.ts';
import { MESSAGE_ORDER_INDEX, roomTimelinePk, timelineSk, toHistoryItem } from '../lib/message-item.ts';
import type { Overlay } from '../lib/overlay-item.ts';
import type { OverlayStore } from '../lib/overlay-store.ts';

/**
 * What a gap fill's `after=` page cannot show by itself: changes after the anchor to messages
 * *older* than it, whose one broadcast a client offline at the time missed.
 * - A moderator removed or restored an older message: without this the reconnected client would
 *   keep showing a removed text. Read from the room's audit partition.
 * - A message stored long ago was broadcast only now, by a late retry of its sender
 *   (persist-messages/message-writer.ts): read from the room's `LATE#` partition.
 * - An author edited or deleted one, or someone reacted to one: read from the room's overlays
 *   (lib/overlay-item.ts) over the messages the client holds (`changesFrom` up to the anchor),
 *   keeping those whose last change (`w`) is at or after the anchor's time. A client shows only
 *   what it holds, and reads anything older afresh when it scrolls there.
 * The first two are sorted by time-ordered ids that compare with message ids, so "after the
 * anchor" is a key condition. The answer is the *current* state of each message involved: a
 * `RemovedMessage` placeholder, or the message itself, with the overlays that were read.
 *
 * Cost: three Queries (0.5 RCU each while nothing happened, the usual case; the overlays' grows
 * with the overlays the client's messages have, changed or not: ~0.5 RCU per 4 KB), plus one gsi1
 * lookup (0.5 RCU) per message involved.
 */
export interface GapFillUpdates {
  items: HistoryItem[];
  /** The overlays read of the messages in `items` (others have none, or get theirs looked up). */
  overlays: Map<string, Overlay>;
  /** More than `maxMessages` messages were involved: the client should reload the room instead. */
  truncated: boolean;
}

export interface GapFillWindow {
  roomId: string;
  /** The anchor: changes at or after its time are carried. */
  afterId: string;
  /** The oldest message the client holds; absent: only moderation and late announcements. */
  changesFrom?: string;
}

export type GapFillUpdatesReader = (window: GapFillWindow, maxMessages: number) => Promise<GapFillUpdates>;

/**
 * Beyond this many overlays among the messages a client holds, a gap fill tells it to reload
 * instead of reading on (a bound on one request's read: ~25 RCU at 200 B per overlay).
 */
export const MAX_OVERLAYS_READ = 2000;

/** How many messages are looked up at once. */
const LOOKUP_CONCURRENCY = 8;

const AUDIT_FILTER = {
  FilterExpression: '#action IN (:removed, :restored)',
  ExpressionAttributeNames: { '#action': 'action' },
  ExpressionAttributeValues: { ':removed': MESSAGE_STATE_ACTIONS[0], ':restored': MESSAGE_STATE_ACTIONS[1] },
};

export function createGapFillUpdatesReader(client: DynamoDBDocumentClient, tableName: string, overlays: OverlayStore): GapFillUpdatesReader {
  /** The message ids named in one partition after `afterId`; null once more than `max` are found. */
  async function namedIn(pk: string, afterId: string, max: number, filter?: typeof AUDIT_FILTER): Promise<Set<string> | null> {
    const ids = new Set<string>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk > :after',
          ProjectionExpression: 'messageId',
          FilterExpression: filter?.FilterExpression,
          ExpressionAttributeNames: filter?.ExpressionAttributeNames,
          ExpressionAttributeValues: { ':pk': pk, ':after': afterId, ...filter?.ExpressionAttributeValues },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        if (typeof item.messageId === 'string') ids.add(item.messageId);
        if (ids.size > max) return null;
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return ids;
  }

  async function current(roomId: string, messageId: string): Promise<HistoryItem | undefined> {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: MESSAGE_ORDER_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
        ExpressionAttributeValues: { ':pk': roomTimelinePk(roomId), ':sk': timelineSk(messageId) },
      }),
    );
    const item = result.Items?.[0];
    return item ? toHistoryItem(item) : undefined;
  }

  /** The overlays changed since the anchor among the messages the client holds; null: too many to read. */
  async function changed({ roomId, afterId, changesFrom }: GapFillWindow): Promise<Map<string, Overlay> | null> {
    if (changesFrom === undefined) return new Map();
    return overlays.changedSince(roomId, changesFrom, afterId, messageIdTime(afterId) ?? 0, MAX_OVERLAYS_READ);
  }

  return async (window, maxMessages) => {
    const { roomId, afterId } = window;
    const [moderated, late, edited] = await Promise.all([
      namedIn(auditRoomPk(roomId), afterId, maxMessages, AUDIT_FILTER),
      namedIn(lateAnnouncementPk(roomId), afterId, maxMessages),
      changed(window),
    ]);
    if (!moderated || !late || !edited) return { items: [], overlays: new Map(), truncated: true };
    const ids = [...new Set([...moderated, ...late, ...edited.keys()])];
    if (ids.length > maxMessages) return { items: [], overlays: new Map(), truncated: true };
    const items: HistoryItem[] = [];
    for (let i = 0; i < ids.length; i += LOOKUP_CONCURRENCY) {
      const found = await Promise.all(ids.slice(i, i + LOOKUP_CONCURRENCY).map((id) => current(roomId, id)));
      items.push(...found.filter((item): item is HistoryItem => item !== undefined));
    }
    return { items, overlays: edited, truncated: false };
  };
}
