import { type DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One conditional put of a profile transaction, and what its failed condition means. */
export interface ProfileWrite<Tag extends string> {
  item: Record<string, unknown>;
  condition?: string;
  /** Which refusal a failed condition of this put stands for. */
  tag: Tag;
}

/** How a transaction ended: written, or refused by the conditions of these puts (their tags). */
export type TransactionOutcome<Tag extends string> = { written: true } | { written: false; failed: Tag[]; conflict: boolean };

/**
 * Sends the puts as one TransactWriteItems (all or none). Every condition reads `#sub`, `:sub`
 * and `:now` (and the puts' own values), so they share one set of names and values. A refusal
 * comes back as the tags of the puts whose conditions failed, in request order; `conflict` says
 * another transaction was on the same items (try again).
 */
export async function writeProfileTransaction<Tag extends string>(
  client: DynamoDBDocumentClient,
  tableName: string,
  writes: ProfileWrite<Tag>[],
  values: Record<string, unknown>,
): Promise<TransactionOutcome<Tag>> {
  const transactItems: TransactItem[] = writes.map((write) => ({
    Put: {
      TableName: tableName,
      Item: write.item,
      ...(write.condition === undefined
        ? {}
        : {
            ConditionExpression: write.condition,
            ...namesAndValues(write.condition, values),
          }),
    },
  }));
  try {
    await client.send(new TransactWriteCommand({ TransactItems: transactItems }));
    return { written: true };
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
    const codes = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
    const failed = writes.filter((_, index) => codes[index] === 'ConditionalCheckFailed').map((write) => write.tag);
    return { written: false, failed, conflict: codes.includes('TransactionConflict') };
  }
}

/** Only the names and values a condition uses: DynamoDB refuses unused ones. */
function namesAndValues(condition: string, values: Record<string, unknown>) {
  const used = Object.entries(values).filter(([token]) => new RegExp(`${token}\\b`).test(condition));
  return {
    ...(condition.includes('#sub') ? { ExpressionAttributeNames: { '#sub': 'sub' } } : {}),
    ...(used.length === 0 ? {} : { ExpressionAttributeValues: Object.fromEntries(used) }),
  };
}
