import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../core/moderation.ts';
import { NotFoundError } from '../lib/errors.ts';
import { fromOverlayItem, type Overlay } from '../lib/overlay-item.ts';
import { createOverlayStore } from '../lib/overlay-store.ts';
import { createRoomEpochReader, type RoomEpochReader } from '../lib/room-epoch-reader.ts';
import {
  authorMessagesSkPrefix,
  authorPk,
  fromMessageItem,
  isTimelineOverlay,
  MESSAGE_ORDER_INDEX,
  OVERLAY_SK_SUFFIX,
  REMOVED_STATUS,
  removedIndexKeys,
  roomTimelinePk,
  statusIndexPk,
  timelineSk,
} from '../lib/message-item.ts';
import type { Source } from './budgeted-merge.ts';
import type { IdRange } from './filters.ts';
import { createMuteStore, type MuteStore } from './mute-store.ts';
import { overlaidMessages } from './overlaid-messages.ts';
import { AUDIT_ALL_PK, auditActorPk, auditRoomPk, fromAuditItem, type LastAction, type StoredMessage, toAuditItem, toStoredMessage } from './moderation-records.ts';

const STATUS_INDEX = 'gsi2';

/**
 * A place in the author partitions a search reads one after the other: the partition (`s`, an
 * index into the sorted subs) and the last sort key read in it (`k`), or its start.
 */
export interface AuthorPosition {
  s: number;
  k?: string;
}

/** A stretch of the author partitions: after `start`, up to and including `end` (absent: to the end). */
export interface AuthorWindow {
  start: AuthorPosition;
  end?: AuthorPosition;
}

/** What one request read, as DynamoDB reports it (ReturnConsumedCapacity TOTAL). */
export interface ReadMeter {
  itemsRead: number;
  readUnits: number;
}

export function createReadMeter(): ReadMeter {
  return { itemsRead: 0, readUnits: 0 };
}

export interface ModerationStore extends MuteStore {
  /** One room's messages, newest first (gsi1 `ROOM#<id>`). */
  room(roomId: string, range: IdRange, meter: ReadMeter): Source<StoredMessage>;
  /** Removed messages across rooms, newest first (the sparse gsi2 `STATUS#removed`). */
  removed(range: IdRange, meter: ReadMeter): Source<StoredMessage>;
  /**
   * One window of what authors wrote: their `AUTHOR#<sub>` partitions (narrowed to a room by key)
   * in key order, after `window.start`, up to `window.end` if given, and at most `max` items.
   * Those partitions are ordered by room and clientMsgId, not by time (amplify/data/README.md,
   * pattern 10), so a window is read whole and sorted by the caller. `next` is where the following
   * window starts: absent once the last partition has been read to its end.
   */
  authorWindow(subs: readonly string[], roomId: string | undefined, window: AuthorWindow, max: number, meter: ReadMeter): Promise<{ items: StoredMessage[]; next?: AuthorPosition }>;
  /** The audit log of a room, of a moderator, or of all rooms; newest first. */
  audit(scope: { roomId: string } | { actorSub: string } | 'all', range: IdRange, meter: ReadMeter): Source<AuditEntry>;
  /** A message by room and id (gsi1) with its overlay, read side by side, or null. */
  find(roomId: string, messageId: string): Promise<StoredMessage | null>;
  /**
   * Moves a message to the action's state and records the action on it, unless it is there
   * already. `stored` is what the message is now.
   */
  apply(target: StoredMessage, action: LastAction): Promise<{ stored: StoredMessage; changed: boolean; last?: LastAction }>;
  /** Writes an audit entry once (a retry of the same entry changes nothing). */
  putAudit(entry: AuditEntry): Promise<void>;
  /** A room's current epoch: where a private room's or DM's live events go (lib/room-channel.ts). */
  epochs: RoomEpochReader;
}

export function createModerationStore(client: DynamoDBDocumentClient, tableName: string): ModerationStore {
  const overlays = createOverlayStore(client, tableName);
  // Each chunk of the author and removed indexes gets its overlays before the search sees it (overlaid-messages.ts).
  const messagesOf = (meter: ReadMeter) => (items: Record<string, unknown>[]) => overlaidMessages(overlays, items, meter);

  function querySource<T>(meter: ReadMeter, input: Omit<QueryCommandInput, 'TableName'>, map: (items: Record<string, unknown>[]) => Promise<T[]> | T[]): Source<T> {
    let startKey: Record<string, unknown> | undefined;
    return {
      async read(max) {
        const page = await client.send(
          new QueryCommand({
            ...input,
            TableName: tableName,
            ScanIndexForward: false,
            Limit: max,
            ExclusiveStartKey: startKey,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        const items = page.Items ?? [];
        startKey = page.LastEvaluatedKey;
        meter.itemsRead += items.length;
        meter.readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
        return { items: items.length === 0 ? [] : await map(items), done: startKey === undefined, read: items.length };
      },
    };
  }

  function rangeQuery(pkName: string, pk: string, skName: string, skPrefix: string, range: IdRange) {
    const values: Record<string, unknown> = { ':pk': pk };
    let condition = '#pk = :pk';
    if (range.lower !== undefined && range.upper !== undefined) {
      condition += ' AND #sk BETWEEN :lo AND :hi';
      Object.assign(values, { ':lo': skPrefix + range.lower, ':hi': skPrefix + range.upper });
    } else if (range.lower !== undefined) {
      condition += ' AND #sk >= :lo';
      values[':lo'] = skPrefix + range.lower;
    } else if (range.upper !== undefined) {
      condition += ' AND #sk <= :hi';
      values[':hi'] = skPrefix + range.upper;
    }
    const names: Record<string, string> = { '#pk': pkName, ...(condition.includes('#sk') ? { '#sk': skName } : {}) };
    return { KeyConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
  }

  async function getConsistent(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item;
  }

  return {
    ...createMuteStore(client, tableName),
    epochs: createRoomEpochReader(client, tableName),

    room(roomId, range, meter) {
      // The room's gsi1 partition holds its messages' overlays, each right after its message
      // (lib/timeline-query.ts): read newest first, an overlay comes before its message, in the
      // same chunk or an earlier one, so this source needs no overlay Query of its own (E9). The
      // upper bound reaches past its message to take that message's overlay too.
      const read = new Map<string, Overlay>();
      const upper = range.upper === undefined ? {} : { upper: `${range.upper}${OVERLAY_SK_SUFFIX}` };
      return querySource(meter, { IndexName: MESSAGE_ORDER_INDEX, ...rangeQuery('gsi1pk', roomTimelinePk(roomId), 'gsi1sk', timelineSk(''), { ...range, ...upper }) }, (items) => {
        const messages: StoredMessage[] = [];
        for (const item of items) {
          if (isTimelineOverlay(item)) read.set(item.sk as string, fromOverlayItem(item)!);
          else messages.push(toStoredMessage(item, read.get(fromMessageItem(item).id)));
        }
        return messages;
      });
    },

    removed(range, meter) {
      return querySource(meter, { IndexName: STATUS_INDEX, ...rangeQuery('gsi2pk', statusIndexPk(REMOVED_STATUS), 'gsi2sk', '', range) }, messagesOf(meter));
    },

    async authorWindow(subs, roomId, { start, end }, max, meter) {
      const prefix = authorMessagesSkPrefix(roomId);
      const items: Record<string, unknown>[] = [];
      // The window's overlays once it is read: one Query per room it spans.
      const answer = async (next: AuthorPosition | undefined) => ({ items: await overlaidMessages(overlays, items, meter), ...(next === undefined ? {} : { next }) });
      const last = end?.s ?? subs.length - 1;
      for (let s = start.s; s <= last && s < subs.length; s += 1) {
        const pk = authorPk(subs[s]!);
        // The window's last partition stops at its end key: every key between the prefix and a
        // key that starts with it starts with the prefix too.
        const upTo = end !== undefined && s === end.s ? end.k : undefined;
        let startKey: Record<string, unknown> | undefined = s === start.s && start.k !== undefined ? { pk, sk: start.k } : undefined;
        do {
          const page = await client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: upTo === undefined ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk AND sk BETWEEN :prefix AND :upTo',
              ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix, ...(upTo === undefined ? {} : { ':upTo': upTo }) },
              Limit: max - items.length,
              ExclusiveStartKey: startKey,
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          const found = page.Items ?? [];
          meter.itemsRead += found.length;
          meter.readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
          items.push(...found);
          startKey = page.LastEvaluatedKey;
          if (items.length >= max && found.length > 0) {
            // Full: the next window starts after the last item read, unless that was the end of everything.
            const more = startKey !== undefined || s < last || end !== undefined;
            return answer(more ? { s, k: found.at(-1)!.sk as string } : undefined);
          }
        } while (startKey);
      }
      // Read up to a recorded end: what follows it is the next window (it may turn out empty).
      return answer(end);
    },

    audit(scope, range, meter) {
      const entries = (items: Record<string, unknown>[]) => items.map(fromAuditItem);
      if (scope === 'all') return querySource(meter, { IndexName: MESSAGE_ORDER_INDEX, ...rangeQuery('gsi1pk', AUDIT_ALL_PK, 'gsi1sk', '', range) }, entries);
      if ('roomId' in scope) return querySource(meter, rangeQuery('pk', auditRoomPk(scope.roomId), 'sk', '', range), entries);
      return querySource(meter, { IndexName: STATUS_INDEX, ...rangeQuery('gsi2pk', auditActorPk(scope.actorSub), 'gsi2sk', '', range) }, entries);
    },

    async find(roomId, messageId) {
      const [{ Items = [] }, overlay] = await Promise.all([
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: MESSAGE_ORDER_INDEX,
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
            ExpressionAttributeValues: { ':pk': roomTimelinePk(roomId), ':sk': timelineSk(messageId) },
          }),
        ),
        overlays.get(roomId, messageId),
      ]);
      return Items[0] ? toStoredMessage(Items[0], overlay) : null;
    },

    async apply(target, action) {
      const remove = action.action === 'message.removed';
      const removedKeys = removedIndexKeys(target.id);
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: target.key,
            UpdateExpression: remove
              ? 'SET #status = :removed, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk, moderation = :last'
              : 'SET moderation = :last REMOVE #status, gsi2pk, gsi2sk',
            ConditionExpression: remove
              ? 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :removed)'
              : 'attribute_exists(pk) AND #status = :removed',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':removed': REMOVED_STATUS,
              ':last': withoutUndefined(action),
              ...(remove ? { ':gsi2pk': removedKeys.gsi2pk, ':gsi2sk': removedKeys.gsi2sk } : {}),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { stored: toStoredMessage(Attributes!, target.overlay), changed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const item = await getConsistent(target.key);
        if (!item) throw new NotFoundError(`Message ${target.id} not found`);
        return { stored: toStoredMessage(item, target.overlay), changed: false, last: item.moderation as LastAction | undefined };
      }
    },

    async putAudit(entry) {
      try {
        await client.send(
          new PutCommand({ TableName: tableName, Item: withoutUndefined(toAuditItem(entry)), ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
