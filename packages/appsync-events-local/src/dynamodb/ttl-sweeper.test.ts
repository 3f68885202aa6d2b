import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestTable, TABLE, type TestTable } from './test-support/test-table.ts';
import { tables } from './test-support/test-tables.ts';
import { startTtlSweeper, type TtlSweeper } from './ttl-sweeper.ts';

const NOW_MS = 1_800_000_000_000;
const NOW = NOW_MS / 1000;
const DAY = 86_400;

let table: TestTable;
let client: DynamoDBClient;
const sweepers: TtlSweeper[] = [];

beforeAll(async () => {
  table = await startTestTable();
  client = new DynamoDBClient({ region: 'us-east-1', endpoint: table.server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterEach(async () => {
  vi.useRealTimers();
  for (const sweeper of sweepers.splice(0)) await sweeper.close();
});

afterAll(async () => {
  client?.destroy();
  await table?.close();
});

function sweeper(options: { periodMs?: number; client?: DynamoDBClient } = {}): TtlSweeper {
  const started = startTtlSweeper({ client: options.client ?? client, tables, periodMs: options.periodMs ?? 0, now: () => NOW_MS });
  sweepers.push(started);
  return started;
}

const key = (sk: string) => ({ pk: 'TTL', sk });
const put = (sk: string, attributes: Record<string, unknown>) => table.db.send(new PutCommand({ TableName: TABLE, Item: { ...key(sk), ...attributes } }));
const exists = async (sk: string) => (await table.db.send(new GetCommand({ TableName: TABLE, Key: key(sk), ConsistentRead: true }))).Item !== undefined;

describe('startTtlSweeper', () => {
  it('deletes items whose TTL has passed and keeps the unexpired, those without TTL and those whose TTL is not a Number', async () => {
    await put('expired', { expiresAt: NOW - 1 });
    await put('unexpired', { expiresAt: NOW + DAY });
    await put('no-ttl', { text: 'stays' });
    await put('string-ttl', { expiresAt: String(NOW - DAY) });
    await put('long-ago', { expiresAt: NOW - 6 * 365 * DAY });

    const deleted = await sweeper().sweep();

    expect(deleted).toBe(1);
    expect({
      expired: await exists('expired'),
      unexpired: await exists('unexpired'),
      noTtl: await exists('no-ttl'),
      stringTtl: await exists('string-ttl'),
      longAgo: await exists('long-ago'),
    }).toEqual({ expired: false, unexpired: true, noTtl: true, stringTtl: true, longAgo: true });
  });

  it('keeps an item whose TTL is extended between the scan and the delete', async () => {
    await put('extended', { expiresAt: NOW - 1 });
    // Another writer extends the TTL just before the sweeper's DeleteItem reaches the table.
    const racing = new DynamoDBClient({ region: 'us-east-1', endpoint: table.server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    let raced = false;
    racing.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'DeleteItemCommand' && !raced) {
        raced = true;
        await table.db.send(new UpdateCommand({ TableName: TABLE, Key: key('extended'), UpdateExpression: 'SET expiresAt = :later', ExpressionAttributeValues: { ':later': NOW + DAY } }));
      }
      return next(args);
    }, { step: 'initialize' });

    const deleted = await sweeper({ client: racing }).sweep();
    racing.destroy();

    expect(raced).toBe(true);
    expect(deleted).toBe(0);
    expect(await exists('extended')).toBe(true);
  });

  it('sweeps on its timer, and close waits for the sweep under way', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await put('timed', { expiresAt: NOW - 1 });
    const timed = sweeper({ periodMs: 60_000 });

    await vi.advanceTimersByTimeAsync(60_000);
    await timed.close();

    expect(await exists('timed')).toBe(false);
  });

  it('sweeps no table without a TTL attribute', async () => {
    await put('other-table', { expiresAt: NOW - 1 });
    const noTtl = startTtlSweeper({ client, tables: tables.map((definition) => ({ ...definition, timeToLiveAttribute: undefined })), periodMs: 0, now: () => NOW_MS });
    sweepers.push(noTtl);

    expect(await noTtl.sweep()).toBe(0);
    expect(await exists('other-table')).toBe(true);
  });
});
