import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { MemberRef } from '../../core/messages.ts';
import { profileKey } from '../lib/profile-items.ts';

/** Someone's current names, from their profile (`PROFILE#<sub>`). */
export interface People {
  /** One eventually consistent GetItem (0.5 RCU); null when the account has no profile. */
  profile(sub: string): Promise<MemberRef | null>;
}

export function createPeople(client: DynamoDBDocumentClient, tableName: string): People {
  return {
    async profile(sub) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: profileKey(sub), ProjectionExpression: '#sub, handle, displayName', ExpressionAttributeNames: { '#sub': 'sub' } }),
      );
      if (typeof Item?.sub !== 'string' || typeof Item.handle !== 'string' || typeof Item.displayName !== 'string') return null;
      return { sub: Item.sub, handle: Item.handle, displayName: Item.displayName };
    },
  };
}
