import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Room } from '../../core/rooms.ts';
import { ConsistencyError, NotFoundError } from './errors.ts';
import { fromMemberItem, type Member, memberKey, membersPk, toMemberItem } from './member-item.ts';
import { roomKey, toRoom } from './room-item.ts';
import { cancellationOf, isConflictOnly, TRANSACTION_ATTEMPTS } from './transactions.ts';

/** A members-only room as its item stores it. */
export interface MembersOnlyRoom {
  room: Room;
  epoch: string;
}

export interface NewMembersOnlyRoom {
  id: string;
  name: string;
  epoch: string;
  createdBy: string;
  /** ISO 8601. */
  now: string;
  /** A private room: its owner; a DM: both members. */
  members: Member[];
}

export interface Removal {
  roomId: string;
  sub: string;
  /** The epoch read before; the rotation is conditional on it, so two removals at once both rotate. */
  epoch: string;
  newEpoch: string;
  /** When the owner leaves: the member who becomes owner. */
  newOwner?: string;
  audit: Record<string, unknown>;
}

/**
 * Private rooms, DMs and their members (amplify/data/README.md, "Members"). Every change is one
 * transaction, so a member, the room's epoch and the audit entry never disagree.
 */
export interface RoomMembers {
  /**
   * Creates the room and its first members in one transaction, each put only if absent; when the
   * room exists already (a DM created from the other side a moment before), returns it as stored
   * with `created: false`.
   */
  create(input: NewMembersOnlyRoom): Promise<{ room: MembersOnlyRoom; created: boolean }>;
  /** The room with its epoch; strongly consistent (1 RCU), so a rotation a moment ago is seen. */
  room(roomId: string): Promise<MembersOnlyRoom | null>;
  /** `sub`'s membership, strongly consistent (1 RCU), or null. */
  member(roomId: string, sub: string): Promise<Member | null>;
  /** Every member, oldest first, strongly consistent: one Query of `MEMBERS#<roomId>` (~250 B a member). */
  members(roomId: string): Promise<Member[]>;
  /** Adds `member` unless they are one already (`false`), with the audit item, in one transaction; NotFoundError when the room is gone. */
  add(member: Member, audit: Record<string, unknown>): Promise<boolean>;
  /**
   * Deletes the membership, rotates the epoch (only from `epoch`), passes ownership when asked,
   * and writes the audit item, in one transaction. `false` when the member or the epoch changed
   * meanwhile: the caller reads again and decides again.
   */
  remove(removal: Removal): Promise<boolean>;
}

export function createRoomMembers(client: DynamoDBDocumentClient, tableName: string): RoomMembers {
  async function room(roomId: string): Promise<MembersOnlyRoom | null> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: roomKey(roomId), ConsistentRead: true }));
    return Item && typeof Item.epoch === 'string' ? { room: toRoom(Item, { withEpoch: true }), epoch: Item.epoch } : null;
  }

  async function transact(items: unknown[]): Promise<'done' | 'refused'> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items as never }));
        return 'done';
      } catch (error) {
        const cancellation = cancellationOf(error);
        if (!cancellation) throw error;
        if (isConflictOnly(cancellation) && attempt < TRANSACTION_ATTEMPTS) continue;
        return 'refused';
      }
    }
  }

  const absent = { ConditionExpression: 'attribute_not_exists(pk)' };
  const present = { ConditionExpression: 'attribute_exists(pk)' };

  return {
    room,

    async create({ id, name, epoch, createdBy, now, members }) {
      const item = { ...roomKey(id), type: 'room', id, name, createdAt: now, createdBy, epoch };
      const outcome = await transact([
        { Put: { TableName: tableName, Item: item, ...absent } },
        ...members.map((member) => ({ Put: { TableName: tableName, Item: toMemberItem(member), ...absent } })),
      ]);
      if (outcome === 'done') return { room: { room: toRoom(item, { withEpoch: true }), epoch }, created: true };
      const existing = await room(id);
      if (!existing) throw new ConsistencyError(`Room ${id} was neither created nor found`);
      return { room: existing, created: false };
    },

    async member(roomId, sub) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: memberKey(roomId, sub), ConsistentRead: true }));
      return Item ? fromMemberItem(Item) : null;
    },

    async members(roomId) {
      const members: Member[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': membersPk(roomId) },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        members.push(...(page.Items ?? []).map(fromMemberItem));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return members.sort((a, b) => (a.addedAt === b.addedAt ? (a.sub < b.sub ? -1 : 1) : a.addedAt < b.addedAt ? -1 : 1));
    },

    async add(member, audit) {
      for (let attempt = 1; attempt <= TRANSACTION_ATTEMPTS; attempt += 1) {
        const outcome = await transact([
          { ConditionCheck: { TableName: tableName, Key: roomKey(member.roomId), ...present } },
          { Put: { TableName: tableName, Item: toMemberItem(member), ...absent } },
          { Put: { TableName: tableName, Item: audit, ...absent } },
        ]);
        if (outcome === 'done') return true;
        if (!(await room(member.roomId))) throw new NotFoundError(`Room ${member.roomId} not found`);
        if (await this.member(member.roomId, member.sub)) return false;
      }
      throw new ConsistencyError(`${member.sub} was neither added to ${member.roomId} nor found there`);
    },

    async remove({ roomId, sub, epoch, newEpoch, newOwner, audit }) {
      const outcome = await transact([
        { Delete: { TableName: tableName, Key: memberKey(roomId, sub), ...present } },
        {
          Update: {
            TableName: tableName,
            Key: roomKey(roomId),
            UpdateExpression: 'SET epoch = :new',
            ConditionExpression: 'epoch = :old',
            ExpressionAttributeValues: { ':new': newEpoch, ':old': epoch },
          },
        },
        ...(newOwner === undefined
          ? []
          : [
              {
                Update: {
                  TableName: tableName,
                  Key: memberKey(roomId, newOwner),
                  UpdateExpression: 'SET #role = :owner',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeNames: { '#role': 'role' },
                  ExpressionAttributeValues: { ':owner': 'owner' },
                },
              },
            ]),
        { Put: { TableName: tableName, Item: audit, ...absent } },
      ]);
      return outcome === 'done';
    },
  };
}
