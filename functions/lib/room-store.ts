import { type DynamoDBDocumentClient, GetCommand, paginateQuery, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Room } from '../../core/rooms.ts';
import { PUBLIC_ROOM_SK_PREFIX, roomKey, ROOMS_PK, toRoom } from './room-item.ts';
import { createRoomRegistry, type NewRoom } from './room-registry.ts';
import { createRoomToucher, type RoomTouch } from './room-touch.ts';

export type { Room, RoomTouch };
export { roomKey, ROOMS_PK };

/**
 * Rooms live in one partition (`ROOMS` / `ROOM#<id>`): a page of them is one Query, no scan and
 * no index to pay for. The price is that every batch's `lastMessageAt` update lands on that
 * partition too (see amplify/data/README.md for the limit and the way out).
 */
export interface RoomStore {
  /**
   * Eventually consistent (0.5 RCU) unless `consistent` (1 RCU: sees a room created, or an epoch
   * rotated, just before). The epoch of a private room or DM only `withEpoch` (for its members).
   */
  get(roomId: string, options?: { consistent?: boolean; withEpoch?: boolean }): Promise<Room | null>;
  /**
   * Every room, archived ones too, private rooms and DMs too (each has its `kind`): for
   * moderation's all-rooms search, which reads each room's messages. DMs first, then private
   * rooms, then public rooms, each in id order.
   */
  list(): Promise<Room[]>;
  /**
   * Up to `limit` public rooms that are not archived, in id order after the room `afterId` (from the
   * first when absent), and whether more follow: one Query of `limit + 1` items while no room is
   * archived. Archived rooms are filtered out after the read (DynamoDB applies `Limit` before a
   * filter), so each archived room in the way costs its read and, at worst, one more Query.
   */
  page(afterId: string | undefined, limit: number): Promise<{ items: Room[]; hasMore: boolean }>;
  /**
   * Creates the room with its look-alike keys unless it or a look-alike exists; either way returns
   * what is stored (`room-registry.ts`).
   */
  create(input: NewRoom): Promise<{ room: Room; created: boolean }>;
  /**
   * Records a new message time on an existing room that is not archived, and tells whether the
   * room exists and is archived (rooms are created by POST /rooms only). With `epoch` (a private
   * room or DM), only while that is the room's epoch: `moved` tells a stale channel. One
   * conditional UpdateItem; only when its condition fails (no room, an archived room, another
   * epoch, or a newer time already stored by a concurrent batch) does a strongly consistent
   * GetItem tell them apart. A failed condition still costs the write unit, as DynamoDB bills it.
   */
  touch(roomId: string, lastMessageAt: string, epoch?: string): Promise<RoomTouch>;
  /** `touch`'s answer without its write (a batch of changes only): one consistent GetItem. */
  check(roomId: string, epoch?: string): Promise<RoomTouch>;
}


export function createRoomStore(client: DynamoDBDocumentClient, tableName: string): RoomStore {
  const registry = createRoomRegistry(client, tableName);
  const toucher = createRoomToucher(client, tableName);
  return {
    async get(roomId, options) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: roomKey(roomId), ConsistentRead: options?.consistent }));
      return Item ? toRoom(Item, { withEpoch: options?.withEpoch }) : null;
    },

    async list() {
      const rooms: Room[] = [];
      const pages = paginateQuery({ client }, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ROOMS_PK } });
      for await (const page of pages) rooms.push(...(page.Items ?? []).map((item) => toRoom(item)));
      return rooms;
    },

    async page(afterId, limit) {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined = afterId === undefined ? undefined : roomKey(afterId);
      do {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            // Public rooms only: private rooms and DMs sort under other prefixes of the partition.
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :public)',
            FilterExpression: 'attribute_not_exists(archivedAt)',
            ExpressionAttributeValues: { ':pk': ROOMS_PK, ':public': PUBLIC_ROOM_SK_PREFIX },
            Limit: limit + 1 - items.length,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(result.Items ?? []));
        // Archived rooms are read and filtered out, so a Query can return fewer than Limit; so can a
        // 1 MB response page (not at 101 rooms of ≤ 1 KB).
        startKey = result.LastEvaluatedKey;
      } while (startKey && items.length <= limit);
      return { items: items.slice(0, limit).map((item) => toRoom(item)), hasMore: items.length > limit };
    },

    create: (input) => registry.create(input),

    touch: toucher.touch,
    check: toucher.check,
  };
}
