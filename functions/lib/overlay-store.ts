import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConsistencyError } from './errors.ts';
import { fromOverlayItem, type Overlay, overlayKey, overlaysPk, toOverlayItem } from './overlay-item.ts';

/** Where a caller that reports its read cost (moderation's meter) adds what a read consumed. */
export interface CapacityMeter {
  readUnits: number;
}

/** What a change decides from the overlay it read: the overlay to write (null: nothing to write) and its answer. */
export interface OverlayDecision<T> {
  next: Overlay | null;
  result: T;
}

export interface OverlayStore {
  /**
   * One change of a message's overlay: a consistent GetItem (≤ 1 RCU), `decide`, then, if it
   * returns an overlay, one Put conditional on the version read (2 WRU while the item stays under
   * 1 KB: the item and its gsi1 copy). Two writers at once: the loser reads again and decides again (at most 3 times), so no
   * reaction and no version is lost. `decide` is pure and may throw a typed error to refuse.
   */
  change<T>(roomId: string, messageId: string, decide: (current: Overlay | undefined) => OverlayDecision<T>): Promise<{ result: T; changed: boolean }>;
  /** The overlays of messages `fromId` to `toId` inclusive, by message id: one Query (paged past 1 MB). */
  range(roomId: string, fromId: string, toId: string, meter?: CapacityMeter): Promise<Map<string, Overlay>>;
  /**
   * The overlays of messages `fromId` to `toId` inclusive that changed at or after `sinceMs` (or
   * before `w` was recorded), by message id: one Query of the table partition, which holds overlays
   * only (~100–250 B each, changed or not). Null once the span holds more than `maxRead` overlays.
   */
  changedSince(roomId: string, fromId: string, toId: string, sinceMs: number, maxRead: number): Promise<Map<string, Overlay> | null>;
  /** One message's overlay, eventually consistent (0.5 RCU). */
  get(roomId: string, messageId: string, meter?: CapacityMeter): Promise<Overlay | undefined>;
}

const ATTEMPTS = 3;

export function createOverlayStore(client: DynamoDBDocumentClient, tableName: string): OverlayStore {
  const capacity = (meter: CapacityMeter | undefined) => (meter ? { ReturnConsumedCapacity: 'TOTAL' as const } : {});

  async function attempt<T>(roomId: string, messageId: string, decide: (current: Overlay | undefined) => OverlayDecision<T>) {
    const key = overlayKey(roomId, messageId);
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    const current = fromOverlayItem(Item);
    const { next, result } = decide(current);
    if (next === null) return { result, changed: false };
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: toOverlayItem(roomId, messageId, { ...next, v: (current?.v ?? 0) + 1 }),
          ConditionExpression: current ? 'v = :v' : 'attribute_not_exists(pk)',
          ExpressionAttributeValues: current ? { ':v': current.v } : undefined,
        }),
      );
      return { result, changed: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  /** Every overlay of messages `fromId` to `toId`, in id order; false once more than `max` were read. */
  async function each(roomId: string, fromId: string, toId: string, max: number, meter: CapacityMeter | undefined, visit: (id: string, overlay: Overlay) => void): Promise<boolean> {
    let read = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': overlaysPk(roomId), ':from': fromId, ':to': toId },
          ...(Number.isFinite(max) ? { Limit: max + 1 - read } : {}),
          ExclusiveStartKey: startKey,
          ...capacity(meter),
        }),
      );
      if (meter) meter.readUnits += result.ConsumedCapacity?.CapacityUnits ?? 0;
      for (const item of result.Items ?? []) visit(item.sk as string, fromOverlayItem(item)!);
      read += result.Items?.length ?? 0;
      if (read > max) return false;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return true;
  }

  return {
    async change(roomId, messageId, decide) {
      for (let i = 0; i < ATTEMPTS; i += 1) {
        const outcome = await attempt(roomId, messageId, decide);
        if (outcome) return outcome;
      }
      throw new ConsistencyError(`Message ${messageId} kept changing; please retry`);
    },
    async range(roomId, fromId, toId, meter) {
      const found = new Map<string, Overlay>();
      await each(roomId, fromId, toId, Infinity, meter, (id, overlay) => found.set(id, overlay));
      return found;
    },
    async changedSince(roomId, fromId, toId, sinceMs, maxRead) {
      const found = new Map<string, Overlay>();
      const complete = await each(roomId, fromId, toId, maxRead, undefined, (id, overlay) => {
        if (overlay.w === undefined || overlay.w >= sinceMs) found.set(id, overlay);
      });
      return complete ? found : null;
    },
    async get(roomId, messageId, meter) {
      const result = await client.send(new GetCommand({ TableName: tableName, Key: overlayKey(roomId, messageId), ...capacity(meter) }));
      if (meter) meter.readUnits += result.ConsumedCapacity?.CapacityUnits ?? 0;
      return fromOverlayItem(result.Item);
    },
  };
}
