import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Room, RoomPeer } from '../../core/rooms.ts';
import { fromMemberItem, type Member, memberKey, memberOfPk } from '../lib/member-item.ts';
import { profileKey } from '../lib/profile-items.ts';
import { roomKey, toRoom } from '../lib/room-item.ts';

/** BatchGetItem takes at most 100 keys a call. */
const BATCH_KEYS = 100;
/** Calls per chunk at most: the backoff before the last is 640 ms, 1.2 s in all. */
const BATCH_ATTEMPTS = 6;

/**
 * The private rooms and DMs a member belongs to, and their membership where a door needs it
 * (amplify/data/README.md, "Members").
 */
export interface MyRooms {
  /**
   * Up to `limit` of `sub`'s rooms in id order after `afterId`: one Query of gsi2
   * `MEMBEROF#<sub>` (`limit + 1` memberships of ~250 B), then one BatchGetItem of their room
   * items and the profiles of DM peers (0.5 RCU each: BatchGetItem bills every item on its own).
   * Archived rooms are left out, as in the public list. `lastRead` is the id to continue after.
   */
  page(sub: string, afterId: string | undefined, limit: number): Promise<{ items: Room[]; hasMore: boolean; lastRead?: string }>;
  /** `sub`'s membership of `roomId`, or null: one eventually consistent GetItem (0.5 RCU). */
  membership(roomId: string, sub: string): Promise<Member | null>;
  /** The current names of a DM's other member (0.5 RCU), or null when they have no profile. */
  peer(sub: string): Promise<RoomPeer | null>;
  /** The current names of `subs` (one BatchGetItem of their profiles, 0.5 RCU each); unknown ones are left out. */
  people(subs: string[]): Promise<Map<string, RoomPeer>>;
}

function toPeer(item: Record<string, unknown> | undefined): RoomPeer | null {
  if (typeof item?.sub !== 'string' || typeof item.handle !== 'string' || typeof item.displayName !== 'string') return null;
  return { sub: item.sub, handle: item.handle, displayName: item.displayName };
}

export function createMyRooms(client: DynamoDBDocumentClient, tableName: string): MyRooms {
  /** Every item of `keys`, by `pk|sk`; unprocessed keys (throttling) are asked again. */
  async function batchGet(keys: { pk: string; sk: string }[]): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    for (let start = 0; start < keys.length; start += BATCH_KEYS) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(start, start + BATCH_KEYS);
      for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
        // Keys come back unprocessed only under throttling: back off, and give up well within the timeout.
        if (attempt >= BATCH_ATTEMPTS) throw new Error(`${pending.length} room keys stayed unprocessed after ${BATCH_ATTEMPTS} BatchGetItem calls`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        const result: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
        for (const item of result.Responses?.[tableName] ?? []) found.set(`${String(item.pk)}|${String(item.sk)}`, item);
        pending = result.UnprocessedKeys?.[tableName]?.Keys;
      }
    }
    return found;
  }

  return {
    async page(sub, afterId, limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: afterId === undefined ? 'gsi2pk = :pk' : 'gsi2pk = :pk AND gsi2sk > :after',
          ExpressionAttributeValues: { ':pk': memberOfPk(sub), ...(afterId === undefined ? {} : { ':after': afterId }) },
          Limit: limit + 1,
        }),
      );
      const memberships = Items.slice(0, limit).map(fromMemberItem);
      const peerKeys = memberships.flatMap((member) => (member.peerSub === undefined ? [] : [profileKey(member.peerSub)]));
      const found = await batchGet([...memberships.map((member) => roomKey(member.roomId)), ...peerKeys]);
      const get = (key: { pk: string; sk: string }) => found.get(`${key.pk}|${key.sk}`);
      const items = memberships.flatMap((member) => {
        const item = get(roomKey(member.roomId));
        if (!item || item.archivedAt !== undefined) return [];
        const room = toRoom(item, { withEpoch: true });
        const peer = member.peerSub === undefined ? null : toPeer(get(profileKey(member.peerSub)));
        return [peer === null ? room : { ...room, peer }];
      });
      return { items, hasMore: Items.length > limit, lastRead: memberships.at(-1)?.roomId };
    },

    async membership(roomId, sub) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: memberKey(roomId, sub) }));
      return Item ? fromMemberItem(Item) : null;
    },

    async people(subs) {
      const found = await batchGet([...new Set(subs)].map(profileKey));
      const people = [...found.values()].flatMap((item) => {
        const person = toPeer(item);
        return person ? [[person.sub, person] as const] : [];
      });
      return new Map(people);
    },

    async peer(sub) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: profileKey(sub), ProjectionExpression: '#sub, handle, displayName', ExpressionAttributeNames: { '#sub': 'sub' } }),
      );
      return toPeer(Item);
    },
  };
}
