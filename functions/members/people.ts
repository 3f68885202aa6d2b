import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MemberRef } from '../../core/messages.ts';
import { handleIndexKeys, profileKey } from '../lib/profile-items.ts';

/** Someone's current names, from their profile (`PROFILE#<sub>`). */
export interface People {
  /** One eventually consistent GetItem (0.5 RCU); null when the account has no profile. */
  profile(sub: string): Promise<MemberRef | null>;
  /**
   * Up to `limit` profiles whose current handle starts with `prefix` (a lower-case handle prefix,
   * 1–20 characters), in handle order: one Query on gsi1's `HANDLES#<first character>` partition
   * (profile-items.ts), eventually consistent, so a handle changed a second ago may still show
   * under its old one. ~0.5 RCU for a page of 10 (~250 B each).
   */
  search(prefix: string, limit: number): Promise<MemberRef[]>;
}

const NAMES = { ProjectionExpression: '#sub, handle, displayName', ExpressionAttributeNames: { '#sub': 'sub' } };

function toRef(item: Record<string, unknown> | undefined): MemberRef | null {
  if (typeof item?.sub !== 'string' || typeof item.handle !== 'string' || typeof item.displayName !== 'string') return null;
  return { sub: item.sub, handle: item.handle, displayName: item.displayName };
}

export function createPeople(client: DynamoDBDocumentClient, tableName: string): People {
  return {
    async profile(sub) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: profileKey(sub), ...NAMES }));
      return toRef(Item);
    },

    async search(prefix, limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
          ExpressionAttributeValues: { ':pk': handleIndexKeys(prefix).gsi1pk, ':prefix': prefix },
          ExpressionAttributeNames: NAMES.ExpressionAttributeNames,
          ProjectionExpression: NAMES.ProjectionExpression,
          Limit: limit,
        }),
      );
      return Items.flatMap((item) => toRef(item) ?? []);
    },
  };
}
