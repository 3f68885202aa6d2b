import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTables } from '../dynamodb/create-tables.ts';
import type { DynamoEngine } from '../dynamodb/dynamo-server.ts';
import { startTestTable, TABLE, type TestTable } from '../dynamodb/test-support/test-table.ts';
import { tables } from '../dynamodb/test-support/test-tables.ts';
import { createDynamoDbDataSource } from './dynamodb-data-source.ts';

const OTHER = 'parley-other';
const WRITE = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];
const S = (value: string) => ({ S: value });
const key = (pk: string) => ({ pk: S(pk), sk: S('A') });

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('batches and transactions of a DynamoDB data source on %s', (engine) => {
  let table: TestTable;

  beforeAll(async () => {
    table = await startTestTable(engine);
    const admin = new DynamoDBClient({ region: 'us-east-1', endpoint: table.server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTables(admin, tables, () => OTHER);
    admin.destroy();
  }, 60_000);

  afterAll(async () => {
    await table?.close();
  });

  function dataSource(actions: string[] = WRITE, otherActions: string[] = WRITE) {
    return createDynamoDbDataSource({ name: 'items', wire: table.server.wire, tableName: TABLE, actions, otherGrants: [{ tableName: OTHER, actions: otherActions }] });
  }

  it('puts a batch across two tables and answers the items written, keyed by table', async () => {
    const outcome = await dataSource()({
      operation: 'BatchPutItem',
      tables: { [TABLE]: [{ ...key('B1'), n: { N: '1' } }, { ...key('B2'), n: { N: '2' } }], [OTHER]: [{ ...key('O1'), title: S('o') }] },
    });

    expect(outcome).toEqual({
      result: {
        data: { [TABLE]: [{ pk: 'B1', sk: 'A', n: 1 }, { pk: 'B2', sk: 'A', n: 2 }], [OTHER]: [{ pk: 'O1', sk: 'A', title: 'o' }] },
        unprocessedItems: { [TABLE]: [], [OTHER]: [] },
      },
      error: null,
    });
  });

  it('gets a batch in the order of the keys asked for, null for a missing item, projected as asked', async () => {
    const outcome = await dataSource()({
      operation: 'BatchGetItem',
      tables: {
        [TABLE]: { keys: [key('B2'), key('NONE'), key('B1')], consistentRead: true },
        [OTHER]: { keys: [key('O1')], projection: { expression: '#t', expressionNames: { '#t': 'title' } } },
      },
    });

    expect(outcome).toEqual({
      result: {
        data: { [TABLE]: [{ pk: 'B2', sk: 'A', n: 2 }, null, { pk: 'B1', sk: 'A', n: 1 }], [OTHER]: [{ title: 'o' }] },
        unprocessedKeys: { [TABLE]: [], [OTHER]: [] },
      },
      error: null,
    });
  });

  it('deletes a batch and answers the keys', async () => {
    const outcome = await dataSource()({ operation: 'BatchDeleteItem', tables: { [TABLE]: [key('B2')] } });

    expect(outcome).toEqual({ result: { data: { [TABLE]: [{ pk: 'B2', sk: 'A' }] }, unprocessedKeys: { [TABLE]: [] } }, error: null });
    expect((await dataSource()({ operation: 'GetItem', key: key('B2') })).result).toBeNull();
  });

  it('refuses a batch naming a table the role has no grant on, as IAM would', async () => {
    const outcome = await dataSource(WRITE, [])({ operation: 'BatchGetItem', tables: { [TABLE]: { keys: [key('B1')] }, [OTHER]: { keys: [key('O1')] } } });

    expect(outcome).toEqual({ result: null, error: { type: 'DynamoDB:AccessDeniedException', message: expect.stringContaining(`dynamodb:BatchGetItem on resource: table/${OTHER}`) } });
  });

  it('writes a transaction across tables and answers its keys', async () => {
    const outcome = await dataSource()({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE, operation: 'PutItem', key: key('T1'), attributeValues: { n: { N: '1' } }, condition: { expression: 'attribute_not_exists(pk)' } },
        { table: OTHER, operation: 'UpdateItem', key: key('O1'), update: { expression: 'SET #t = :t', expressionNames: { '#t': 'title' }, expressionValues: { ':t': S('p') } } },
        { table: TABLE, operation: 'ConditionCheck', key: key('B1'), condition: { expression: 'attribute_exists(pk)' } },
        { table: TABLE, operation: 'DeleteItem', key: key('NONE') },
      ],
    });

    expect(outcome).toEqual({ result: { keys: [{ pk: 'T1', sk: 'A' }, { pk: 'O1', sk: 'A' }, { pk: 'B1', sk: 'A' }, { pk: 'NONE', sk: 'A' }], cancellationReasons: null }, error: null });
  });

  it('cancels a transaction whose condition fails: nothing written, a reason per item, the item when asked for', async () => {
    const outcome = await dataSource()({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE, operation: 'PutItem', key: key('T2'), attributeValues: {} },
        { table: TABLE, operation: 'PutItem', key: key('T1'), attributeValues: {}, condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: true } },
      ],
    });

    expect(outcome).toEqual({
      result: {
        keys: null,
        cancellationReasons: [
          { type: 'None', message: null },
          { type: 'ConditionalCheckFailed', message: expect.any(String), item: { pk: 'T1', sk: 'A', n: 1 } },
        ],
      },
      error: { type: 'DynamoDB:TransactionCanceledException', message: expect.any(String) },
    });
    expect((await dataSource()({ operation: 'GetItem', key: key('T2') })).result).toBeNull();
  });

  it('reads a transaction across tables, null for a missing item', async () => {
    const outcome = await dataSource()({
      operation: 'TransactGetItems',
      transactItems: [{ table: OTHER, key: key('O1') }, { table: TABLE, key: key('NONE') }, { table: TABLE, key: key('T1'), projection: { expression: '#n', expressionNames: { '#n': 'n' } } }],
    });

    expect(outcome).toEqual({ result: { items: [{ pk: 'O1', sk: 'A', title: 'p' }, null, { n: 1 }], cancellationReasons: null }, error: null });
  });

  it('refuses a transaction item whose IAM action the role lacks', async () => {
    const outcome = await dataSource(WRITE.filter((a) => a !== 'dynamodb:ConditionCheckItem'))({
      operation: 'TransactWriteItems',
      transactItems: [{ table: TABLE, operation: 'ConditionCheck', key: key('B1'), condition: { expression: 'attribute_exists(pk)' } }],
    });

    expect(outcome).toEqual({ result: null, error: { type: 'DynamoDB:AccessDeniedException', message: expect.stringContaining('dynamodb:ConditionCheckItem') } });
  });
});
