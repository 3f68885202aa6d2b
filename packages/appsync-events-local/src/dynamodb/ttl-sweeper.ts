/**
 * Time to live for the local tables: neither dynalite nor DynamoDB Local deletes expired items, so
 * the sweeper does what DynamoDB's background process does, on a timer (`periodMs`) or when asked
 * (`sweep()`, for tests). It deletes each item whose TTL attribute (a Number, epoch seconds) is in
 * the past. Like DynamoDB it reads with a Scan and deletes with a condition that the item is
 * still expired, so an update that extends the TTL between the two wins. Like DynamoDB, it leaves
 * alone an item whose attribute is not a Number, and one that expired more than five years ago.
 * Until a sweep runs, reads return expired items, as DynamoDB's do until it gets to them.
 */
import { type AttributeValue, ConditionalCheckFailedException, DeleteItemCommand, type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../template/backend-model.ts';

export interface TtlSweeperOptions {
  client: DynamoDBClient;
  /** The tables; only those with a `timeToLiveAttribute` are swept. */
  tables: readonly TableDefinition[];
  /** Between the end of a sweep and the next. 0: no timer, only `sweep()`. */
  periodMs: number;
  /** Epoch milliseconds; default `Date.now`. */
  now?: () => number;
  /** A failed timed sweep (a `sweep()` call rejects instead). Default: one line on stderr. */
  onError?: (error: unknown) => void;
}

export interface TtlSweeper {
  /** Deletes the items expired now, in every swept table; resolves how many it deleted. */
  sweep(): Promise<number>;
  /** Stops the timer and waits for a sweep under way. */
  close(): Promise<void>;
}

export const DEFAULT_TTL_SWEEP_MS = 60_000;

const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 60 * 60;

export function startTtlSweeper(options: TtlSweeperOptions): TtlSweeper {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => process.stderr.write(`appsync-events-local: TTL sweep failed: ${error instanceof Error ? error.message : String(error)}\n`));
  const swept = options.tables.filter((table) => table.timeToLiveAttribute !== undefined);
  let running: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  // One sweep at a time: a call during a sweep runs after it, with the time it starts at.
  const sweep = (): Promise<number> => {
    const next = running.catch(() => 0).then(async () => {
      let deleted = 0;
      for (const table of swept) deleted += await sweepTable(options.client, table, Math.floor(now() / 1000));
      return deleted;
    });
    running = next;
    return next;
  };

  const schedule = () => {
    if (closed || options.periodMs <= 0 || swept.length === 0) return;
    timer = setTimeout(() => {
      sweep().catch(onError).finally(schedule);
    }, options.periodMs);
    timer.unref();
  };
  schedule();

  return {
    sweep,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running.catch(() => 0);
    },
  };
}

async function sweepTable(client: DynamoDBClient, table: TableDefinition, nowSeconds: number): Promise<number> {
  const names = { '#ttl': table.timeToLiveAttribute!, '#pk': table.partitionKey.name, '#sk': table.sortKey.name };
  const expired = (cutoff: number): { ':now': AttributeValue; ':floor': AttributeValue } => ({ ':now': { N: String(cutoff) }, ':floor': { N: String(cutoff - FIVE_YEARS_SECONDS) } });
  // Comparing with a Number matches only Number attributes, as DynamoDB's TTL reads only those.
  const condition = '#ttl < :now AND #ttl >= :floor';
  let deleted = 0;
  const pages = paginateScan({ client }, {
    TableName: table.name,
    ProjectionExpression: '#pk, #sk',
    FilterExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: expired(nowSeconds),
    ConsistentRead: true,
  });
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      try {
        await client.send(new DeleteItemCommand({
          TableName: table.name,
          Key: { [table.partitionKey.name]: item[table.partitionKey.name]!, [table.sortKey.name]: item[table.sortKey.name]! },
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#ttl': table.timeToLiveAttribute! },
          ExpressionAttributeValues: expired(nowSeconds),
        }));
        deleted += 1;
      } catch (error) {
        // Updated since the scan (its TTL extended or removed), or deleted by someone else: kept, or gone already.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  return deleted;
}
