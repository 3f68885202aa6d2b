import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from './test-support/test-tables.ts';
import { ensureTables } from './create-tables.ts';
import { type DynamoEngine, type DynamoServer, startDynamoServer } from './dynamo-server.ts';

const TABLE = 'parley';
type Items = NonNullable<TransactWriteCommandInput['TransactItems']>;

async function open(server: DynamoServer): Promise<DynamoDBDocumentClient> {
  const client = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTables(client, tables, (name) => name);
  return DynamoDBDocumentClient.from(client);
}

/** The same behaviour from dynalite's emulation as from DynamoDB Local's own transactions. */
describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('TransactWriteItems on %s', (engine) => {
  let server: DynamoServer;
  let db: DynamoDBDocumentClient;
  let n = 0;
  const key = () => ({ pk: `T#${engine}#${(n += 1)}`, sk: 'X' });
  const get = async (k: { pk: string; sk: string }) => (await db.send(new GetCommand({ TableName: TABLE, Key: k, ConsistentRead: true }))).Item;
  const transact = (items: Items) => db.send(new TransactWriteCommand({ TransactItems: items }));
  const refusal = (items: Items) => transact(items).then(() => undefined, (error: unknown) => error);

  beforeAll(async () => {
    server = await startDynamoServer({ engine });
    db = await open(server);
  }, 120_000);

  afterAll(async () => {
    db?.destroy();
    await server?.close();
  });

  it('applies a put, an update and a delete together when every condition holds', async () => {
    const [a, b, c, d] = [key(), key(), key(), key()];
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...b, owner: 'me', n: 1 } }));
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...c, owner: 'me' } }));
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...d, owner: 'me' } }));

    await transact([
      { Put: { TableName: TABLE, Item: { ...a, owner: 'me' }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: TABLE,
          Key: b,
          UpdateExpression: 'SET #n = #n + :one',
          ConditionExpression: '#owner = :me',
          ExpressionAttributeNames: { '#n': 'n', '#owner': 'owner' },
          ExpressionAttributeValues: { ':one': 1, ':me': 'me' },
        },
      },
      { Delete: { TableName: TABLE, Key: c } },
      { ConditionCheck: { TableName: TABLE, Key: d, ConditionExpression: '#owner = :me', ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':me': 'me' } } },
    ]);

    expect([await get(a), await get(b), await get(c), await get(d)]).toEqual([
      { ...a, owner: 'me' },
      { ...b, owner: 'me', n: 2 },
      undefined,
      { ...d, owner: 'me' },
    ]);
  });

  it('writes nothing when one condition fails, and says which one in request order', async () => {
    const [a, b, c] = [key(), key(), key()];
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...b, owner: 'someone else' } }));

    const error = await refusal([
      { Put: { TableName: TABLE, Item: { ...a, owner: 'me' }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: TABLE, Item: { ...b, owner: 'me' }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      { Put: { TableName: TABLE, Item: { ...c, owner: 'me' } } },
    ]);

    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'ConditionalCheckFailed', 'None']);
    expect((error as TransactionCanceledException).CancellationReasons?.[1]?.Item).toMatchObject({ owner: { S: 'someone else' } });
    expect([await get(a), await get(b), await get(c)]).toEqual([undefined, { ...b, owner: 'someone else' }, undefined]);
  });

  it('refuses two operations on one item', async () => {
    const a = key();

    const error = await refusal([
      { Put: { TableName: TABLE, Item: { ...a, v: 1 } } },
      { Delete: { TableName: TABLE, Key: a } },
    ]);

    expect(error).toMatchObject({ name: 'ValidationException' });
    expect(await get(a)).toBeUndefined();
  });

  it('lets exactly one of many concurrent transactions claim the same item', async () => {
    const claimed = key();
    const attempts = Array.from({ length: 12 }, (_, i) =>
      transact([
        { Put: { TableName: TABLE, Item: { ...claimed, owner: `writer-${i}` }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: TABLE, Item: { pk: `${claimed.pk}#side`, sk: String(i), owner: `writer-${i}` } } },
      ]).then(() => i, () => undefined),
    );

    const winners = (await Promise.all(attempts)).filter((i) => i !== undefined);

    expect(winners).toHaveLength(1);
    expect(await get(claimed)).toEqual({ ...claimed, owner: `writer-${winners[0]}` });
    const sides = await Promise.all(Array.from({ length: 12 }, (_, i) => get({ pk: `${claimed.pk}#side`, sk: String(i) })));
    expect(sides.filter(Boolean)).toEqual([{ pk: `${claimed.pk}#side`, sk: String(winners[0]), owner: `writer-${winners[0]}` }]);
  });
});

describe('a dynalite transaction cut short by a crash', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-transact-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is undone at the next start, from the journal of before-images', async () => {
    const first = await startDynamoServer({ dataDir });
    const db = await open(first);
    const [kept, created] = [{ pk: 'CRASH#1', sk: 'X' }, { pk: 'CRASH#2', sk: 'X' }];
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...kept, v: 'before' } }));
    // What a crash between the writes leaves: the first written, the journal still there.
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...kept, v: 'half-written' } }));
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...created, v: 'half-written' } }));
    db.destroy();
    await first.close();
    const journal = [
      { table: TABLE, key: { pk: { S: kept.pk }, sk: { S: 'X' } }, item: { pk: { S: kept.pk }, sk: { S: 'X' }, v: { S: 'before' } } },
      { table: TABLE, key: { pk: { S: created.pk }, sk: { S: 'X' } } },
    ];
    await writeFile(join(dataDir, 'appsync-events-local-transaction'), JSON.stringify(journal));

    const second = await startDynamoServer({ dataDir });
    const reopened = await open(second);
    const items = await Promise.all([kept, created].map(async (k) => (await reopened.send(new GetCommand({ TableName: TABLE, Key: k, ConsistentRead: true }))).Item));
    reopened.destroy();
    await second.close();

    expect(items).toEqual([{ ...kept, v: 'before' }, undefined]);
  });
});
