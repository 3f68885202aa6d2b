import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, paginateQuery, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Room } from '../../core/history-api.ts';

export type { Room };

/**
 * Rooms live in one partition (`ROOMS` / `ROOM#<id>`): a page of them is one Query, no scan and
 * no index to pay for. The price is that every batch's `lastMessageAt` update lands on that
 * partition too (see amplify/data/README.md for the limit and the way out).
 */
export interface RoomStore {
  /** Eventually consistent (0.5 RCU) unless `consistent` (1 RCU: sees a room created just before). */
  get(roomId: string, options?: { consistent?: boolean }): Promise<Room | null>;
  /** Every room, in id order: for moderation's all-rooms search, which reads each room's messages. */
  list(): Promise<Room[]>;
  /**
   * Up to `limit` rooms in id order after the room `afterId` (from the first when absent), and
   * whether more follow: one Query of `limit + 1` items, whatever the number of rooms.
   */
  page(afterId: string | undefined, limit: number): Promise<{ items: Room[]; hasMore: boolean }>;
  /** Creates the room unless it exists; either way returns what is stored. */
  create(input: { id: string; name: string; createdBy?: string; now: string }): Promise<{ room: Room; created: boolean }>;
  /**
   * Records a new message time on an existing room, and tells whether the room exists (rooms are
   * created by POST /rooms only). One conditional UpdateItem; only when its condition fails (no
   * room, or a newer time already stored by a concurrent batch) does a strongly consistent
   * GetItem tell the two apart. A failed condition still costs the write unit, as DynamoDB bills it.
   */
  touch(roomId: string, lastMessageAt: string): Promise<{ exists: boolean; advanced: boolean; consumedWriteUnits: number }>;
}

export const ROOMS_PK = 'ROOMS';

export function roomKey(roomId: string): { pk: string; sk: string } {
  return { pk: ROOMS_PK, sk: `ROOM#${roomId}` };
}

export function createRoomStore(client: DynamoDBDocumentClient, tableName: string): RoomStore {
  return {
    async get(roomId, options) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: roomKey(roomId), ConsistentRead: options?.consistent }));
      return Item ? toRoom(Item) : null;
    },

    async list() {
      const rooms: Room[] = [];
      const pages = paginateQuery({ client }, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ROOMS_PK } });
      for await (const page of pages) rooms.push(...(page.Items ?? []).map(toRoom));
      return rooms;
    },

    async page(afterId, limit) {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined = afterId === undefined ? undefined : roomKey(afterId);
      do {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': ROOMS_PK },
            Limit: limit + 1 - items.length,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(result.Items ?? []));
        // A 1 MB response page can stop short of Limit (not at 101 rooms of ≤ 400 B; kept for safety).
        startKey = result.LastEvaluatedKey;
      } while (startKey && items.length <= limit);
      return { items: items.slice(0, limit).map(toRoom), hasMore: items.length > limit };
    },

    async create({ id, name, createdBy, now }) {
      // One UpdateItem instead of put-if-absent + read: ALL_OLD tells us whether it existed.
      const setCreatedBy = createdBy === undefined ? '' : ', createdBy = if_not_exists(createdBy, :createdBy)';
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: roomKey(id),
          UpdateExpression:
            'SET #type = :type, id = :id, #name = if_not_exists(#name, :name), ' +
            `createdAt = if_not_exists(createdAt, :now)${setCreatedBy}`,
          ExpressionAttributeNames: { '#type': 'type', '#name': 'name' },
          ExpressionAttributeValues: {
            ':type': 'room',
            ':id': id,
            ':name': name,
            ':now': now,
            ...(createdBy === undefined ? {} : { ':createdBy': createdBy }),
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes
        ? { room: toRoom(Attributes), created: false }
        : { room: { id, name, lastMessageAt: null }, created: true };
    },

    async touch(roomId, lastMessageAt) {
      try {
        const { ConsumedCapacity } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: roomKey(roomId),
            UpdateExpression: 'SET lastMessageAt = :at',
            // Only existing rooms; and concurrent batches may finish out of order, so never move
            // lastMessageAt backwards.
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastMessageAt) OR lastMessageAt < :at)',
            ExpressionAttributeValues: { ':at': lastMessageAt },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        return { exists: true, advanced: true, consumedWriteUnits: ConsumedCapacity?.CapacityUnits ?? 0 };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // dynalite lacks ReturnValuesOnConditionCheckFailure, so read to learn which part failed.
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: roomKey(roomId), ConsistentRead: true }));
        return { exists: Item !== undefined, advanced: false, consumedWriteUnits: 1 };
      }
    },
  };
}

function toRoom(item: Record<string, unknown>): Room {
  return {
    id: item.id as string,
    name: item.name as string,
    lastMessageAt: (item.lastMessageAt as string | undefined) ?? null,
  };
}
