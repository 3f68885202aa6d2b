import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { applyReaction, entriesOf, reactionKey, reactionsPk, type ReactionEntry, type ReactionOutcome } from './reaction-item.ts';
import { ConsistencyError } from './errors.ts';

export interface ReactionStore {
  /**
   * Applies one reaction change: a consistent GetItem of the message's reactions item (≤ 1 RCU),
   * then, if anything changed, one Put conditional on the version read (1 WRU while the item stays
   * under 1 KB). Two writers at once: the loser reads again and re-applies (at most 3 times).
   */
  apply(roomId: string, messageId: string, sub: string, emoji: string, add: boolean): Promise<ReactionOutcome>;
  /** The reactions of the messages of a page, `fromId` to `toId` inclusive, by message id: one Query. */
  range(roomId: string, fromId: string, toId: string): Promise<Map<string, ReactionEntry[]>>;
  /** One message's reactions (eventually consistent, 0.5 RCU). */
  get(roomId: string, messageId: string): Promise<ReactionEntry[]>;
}

const ATTEMPTS = 3;

export function createReactionStore(client: DynamoDBDocumentClient, tableName: string): ReactionStore {
  async function attempt(roomId: string, messageId: string, sub: string, emoji: string, add: boolean): Promise<ReactionOutcome | null> {
    const key = reactionKey(roomId, messageId);
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    const outcome = applyReaction(entriesOf(Item), sub, emoji, add);
    if (!outcome.ok || !outcome.changed) return outcome;
    const version = typeof Item?.v === 'number' ? Item.v : 0;
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, r: outcome.entries, v: version + 1 },
          ConditionExpression: Item ? 'v = :v' : 'attribute_not_exists(pk)',
          ExpressionAttributeValues: Item ? { ':v': version } : undefined,
        }),
      );
      return outcome;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  return {
    async apply(roomId, messageId, sub, emoji, add) {
      for (let i = 0; i < ATTEMPTS; i += 1) {
        const outcome = await attempt(roomId, messageId, sub, emoji, add);
        if (outcome) return outcome;
      }
      throw new ConsistencyError(`Reactions of message ${messageId} kept changing; please retry`);
    },
    async range(roomId, fromId, toId) {
      const found = new Map<string, ReactionEntry[]>();
      let startKey: Record<string, unknown> | undefined;
      do {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': reactionsPk(roomId), ':from': fromId, ':to': toId },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of result.Items ?? []) found.set(item.sk as string, entriesOf(item));
        startKey = result.LastEvaluatedKey;
      } while (startKey);
      return found;
    },
    async get(roomId, messageId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: reactionKey(roomId, messageId) }));
      return entriesOf(Item);
    },
  };
}
