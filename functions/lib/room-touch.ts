import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { roomKey } from './room-item.ts';

/**
 * The room write persist-messages makes per batch, on its own so that function bundles none of
 * the room store's other code (room creation carries Unicode's confusables table).
 */
export interface RoomTouch {
  exists: boolean;
  archived: boolean;
  /** The room's epoch is not the one asked for: the channel the batch came on is stale. */
  moved: boolean;
  advanced: boolean;
  consumedWriteUnits: number;
}

export interface RoomToucher {
  touch(roomId: string, lastMessageAt: string, epoch?: string): Promise<RoomTouch>;
  /**
   * The same answer without the write, for a batch of changes only (edits, deletes, reactions):
   * they are not new activity, so `lastMessageAt` stays. One strongly consistent GetItem (1 RCU),
   * consistent as the condition of `touch` is.
   */
  check(roomId: string, epoch?: string): Promise<RoomTouch>;
}

export function createRoomToucher(client: DynamoDBDocumentClient, tableName: string): RoomToucher {
  return {
    async touch(roomId, lastMessageAt, epoch) {
      try {
        const { ConsumedCapacity } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: roomKey(roomId),
            UpdateExpression: 'SET lastMessageAt = :at',
            // Only existing rooms that are not archived and, for a private room or DM, only on its
            // current epoch (both checks cost nothing more: they are part of the one condition);
            // and concurrent batches may finish out of order, so never move lastMessageAt backwards.
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(archivedAt) AND (attribute_not_exists(lastMessageAt) OR lastMessageAt < :at)' +
              (epoch === undefined ? '' : ' AND epoch = :epoch'),
            ExpressionAttributeValues: { ':at': lastMessageAt, ...(epoch === undefined ? {} : { ':epoch': epoch }) },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        return { exists: true, archived: false, moved: false, advanced: true, consumedWriteUnits: ConsumedCapacity?.CapacityUnits ?? 0 };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // dynalite lacks ReturnValuesOnConditionCheckFailure, so read to learn which part failed.
        return { ...(await read(roomId, epoch)), consumedWriteUnits: 1 };
      }
    },
    async check(roomId, epoch) {
      return { ...(await read(roomId, epoch)), consumedWriteUnits: 0 };
    },
  };

  async function read(roomId: string, epoch: string | undefined): Promise<Omit<RoomTouch, 'consumedWriteUnits'>> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: roomKey(roomId), ConsistentRead: true }));
    return {
      exists: Item !== undefined,
      archived: Item?.archivedAt !== undefined,
      moved: Item !== undefined && epoch !== undefined && Item.epoch !== epoch,
      advanced: false,
    };
  }
}
