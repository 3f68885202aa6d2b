import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Room } from '../../core/rooms.ts';
import { ConsistencyError } from './errors.ts';
import { roomKeyItemKey, roomNameKeys, toRoomKeyItem } from './room-keys.ts';
import { roomKey, toRoom } from './room-item.ts';
import { cancellationOf, isConflictOnly, TRANSACTION_ATTEMPTS } from './transactions.ts';

/** A new room's fields. */
export interface NewRoom {
  id: string;
  /** Sanitized (lib/room-name.ts). */
  name: string;
  createdBy?: string;
  /** ISO 8601. */
  now: string;
}

/**
 * The rooms by name: one room per look-alike name (amplify/data/README.md, "Room names").
 */
export interface RoomRegistry {
  /**
   * The room a name belongs to: the one holding any of the name's keys, else the one with its id
   * (a room created before key items existed is found by id only; found so, it gets its key items
   * now). Null when neither exists. Strongly consistent GetItems side by side: the room and each
   * key (1 RCU each, 2–3 in all), plus one for a key's room that is not the id's.
   */
  find(id: string, name: string): Promise<Room | null>;
  /**
   * Creates the room with one key item per key of its name, in one transaction whose every put
   * requires its item to be absent; so of two look-alike names created at once, one room results.
   * When the room or a key exists, returns the room that has it (`created: false`), unchanged.
   */
  create(input: NewRoom): Promise<{ room: Room; created: boolean }>;
}

export function createRoomRegistry(client: DynamoDBDocumentClient, tableName: string): RoomRegistry {
  async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    return (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  }

  /**
   * Gives a room created before key items existed the keys of its name that no other room holds,
   * then records them on it. Single writes, no transaction: each is idempotent, and a crash halfway
   * leaves the room unrecorded, so the next lookup does it again.
   */
  async function backfill(item: Record<string, unknown>): Promise<void> {
    const id = item.id as string;
    const held: string[] = [];
    for (const key of roomNameKeys(item.name as string)) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: toRoomKeyItem(key, id),
            ConditionExpression: 'attribute_not_exists(pk) OR roomId = :id',
            ExpressionAttributeValues: { ':id': id },
          }),
        );
        held.push(key);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: roomKey(id),
          UpdateExpression: 'SET nameKeys = :keys',
          // A rename meanwhile recorded the keys of the new name: those stand.
          ConditionExpression: 'attribute_not_exists(nameKeys) AND #name = :name',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':keys': held, ':name': item.name },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async function find(id: string, name: string): Promise<Room | null> {
    const [byId, ...byKey] = await Promise.all([getItem(roomKey(id)), ...roomNameKeys(name).map((key) => getItem(roomKeyItemKey(key)))]);
    const holder = byKey.find((item) => item !== undefined)?.roomId as string | undefined;
    const item = holder === undefined || holder === id ? byId : ((await getItem(roomKey(holder))) ?? byId);
    if (!item) return null;
    if (!Array.isArray(item.nameKeys)) await backfill(item);
    return toRoom(item);
  }

  async function create({ id, name, createdBy, now }: NewRoom): Promise<{ room: Room; created: boolean }> {
    const keys = roomNameKeys(name);
    const room = { ...roomKey(id), type: 'room', id, name, createdAt: now, nameKeys: keys, ...(createdBy === undefined ? {} : { createdBy }) };
    const absent = { ConditionExpression: 'attribute_not_exists(pk)' };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: room, ...absent } },
              ...keys.map((key) => ({ Put: { TableName: tableName, Item: toRoomKeyItem(key, id), ...absent } })),
            ],
          }),
        );
        return { room: toRoom(room), created: true };
      } catch (error) {
        const cancellation = cancellationOf(error);
        if (!cancellation) throw error;
        if (isConflictOnly(cancellation) && attempt < TRANSACTION_ATTEMPTS) continue;
        const existing = await find(id, name);
        if (existing) return { room: existing, created: false };
        if (attempt >= TRANSACTION_ATTEMPTS) throw new ConsistencyError(`Room ${id} was neither created nor found`);
      }
    }
  }

  return { find, create };
}
