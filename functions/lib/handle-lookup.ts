import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { handleItemKey } from './profile-items.ts';

/**
 * Who holds a handle: the profile writer keeps one item per taken handle, `HANDLE#<handle>` /
 * `HANDLE` `{type: 'handle', sub, heldUntil?}` (`profile-items.ts`), so a handle names
 * exactly one account, unlike a display name. A released handle stays its old owner's until
 * `heldUntil` (their recent messages still show it); after that it names nobody.
 */
export interface HandleLookup {
  /** The sub of the account that holds `handle` (a valid, lower-case handle) at `nowIso`, or null. */
  subOf(handle: string, nowIso: string): Promise<string | null>;
}

/** One eventually consistent GetItem per lookup (0.5 RCU): a handle changed a second ago may still name its last holder. */
export function createHandleLookup(client: DynamoDBDocumentClient, tableName: string): HandleLookup {
  return {
    async subOf(handle, nowIso) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: handleItemKey(handle),
          ProjectionExpression: '#sub, heldUntil',
          ExpressionAttributeNames: { '#sub': 'sub' },
        }),
      );
      if (typeof Item?.sub !== 'string' || Item.sub === '') return null;
      return typeof Item.heldUntil === 'string' && Item.heldUntil < nowIso ? null : Item.sub;
    },
  };
}
