import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Author } from '../../core/messages.ts';
import type { Mute } from '../../core/moderation.ts';
import { authorMessagesSkPrefix, authorPk, fromMessageItem, MESSAGE_ORDER_INDEX } from '../lib/message-item.ts';
import { fromMuteItem, isMuteRunning, MUTE_LIST_PK, muteExpiresAt, muteKey, muteListSk, toMuteItem, type Unmuted } from '../lib/mute-item.ts';
import type { ReadMeter } from './moderation-store.ts';

export interface EndMuteOutcome {
  changed: boolean;
  /** The mute as it was stored (the one that ended, when `changed`); absent when there is none. */
  mute?: Mute;
  /** When no mute was running: the unmute that ended the last one, if one did. */
  last?: Unmuted;
}

export interface ActiveMutesPage {
  items: Mute[];
  /** The gsi1 sort key of the last item, when there may be more. */
  continueAfter?: string;
}

/** The mute items (functions/lib/mute-item.ts), as `moderation` writes and lists them. */
export interface MuteStore {
  /** Mutes `mute.user` until `mute.until`, replacing a running mute. */
  putMute(mute: Mute, auditId: string): Promise<void>;
  /** Ends the author's running mute now, unless none runs. */
  endMute(sub: string, unmuted: Unmuted): Promise<EndMuteOutcome>;
  /** Running mutes, ending soonest first; after `after` (a `continueAfter`) when given. */
  activeMutes(nowIso: string, limit: number, after: string | undefined, meter: ReadMeter): Promise<ActiveMutesPage>;
  /** The author as one of their messages names them, or null when they have stored none. */
  authorBySub(sub: string): Promise<Author | null>;
}

export function createMuteStore(client: DynamoDBDocumentClient, tableName: string): MuteStore {
  return {
    async putMute(mute, auditId) {
      await client.send(new PutCommand({ TableName: tableName, Item: toMuteItem(mute, auditId) }));
    },

    async endMute(sub, unmuted) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: muteKey(sub),
            UpdateExpression: 'SET #until = :now, expiresAt = :expiresAt, unmuted = :unmuted REMOVE gsi1pk, gsi1sk',
            ConditionExpression: 'attribute_exists(pk) AND #until > :now',
            ExpressionAttributeNames: { '#until': 'until' },
            ExpressionAttributeValues: {
              ':now': unmuted.at,
              ':expiresAt': muteExpiresAt(unmuted.at),
              ':unmuted': JSON.parse(JSON.stringify(unmuted)) as Unmuted,
            },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return { changed: true, mute: fromMuteItem(Attributes!) };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: muteKey(sub), ConsistentRead: true }));
        if (!Item) return { changed: false };
        return { changed: false, mute: fromMuteItem(Item), ...(Item.unmuted ? { last: Item.unmuted as Unmuted } : {}) };
      }
    },

    async activeMutes(nowIso, limit, after, meter) {
      const lower = after !== undefined && after > nowIso ? after : nowIso;
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: MESSAGE_ORDER_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :lower',
          ExpressionAttributeValues: { ':pk': MUTE_LIST_PK, ':lower': lower },
          Limit: limit,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      const items = page.Items ?? [];
      meter.itemsRead += items.length;
      meter.readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
      const mutes = items.map(fromMuteItem);
      const last = mutes.at(-1);
      return {
        items: mutes.filter((mute) => isMuteRunning(mute.until, nowIso)),
        ...(page.LastEvaluatedKey && last ? { continueAfter: muteListSk(last.until, last.user.sub) } : {}),
      };
    },

    async authorBySub(sub) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
          ExpressionAttributeValues: { ':pk': authorPk(sub), ':msg': authorMessagesSkPrefix() },
          Limit: 1,
        }),
      );
      return Items[0] ? fromMessageItem(Items[0]).author : null;
    },
  };
}
