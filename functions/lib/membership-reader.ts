import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { memberKey } from './member-item.ts';

export interface Membership {
  member: boolean;
  /** As DynamoDB reports it: 0.5 for the eventually consistent read, found or not. */
  consumedReadUnits: number;
}

export interface MembershipReader {
  /** Whether `sub` is a member of the private room or DM `roomId`. */
  status(roomId: string, sub: string): Promise<Membership>;
}

/**
 * One eventually consistent GetItem of `MEMBERS#<roomId>` / `<sub>` projecting the key only:
 * 0.5 RCU, found or not. Eventually consistent, so an invitation or a removal takes effect within
 * about a second (DynamoDB's replication delay); a removal also rotates the room's epoch, which
 * the room update's condition checks strongly, so a removed member's stale channel closes at once
 * for everyone else's publishes too.
 */
export function createMembershipReader(client: DynamoDBDocumentClient, tableName: string): MembershipReader {
  return {
    async status(roomId, sub) {
      const { Item, ConsumedCapacity } = await client.send(
        new GetCommand({ TableName: tableName, Key: memberKey(roomId, sub), ProjectionExpression: 'pk', ReturnConsumedCapacity: 'TOTAL' }),
      );
      return { member: Item !== undefined, consumedReadUnits: ConsumedCapacity?.CapacityUnits ?? 0 };
    },
  };
}
