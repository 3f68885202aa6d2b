import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** `off`, or at most `count` actions (messages, new rooms) per `seconds` from one user. */
export type RateLimit = 'off' | { count: number; seconds: number };

/**
 * What a limit counts. Each has its own counter items, so two limits with the same window length
 * never share a count: `WINDOW` (messages, `RATE_LIMIT`), `ROOMS` (new rooms, `ROOM_LIMIT`).
 */
export type RateCounter = 'WINDOW' | 'ROOMS';

export interface Admission {
  /** How many of the requested messages may go ahead (the first ones of the batch). */
  allowed: number;
  /** As DynamoDB reports it; 0 when the limit is off. */
  consumedWriteUnits: number;
}

export interface RateLimiter {
  /** Counts `requested` actions against the author's current window and says how many fit. */
  admit(authorSub: string, requested: number, nowMs: number): Promise<Admission>;
  readonly limit: RateLimit;
}

/** `off` or `<count>/<seconds>` (the `RATE_LIMIT` and `ROOM_LIMIT` variables, `--rate-limit` locally). */
export function parseRateLimit(text: string): RateLimit {
  if (text === 'off') return 'off';
  const [count, seconds] = text.split('/').map(Number);
  return { count: count!, seconds: seconds! };
}

export function formatRateLimit(limit: RateLimit): string {
  return limit === 'off' ? 'off' : `${limit.count}/${limit.seconds}`;
}

/** The counter item of one author's window. */
export function rateWindowKey(authorSub: string, seconds: number, window: number, counter: RateCounter = 'WINDOW'): { pk: string; sk: string } {
  return { pk: `RATE#${authorSub}`, sk: `${counter}#${seconds}#${window}` };
}

/** Seconds from `nowMs` until the window ends, rounded up: an HTTP `Retry-After` value (at least 1). */
export function secondsUntilWindowEnd(limit: { seconds: number }, nowMs: number): number {
  return Math.max(1, Math.ceil((windowEndMs(limit, nowMs) - nowMs) / 1000));
}

/**
 * When the fixed window that `nowMs` falls in ends (epoch ms): the counter starts again from zero
 * then, so that is when a rate-limited author can send again.
 */
export function windowEndMs(limit: { seconds: number }, nowMs: number): number {
  const windowMs = limit.seconds * 1000;
  return (Math.floor(nowMs / windowMs) + 1) * windowMs;
}

/**
 * A fixed-window counter per author in the table: item `RATE#<sub>` / `<counter>#<seconds>#<index>`,
 * one UpdateItem per batch (`ADD n :requested`, `ReturnValues: UPDATED_NEW`), so the count is
 * atomic across concurrent Lambda instances. The item carries no GSI attributes, so it costs 1 WCU
 * per batch; `expiresAt` lets TTL delete it after its window (TTL deletes are free).
 *
 * Attempts count, not stored messages: over-limit events raise the counter too, so a client that
 * keeps hammering stays limited until the window ends. A fixed window admits up to 2 × count
 * across a window boundary; a sliding window would need a second read per batch.
 */
export function createRateLimiter(client: DynamoDBDocumentClient, tableName: string, limit: RateLimit, counter: RateCounter = 'WINDOW'): RateLimiter {
  return {
    limit,
    async admit(authorSub, requested, nowMs) {
      if (limit === 'off' || requested === 0) return { allowed: requested, consumedWriteUnits: 0 };
      const window = Math.floor(nowMs / (limit.seconds * 1000));
      const { Attributes, ConsumedCapacity } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: rateWindowKey(authorSub, limit.seconds, window, counter),
          UpdateExpression: 'ADD #n :requested SET expiresAt = :expiresAt',
          ExpressionAttributeNames: { '#n': 'n' },
          ExpressionAttributeValues: {
            ':requested': requested,
            ':expiresAt': Math.ceil(windowEndMs(limit, nowMs) / 1000) + 60,
          },
          ReturnValues: 'UPDATED_NEW',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      const before = Number(Attributes?.n ?? requested) - requested;
      return {
        allowed: Math.max(0, Math.min(requested, limit.count - before)),
        consumedWriteUnits: ConsumedCapacity?.CapacityUnits ?? 0,
      };
    },
  };
}
