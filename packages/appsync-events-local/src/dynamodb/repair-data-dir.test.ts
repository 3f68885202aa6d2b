import { DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from './test-support/test-tables.ts';
import { ensureTables } from './create-tables.ts';
import { startDynamoServer } from './dynamo-server.ts';
import { type LevelBatchOperation, openDynaliteLevel, repairDataDir } from './repair-data-dir.ts';

interface Row {
  key: string;
  value: { pk?: { S: string }; [attribute: string]: unknown };
}

const item = (name: string, extra: Record<string, string> = {}) => ({ pk: `ROOM#${name}`, sk: 'META', gsi1pk: 'ROOMS', gsi1sk: name, text: name, ...extra });
const a = item('a', { gsi2pk: 'OWNER#o', gsi2sk: 'a' });
const b = item('b');
const c = item('c');

describe('repairDataDir', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-repair-data-dir-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function withTable<T>(use: (documents: DynamoDBDocumentClient) => Promise<T>): Promise<T> {
    const server = await startDynamoServer({ dataDir, log: () => undefined });
    const client = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      await ensureTables(client, tables, (name) => name);
      await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.05 }, { TableName: 'parley' });
      return await use(DynamoDBDocumentClient.from(client));
    } finally {
      client.destroy();
      await server.close();
    }
  }

  /** Writes to the raw LevelDB rows (tables, items, index entries), as a crash would have left them. */
  async function damage(operations: (row: (prefix: string, pk?: string) => Row) => LevelBatchOperation[]): Promise<void> {
    const db = openDynaliteLevel(dataDir);
    await db.open();
    const rows: Row[] = [];
    for await (const [key, value] of db.iterator({ gte: 'a', lt: 'z' })) rows.push({ key, value: value as Row['value'] });
    await db.batch(operations((prefix, pk) => rows.find((r) => r.key.startsWith(prefix) && (pk === undefined || r.value.pk?.S === pk))!));
    await db.close();
  }

  it('removes orphan entries, rewrites stale ones and adds missing ones, from the items', async () => {
    await withTable(async (documents) => {
      for (const Item of [a, b, c]) await documents.send(new PutCommand({ TableName: 'parley', Item }));
    });
    await damage((row) => [
      { type: 'del', key: row('item-parley~', a.pk).key },
      { type: 'put', key: row('index-global~parley~gsi1~', b.pk).key, value: { ...row('index-global~parley~gsi1~', b.pk).value, text: { S: 'stale' } } },
      { type: 'del', key: row('index-global~parley~gsi1~', c.pk).key },
    ]);

    const repair = await repairDataDir(dataDir);

    expect(repair.indexes).toEqual([
      { table: 'parley', index: 'gsi1', removed: 1, rewritten: 1, added: 1 },
      { table: 'parley', index: 'gsi2', removed: 1, rewritten: 0, added: 0 },
    ]);
    const indexed = await withTable(async (documents) => {
      const query = (IndexName: string, pk: string, value: string) =>
        documents.send(new QueryCommand({ TableName: 'parley', IndexName, KeyConditionExpression: '#p = :p', ExpressionAttributeNames: { '#p': pk }, ExpressionAttributeValues: { ':p': value } }));
      return [(await query('gsi1', 'gsi1pk', 'ROOMS')).Items, (await query('gsi2', 'gsi2pk', 'OWNER#o')).Items];
    });
    expect(indexed).toEqual([[b, c], []]);
    expect(await repairDataDir(dataDir)).toEqual({ activatedTables: [], indexes: [] });
  });

  it('finishes a table creation that a crash interrupted', async () => {
    await withTable(async () => undefined);
    await damage((row) => [{ type: 'put', key: row('table~parley').key, value: { ...row('table~parley').value, TableStatus: 'CREATING' } }]);

    const repair = await repairDataDir(dataDir);

    expect(repair).toEqual({ activatedTables: ['parley'], indexes: [] });
    await withTable((documents) => documents.send(new PutCommand({ TableName: 'parley', Item: a })));
  });
});
