import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { MENTION_LIST_MAX_LIMIT, type MentionList } from '../../core/mention-list.ts';
import { isMessageId } from '../../core/message-id.ts';
import { BadRequestError } from '../lib/errors.ts';
import { fromMentionItem, mentionListPk } from '../lib/mention-item.ts';

export interface MentionsQuery {
  afterId: string | undefined;
  limit: number;
}

/** The caller's stored mentions (`MENTION#<sub>`), in the order they were stored. */
export interface MentionReader {
  list(sub: string, query: MentionsQuery): Promise<MentionList>;
}

/** Validates `GET /me/mentions?after=&limit=`; every problem is a BadRequestError (400). */
export function parseMentionsQuery(params: Record<string, string | undefined> | undefined): MentionsQuery {
  const { after, limit: raw } = params ?? {};
  if (after !== undefined && !isMessageId(after)) throw new BadRequestError('after must be a message id');
  const limit = raw === undefined ? MENTION_LIST_MAX_LIMIT : /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= MENTION_LIST_MAX_LIMIT)) throw new BadRequestError(`limit must be an integer from 1 to ${MENTION_LIST_MAX_LIMIT}`);
  return { afterId: after, limit };
}

/**
 * One eventually consistent Query of the caller's partition, `sk > after`, `limit + 1` items (the
 * one beyond says whether more follow, without a second read): 0.5 RCU per 4 KB read, ~13 mentions.
 * Items past their TTL but not yet deleted by DynamoDB (it takes up to a few days) are filtered out.
 */
export function createMentionReader(client: DynamoDBDocumentClient, tableName: string, clock: () => number): MentionReader {
  return {
    async list(sub, { afterId, limit }) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: afterId === undefined ? 'pk = :pk' : 'pk = :pk AND sk > :after',
          FilterExpression: 'expiresAt > :now',
          ExpressionAttributeValues: { ':pk': mentionListPk(sub), ':now': Math.floor(clock() / 1000), ...(afterId === undefined ? {} : { ':after': afterId }) },
          Limit: limit + 1,
        }),
      );
      const kept = Items.slice(0, limit);
      const items = kept.map(fromMentionItem);
      // Limit counts items before the filter: a page short of expired items may still have more.
      const nextCursor = Items.length > limit ? (kept.at(-1)!.sk as string) : (LastEvaluatedKey?.sk as string | undefined);
      return nextCursor === undefined ? { items } : { items, nextCursor };
    },
  };
}
