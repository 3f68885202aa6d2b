/**
 * For tests of the doors of private rooms and DMs: a room with its epoch and membership items,
 * written straight to the table as `POST /rooms` (kind `private`) writes them, and a removal as
 * `DELETE /rooms/{id}/members/{sub}` makes it (the membership item deleted, the epoch rotated).
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { DM_ROOM_PREFIX, PRIVATE_ROOM_PREFIX, ROOM_CODE_CHARS, ROOM_CODE_LENGTH, ROOM_EPOCH_LENGTH } from '../../core/channels.ts';
import type { Author } from '../../core/messages.ts';
import { memberKey, toMemberItem } from '../../functions/lib/member-item.ts';
import { roomKey } from '../../functions/lib/room-item.ts';

/** `length` random code characters (tests only need them unpredictable between runs). */
export function randomRoomCode(length: number): string {
  return [...randomBytes(length)].map((byte) => ROOM_CODE_CHARS[byte % ROOM_CODE_CHARS.length]).join('');
}

export function randomEpoch(): string {
  return randomRoomCode(ROOM_EPOCH_LENGTH);
}

export interface SeededRoom {
  roomId: string;
  epoch: string;
}

/** A private room (or, with `kind: 'dm'`, a DM) whose members are `members`, the first its owner. */
export async function seedMembersOnlyRoom(
  db: DynamoDBDocumentClient,
  table: string,
  members: readonly Author[],
  options: { kind?: 'private' | 'dm'; name?: string } = {},
): Promise<SeededRoom> {
  const prefix = options.kind === 'dm' ? DM_ROOM_PREFIX : PRIVATE_ROOM_PREFIX;
  const roomId = prefix + randomRoomCode(ROOM_CODE_LENGTH);
  const epoch = randomEpoch();
  const now = new Date().toISOString();
  const owner = members[0]?.sub ?? 'nobody';
  await db.send(
    new PutCommand({
      TableName: table,
      Item: { ...roomKey(roomId), type: 'room', id: roomId, name: options.name ?? 'Private room', createdAt: now, createdBy: owner, epoch },
    }),
  );
  for (const [i, member] of members.entries()) {
    await addMember(db, table, roomId, member, i === 0 && options.kind !== 'dm' ? 'owner' : 'member', owner);
  }
  return { roomId, epoch };
}

export async function addMember(
  db: DynamoDBDocumentClient,
  table: string,
  roomId: string,
  member: Author,
  role: 'owner' | 'member' = 'member',
  addedBy = member.sub,
): Promise<void> {
  const item = toMemberItem({ roomId, sub: member.sub, handle: member.handle, displayName: member.displayName, role, addedAt: new Date().toISOString(), addedBy });
  await db.send(new PutCommand({ TableName: table, Item: item }));
}

/** Removes `sub` from the room and rotates its epoch; returns the new epoch. */
export async function removeMember(db: DynamoDBDocumentClient, table: string, roomId: string, sub: string): Promise<string> {
  await db.send(new DeleteCommand({ TableName: table, Key: memberKey(roomId, sub) }));
  const epoch = randomEpoch();
  await db.send(
    new UpdateCommand({ TableName: table, Key: roomKey(roomId), UpdateExpression: 'SET epoch = :epoch', ExpressionAttributeValues: { ':epoch': epoch } }),
  );
  return epoch;
}
