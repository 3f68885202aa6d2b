import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { roomKey } from './room-item.ts';

export interface RoomEpoch {
  /** False when no such room is stored. */
  exists: boolean;
  /** The room's current epoch: present on private rooms and DMs. */
  epoch?: string;
  /** As DynamoDB reports it: 0.5 for the eventually consistent read (1 when consistent). */
  consumedReadUnits: number;
}

export interface RoomEpochReader {
  /**
   * The current epoch of `roomId`: where its live events go (`roomChannel(roomId, epoch)`).
   * Eventually consistent unless `consistent`.
   */
  read(roomId: string, options?: { consistent?: boolean }): Promise<RoomEpoch>;
}

/**
 * One GetItem of the room item projecting `epoch` only: 0.5 RCU eventually consistent. Used where
 * a publish needs the room's current channel without the rest of the room: typing signals check
 * theirs against it, and moderation broadcasts to it.
 */
export function createRoomEpochReader(client: DynamoDBDocumentClient, tableName: string): RoomEpochReader {
  return {
    async read(roomId, options) {
      const { Item, ConsumedCapacity } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: roomKey(roomId),
          ProjectionExpression: 'pk, epoch',
          ConsistentRead: options?.consistent,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      return {
        exists: Item !== undefined,
        ...(typeof Item?.epoch === 'string' ? { epoch: Item.epoch } : {}),
        consumedReadUnits: ConsumedCapacity?.CapacityUnits ?? 0,
      };
    },
  };
}
