import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TYPING_SIGNAL_INTERVAL_MS } from '../../core/limits.ts';

export interface SignalWindow {
  /** Records a signal of `authorSub` at `nowMs` if its last one is old enough; says whether it did. */
  claim(authorSub: string, nowMs: number): Promise<boolean>;
}

export function signalKey(authorSub: string): { pk: string; sk: string } {
  return { pk: `SIGNAL#${authorSub}`, sk: 'LAST' };
}

/**
 * One item per author, `SIGNAL#<sub>` / `LAST`, holding the time of their last allowed signal.
 * One conditional UpdateItem per call (1 WCU whether the condition holds or not: the item carries
 * no index attributes), atomic across concurrent Lambda instances. `expiresAt` lets TTL delete it
 * once it no longer matters (TTL deletes are free).
 */
export function createSignalWindow(client: DynamoDBDocumentClient, tableName: string): SignalWindow {
  return {
    async claim(authorSub, nowMs) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: signalKey(authorSub),
            UpdateExpression: 'SET #at = :now, expiresAt = :ttl',
            ConditionExpression: 'attribute_not_exists(#at) OR #at <= :cutoff',
            ExpressionAttributeNames: { '#at': 'at' },
            ExpressionAttributeValues: {
              ':now': nowMs,
              ':cutoff': nowMs - TYPING_SIGNAL_INTERVAL_MS,
              ':ttl': Math.ceil((nowMs + TYPING_SIGNAL_INTERVAL_MS) / 1000) + 60,
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
