import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoEngine } from '../dynamodb/dynamo-server.ts';
import { type LambdaTable, startLambdaTable, TABLE } from '../../tests/support/lambda-table.ts';
import { DataSourceRequestError } from './data-source-request-error.ts';
import { createDynamoDbDataSource } from './dynamodb-data-source.ts';

const key = { pk: { S: 'ITEM#1' }, sk: { S: 'A' } };

// dynalite is called in process, DynamoDB Local over HTTP: the same answers either way.
describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('a DynamoDB data source on %s', (engine) => {
  let table: LambdaTable;

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    await table.db.send(new PutCommand({ TableName: TABLE, Item: { pk: 'ITEM#1', sk: 'A', count: 3, tags: new Set(['x']), nested: { ok: true } } }));
  }, 60_000);

  afterAll(async () => {
    await table?.close();
  });

  function dataSource(actions: 'dynamodb:GetItem'[] = ['dynamodb:GetItem'], tableName = TABLE) {
    return createDynamoDbDataSource({ name: 'items', wire: table.server.wire, tableName, actions });
  }

  it('answers GetItem with the item as plain JSON', async () => {
    const outcome = await dataSource()({ operation: 'GetItem', key });

    expect(outcome).toEqual({ result: { pk: 'ITEM#1', sk: 'A', count: 3, tags: ['x'], nested: { ok: true } }, error: null });
  });

  it('applies the projection and the consistent read', async () => {
    const outcome = await dataSource()({
      operation: 'GetItem',
      key,
      consistentRead: true,
      projection: { expression: '#projection0, #projection1', expressionNames: { '#projection0': 'pk', '#projection1': 'count' } },
    });

    expect(outcome).toEqual({ result: { pk: 'ITEM#1', count: 3 }, error: null });
  });

  it('answers null for an item that is not there', async () => {
    const outcome = await dataSource()({ operation: 'GetItem', key: { pk: { S: 'ITEM#2' }, sk: { S: 'A' } } });

    expect(outcome).toEqual({ result: null, error: null });
  });

  it('reports a DynamoDB failure as ctx.error with its exception name', async () => {
    const outcome = await dataSource(['dynamodb:GetItem'], 'no-such-table')({ operation: 'GetItem', key });

    expect(outcome).toEqual({ result: null, error: { type: 'DynamoDB:ResourceNotFoundException', message: expect.any(String) } });
  });

  it('refuses, as IAM would, an operation its role was not granted', async () => {
    const outcome = await dataSource([])({ operation: 'GetItem', key });

    expect(outcome).toEqual({ result: null, error: { type: 'DynamoDB:AccessDeniedException', message: expect.stringContaining('dynamodb:GetItem') } });
  });

  it('rejects an operation the local cloud does not run yet, naming it', async () => {
    const outcome = dataSource()({ operation: 'Query', query: {} });

    await expect(outcome).rejects.toThrow(DataSourceRequestError);
    await expect(outcome).rejects.toThrow('"Query" is not supported by the local cloud yet (it runs GetItem)');
  });

  it('rejects a key that is not typed attribute values', async () => {
    await expect(dataSource()({ operation: 'GetItem', key: { pk: 'ITEM#1' } })).rejects.toThrow('util.dynamodb.toMapValues');
    await expect(dataSource()({ operation: 'GetItem' })).rejects.toThrow(DataSourceRequestError);
  });

  it('rejects a malformed projection', async () => {
    await expect(dataSource()({ operation: 'GetItem', key, projection: ['pk'] })).rejects.toThrow('projection must be');
  });
});
