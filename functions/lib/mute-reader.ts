import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { isMuteRunning, muteKey } from './mute-item.ts';

export interface MuteStatus {
  /** When the author's running mute ends (ISO 8601); absent when they are not muted. */
  until?: string;
  /** As DynamoDB reports it: 0.5 for the eventually consistent read, found or not. */
  consumedReadUnits: number;
}

export interface MuteReader {
  /** Whether `authorSub` is muted at `nowMs`. */
  status(authorSub: string, nowMs: number): Promise<MuteStatus>;
}

/**
 * Whether a member is muted, for everything a mute stops: their messages (persist-messages, per
 * batch), their typing signals (throttle-signals) and the rooms they create (create-room).
 * One eventually consistent GetItem of `MUTE#<sub>` / `MUTE` per call: 0.5 RCU (the item is
 * ~300 B, and a read that finds nothing costs the same). Eventually consistent, so a new mute or
 * an unmute takes effect within about a second (DynamoDB's replication delay), never sooner than
 * the moderator's answer would suggest by more than that.
 */
export function createMuteReader(client: DynamoDBDocumentClient, tableName: string): MuteReader {
  return {
    async status(authorSub, nowMs) {
      const { Item, ConsumedCapacity } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: muteKey(authorSub),
          ProjectionExpression: '#until',
          ExpressionAttributeNames: { '#until': 'until' },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      const until = typeof Item?.until === 'string' ? Item.until : undefined;
      return {
        ...(isMuteRunning(until, new Date(nowMs).toISOString()) ? { until } : {}),
        consumedReadUnits: ConsumedCapacity?.CapacityUnits ?? 0,
      };
    },
  };
}
