import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { roomKindOfId } from '../../core/channels.ts';
import type { Moderator, RoomModerationAction } from '../../core/moderation.ts';
import type { Room } from '../../core/rooms.ts';
import { BadRequestError, ConflictError, ConsistencyError, NotFoundError } from '../lib/errors.ts';
import { roomKey, toRoom } from '../lib/room-item.ts';
import { heldKeys, keyChanges, roomKeyItemKey, roomNameKeys, toRoomKeyItem } from '../lib/room-keys.ts';
import { cancellationOf, TRANSACTION_ATTEMPTS } from '../lib/transactions.ts';

/**
 * A room's last moderator action, kept on the room item (`moderation`) as a message keeps its
 * own: a retry of the request after a crash between the change and its audit entry finds it and
 * writes that entry, once.
 */
export interface LastRoomAction {
  action: RoomModerationAction;
  auditId: string;
  at: string;
  by: Moderator;
  reason?: string;
  /** The room's name after the action. */
  name?: string;
  /** `room.renamed`: the name before. */
  previousName?: string;
}

export interface RoomChange {
  room: Room;
  changed: boolean;
  /** The action recorded on the room: this one when it changed the room, else the last before. */
  last?: LastRoomAction;
}

/** What moderation writes on rooms (amplify/data/README.md, "Room names" and "Archived rooms"). */
export interface RoomAdminStore {
  /**
   * Renames the room, keeping its id: one transaction updates the room (only if its name is still
   * the one read), puts the new name's key items (only where absent or already this room's) and
   * deletes the old name's that are this room's. ConflictError (409) when another room has one of
   * the new keys, or the new name's id; NotFoundError when there is no such room.
   */
  rename(roomId: string, next: { id: string; name: string }, action: LastRoomAction): Promise<RoomChange>;
  /** Archives (`archived: true`) or unarchives the room: one conditional UpdateItem. */
  setArchived(roomId: string, archived: boolean, action: LastRoomAction): Promise<RoomChange>;
}

export function createRoomAdminStore(client: DynamoDBDocumentClient, tableName: string): RoomAdminStore {
  async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    return (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  }

  async function requireRoom(roomId: string): Promise<Record<string, unknown>> {
    const item = await getItem(roomKey(roomId));
    if (!item) throw new NotFoundError(`Room ${roomId} not found`);
    return item;
  }

  /** The room, other than `roomId`, that has the id `slug` or holds one of `keys`; undefined if none. */
  async function otherHolder(roomId: string, slug: string, keys: readonly string[]): Promise<Record<string, unknown> | undefined> {
    const [bySlug, ...byKey] = await Promise.all([getItem(roomKey(slug)), ...keys.map((key) => getItem(roomKeyItemKey(key)))]);
    if (bySlug && slug !== roomId) return bySlug;
    const holder = byKey.find((item) => item !== undefined && item.roomId !== roomId)?.roomId as string | undefined;
    return holder === undefined ? undefined : ((await getItem(roomKey(holder))) ?? { id: holder, name: holder });
  }

  function conflict(name: string, other: Record<string, unknown>): ConflictError {
    return new ConflictError(`“${name}” looks like the room “${other.name as string}” (${other.id as string}); choose another name`);
  }

  async function renameOnce(roomId: string, slug: string, name: string, action: LastRoomAction): Promise<RoomChange | null> {
    const item = await requireRoom(roomId);
    if (item.name === name) return { room: toRoom(item), changed: false, last: item.moderation as LastRoomAction | undefined };
    // A private room's name is seen by its members only: like at its creation, it claims no
    // look-alike key, or a member creating a public room of that name would be handed it.
    if (roomKindOfId(roomId) === 'private') return renamePrivate(item, name, action);
    const newKeys = roomNameKeys(name);
    const other = await otherHolder(roomId, slug, newKeys);
    if (other) throw conflict(name, other);
    // Only the old key items that are this room's are deleted: a room created before key items
    // existed may have none, or share a key with another room's item.
    const oldKeys = heldKeys(item);
    const oldItems = await Promise.all(oldKeys.map((key) => getItem(roomKeyItemKey(key))));
    const own = oldKeys.filter((_key, i) => oldItems[i]?.roomId === roomId);
    const { put, remove } = keyChanges(own, newKeys);
    const last: LastRoomAction = { ...action, name, previousName: item.name as string };
    const ownOrAbsent = { ConditionExpression: 'attribute_not_exists(pk) OR roomId = :id', ExpressionAttributeValues: { ':id': roomId } };
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: roomKey(roomId),
                UpdateExpression: 'SET #name = :name, nameKeys = :keys, moderation = :last',
                ConditionExpression: '#name = :old',
                ExpressionAttributeNames: { '#name': 'name' },
                ExpressionAttributeValues: { ':name': name, ':keys': newKeys, ':last': withoutUndefined(last), ':old': item.name },
              },
            },
            ...put.map((key) => ({ Put: { TableName: tableName, Item: toRoomKeyItem(key, roomId), ...ownOrAbsent } })),
            ...remove.map((key) => ({ Delete: { TableName: tableName, Key: roomKeyItemKey(key), ConditionExpression: 'roomId = :id', ExpressionAttributeValues: { ':id': roomId } } })),
          ],
        }),
      );
      return { room: toRoom({ ...item, name }), changed: true, last };
    } catch (error) {
      const cancellation = cancellationOf(error);
      if (!cancellation) throw error;
      // A key taken since it was read: that room is the conflict. Anything else (a rename or a
      // transaction meanwhile): read again and retry.
      const taken = put.filter((_key, i) => cancellation.codes[i + 1] === 'ConditionalCheckFailed');
      const holder = taken.length > 0 ? await otherHolder(roomId, slug, taken) : undefined;
      if (holder) throw conflict(name, holder);
      return null;
    }
  }

  async function renamePrivate(item: Record<string, unknown>, name: string, action: LastRoomAction): Promise<RoomChange | null> {
    const last: LastRoomAction = { ...action, name, previousName: item.name as string };
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: roomKey(item.id as string),
          UpdateExpression: 'SET #name = :name, moderation = :last',
          ConditionExpression: '#name = :old',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': name, ':last': withoutUndefined(last), ':old': item.name },
        }),
      );
      return { room: toRoom({ ...item, name }), changed: true, last };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  return {
    async rename(roomId, { id: slug, name }, action) {
      // A DM is named after the other person, for each of the two: it has no name of its own.
      if (roomKindOfId(roomId) === 'dm') throw new BadRequestError('A direct message has no name to change');
      for (let attempt = 1; attempt <= TRANSACTION_ATTEMPTS; attempt += 1) {
        const result = await renameOnce(roomId, slug, name, action);
        if (result) return result;
      }
      throw new ConsistencyError(`Room ${roomId} changed during every rename attempt`);
    },

    async setArchived(roomId, archived, action) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: roomKey(roomId),
            UpdateExpression: archived ? 'SET archivedAt = :at, moderation = :last' : 'REMOVE archivedAt SET moderation = :last',
            ConditionExpression: archived ? 'attribute_exists(pk) AND attribute_not_exists(archivedAt)' : 'attribute_exists(archivedAt)',
            ExpressionAttributeValues: { ':last': withoutUndefined(action), ...(archived ? { ':at': action.at } : {}) },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { room: toRoom(Attributes!), changed: true, last: action };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const item = await requireRoom(roomId);
        return { room: toRoom(item), changed: false, last: item.moderation as LastRoomAction | undefined };
      }
    },
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
