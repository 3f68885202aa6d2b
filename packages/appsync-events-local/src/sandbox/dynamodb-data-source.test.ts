import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoEngine } from '../dynamodb/dynamo-server.ts';
import { startTestTable, TABLE, type TestTable } from '../dynamodb/test-support/test-table.ts';
import { DataSourceRequestError } from './data-source-request-error.ts';
import { createDynamoDbDataSource } from './dynamodb-data-source.ts';

const ALL = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:Scan'];
const key = { pk: { S: 'ITEM#1' }, sk: { S: 'A' } };
const S = (value: string) => ({ S: value });

// dynalite is called in process, DynamoDB Local over HTTP: the same answers either way.
describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('a DynamoDB data source on %s', (engine) => {
  let table: TestTable;

  beforeAll(async () => {
    table = await startTestTable(engine);
    await table.db.send(new PutCommand({ TableName: TABLE, Item: { pk: 'ITEM#1', sk: 'A', count: 3, tags: new Set(['x']), nested: { ok: true } } }));
    for (const sk of ['M1', 'M2', 'M3', 'M4']) {
      await table.db.send(new PutCommand({ TableName: TABLE, Item: { pk: 'LIST', sk, n: Number(sk.slice(1)), gsi1pk: 'G', gsi1sk: sk } }));
    }
  }, 60_000);

  afterAll(async () => {
    await table?.close();
  });

  function dataSource(actions: string[] = ALL, tableName = TABLE, indexes = false) {
    return createDynamoDbDataSource({ name: 'items', wire: table.server.wire, tableName, actions, otherGrants: indexes ? [{ tableName, actions, indexes }] : [] });
  }

  describe('GetItem', () => {
    it('answers with the item as plain JSON', async () => {
      expect(await dataSource()({ operation: 'GetItem', key })).toEqual({ result: { pk: 'ITEM#1', sk: 'A', count: 3, tags: ['x'], nested: { ok: true } }, error: null });
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
      expect(await dataSource()({ operation: 'GetItem', key: { pk: S('ITEM#2'), sk: S('A') } })).toEqual({ result: null, error: null });
    });

    it('reports a DynamoDB failure as ctx.error with its exception name', async () => {
      const outcome = await dataSource(ALL, 'no-such-table')({ operation: 'GetItem', key });

      expect(outcome).toEqual({ result: null, error: { type: 'DynamoDB:ResourceNotFoundException', message: expect.any(String) } });
    });

    it('rejects a key that is not typed attribute values, and a malformed projection', async () => {
      await expect(dataSource()({ operation: 'GetItem', key: { pk: 'ITEM#1' } })).rejects.toThrow('util.dynamodb.toMapValues');
      await expect(dataSource()({ operation: 'GetItem' })).rejects.toThrow(DataSourceRequestError);
      await expect(dataSource()({ operation: 'GetItem', key, projection: ['pk'] })).rejects.toThrow('projection must be');
    });
  });

  describe('PutItem, UpdateItem, DeleteItem', () => {
    const put = { pk: S('PUT#1'), sk: S('A') };

    it('puts an item and answers the item written', async () => {
      const outcome = await dataSource()({ operation: 'PutItem', key: put, attributeValues: { title: S('T'), n: { N: '1' } } });

      expect(outcome).toEqual({ result: { pk: 'PUT#1', sk: 'A', title: 'T', n: 1 }, error: null });
      expect(await dataSource()({ operation: 'GetItem', key: put })).toEqual(outcome);
    });

    it('answers the current item with ConditionalCheckFailedException when a condition fails', async () => {
      const condition = { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } };

      const outcome = await dataSource()({ operation: 'PutItem', key: put, attributeValues: { title: S('Other') }, condition });

      expect(outcome).toEqual({
        result: { pk: 'PUT#1', sk: 'A', title: 'T', n: 1 },
        error: { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' },
      });
    });

    it('treats a failed condition as success when the item already is what the put writes (equalsIgnore aside)', async () => {
      const condition = { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, equalsIgnore: ['n'] };

      const outcome = await dataSource()({ operation: 'PutItem', key: put, attributeValues: { title: S('T'), n: { N: '9' } }, condition });

      expect(outcome).toEqual({ result: { pk: 'PUT#1', sk: 'A', title: 'T', n: 1 }, error: null });
    });

    it('updates an item and answers it as it is after the update', async () => {
      const outcome = await dataSource()({
        operation: 'UpdateItem',
        key: put,
        update: { expression: 'SET #title = :title ADD #n :one', expressionNames: { '#title': 'title', '#n': 'n' }, expressionValues: { ':title': S('U'), ':one': { N: '1' } } },
        condition: { expression: '#n = :n', expressionNames: { '#n': 'n' }, expressionValues: { ':n': { N: '1' } } },
      });

      expect(outcome).toEqual({ result: { pk: 'PUT#1', sk: 'A', title: 'U', n: 2 }, error: null });
    });

    it('deletes an item and answers the item removed; deleting it again under a condition succeeds (already gone)', async () => {
      const condition = { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } };

      expect(await dataSource()({ operation: 'DeleteItem', key: put })).toEqual({ result: { pk: 'PUT#1', sk: 'A', title: 'U', n: 2 }, error: null });
      expect(await dataSource()({ operation: 'DeleteItem', key: put, condition })).toEqual({ result: null, error: null });
    });

    it('refuses what a versioned data source or a Lambda handler would take', async () => {
      await expect(dataSource()({ operation: 'PutItem', key: put, attributeValues: {}, _version: 1 })).rejects.toThrow('versioned');
      const condition = { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' }, conditionalCheckFailedHandler: { strategy: 'Custom', lambdaArn: 'arn' } };
      await expect(dataSource()({ operation: 'DeleteItem', key: put, condition })).rejects.toThrow('Custom conditionalCheckFailedHandler');
    });
  });

  describe('Query and Scan', () => {
    const listKey = { expression: '#pk = :pk', expressionNames: { '#pk': 'pk' }, expressionValues: { ':pk': S('LIST') } };

    it('queries pages of { items, nextToken, scannedCount }, following nextToken to the end', async () => {
      const first = await dataSource()({ operation: 'Query', query: listKey, limit: 3, scanIndexForward: false });
      const token = (first.result as { nextToken: string }).nextToken;
      const second = await dataSource()({ operation: 'Query', query: listKey, limit: 3, scanIndexForward: false, nextToken: token });

      expect(first.result).toEqual({ items: ['M4', 'M3', 'M2'].map((sk) => expect.objectContaining({ sk })), nextToken: expect.any(String), scannedCount: 3 });
      expect(second.result).toEqual({ items: [expect.objectContaining({ sk: 'M1' })], nextToken: null, scannedCount: 1 });
    });

    it('filters after reading (scannedCount counts what was read) and projects', async () => {
      const outcome = await dataSource()({
        operation: 'Query',
        query: listKey,
        filter: { expression: '#n > :two', expressionNames: { '#n': 'n' }, expressionValues: { ':two': { N: '2' } } },
        projection: { expression: '#projection0', expressionNames: { '#projection0': 'sk' } },
        consistentRead: true,
      });

      expect(outcome).toEqual({ result: { items: [{ sk: 'M3' }, { sk: 'M4' }], nextToken: null, scannedCount: 4 }, error: null });
    });

    it('queries an index only with a grant on the indexes, as IAM requires', async () => {
      const query = { expression: '#k = :k', expressionNames: { '#k': 'gsi1pk' }, expressionValues: { ':k': S('G') } };

      const denied = await dataSource()({ operation: 'Query', index: 'gsi1', query });
      const allowed = await dataSource(ALL, TABLE, true)({ operation: 'Query', index: 'gsi1', query });

      expect(denied).toEqual({ result: null, error: { type: 'DynamoDB:AccessDeniedException', message: expect.stringContaining(`dynamodb:Query on resource: table/${TABLE}/index/gsi1`) } });
      expect((allowed.result as { items: unknown[] }).items).toHaveLength(4);
    });

    it('scans with a filter', async () => {
      const outcome = await dataSource()({ operation: 'Scan', filter: { expression: '#pk = :pk AND #n < :n', expressionNames: { '#pk': 'pk', '#n': 'n' }, expressionValues: { ':pk': S('LIST'), ':n': { N: '3' } } } });

      expect((outcome.result as { items: { sk: string }[] }).items.map((i) => i.sk).sort()).toEqual(['M1', 'M2']);
      expect(outcome.error).toBeNull();
    });

    it('answers a nextToken it did not issue with a validation error', async () => {
      expect(await dataSource()({ operation: 'Scan', nextToken: 'bm90IGEga2V5' })).toEqual({ result: null, error: { type: 'DynamoDB:ValidationException', message: expect.any(String) } });
    });
  });

  describe('the role', () => {
    it.each([
      ['GetItem', 'dynamodb:GetItem', { key }],
      ['PutItem', 'dynamodb:PutItem', { key, attributeValues: {} }],
      ['DeleteItem', 'dynamodb:DeleteItem', { key }],
      ['UpdateItem', 'dynamodb:UpdateItem', { key, update: { expression: 'REMOVE #x', expressionNames: { '#x': 'x' } } }],
      ['Query', 'dynamodb:Query', { query: { expression: '#pk = :pk', expressionNames: { '#pk': 'pk' }, expressionValues: { ':pk': S('LIST') } } }],
      ['Scan', 'dynamodb:Scan', {}],
    ])('refuses %s, as IAM would, without %s', async (operation, action, fields) => {
      const outcome = await dataSource(ALL.filter((a) => a !== action))({ operation, ...fields });

      expect(outcome).toEqual({ result: null, error: { type: 'DynamoDB:AccessDeniedException', message: expect.stringContaining(action) } });
    });
  });

  it('rejects Sync and operations DynamoDB data sources do not have, naming them', async () => {
    await expect(dataSource()({ operation: 'Sync' })).rejects.toThrow('Event API data sources do not run it');
    await expect(dataSource()({ operation: 'Invoke' })).rejects.toThrow('"Invoke" is not a DynamoDB data source operation');
  });
});
