import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespaceHandlers } from './create-namespace-handlers.ts';
import { loadHandlerModule } from './load-handler-module.ts';
import { createTempDir, publishContext, testNamespace } from './sandbox-fixtures.ts';
import type { TempDir } from './sandbox-fixtures.ts';

let dir: TempDir;

beforeAll(async () => {
  dir = await createTempDir();
});

afterAll(async () => {
  await dir.remove();
});

/** What `expression` evaluates to inside a handler that imports the helpers as `ddb` and `util`. */
async function built(expression: string): Promise<unknown> {
  const file = await dir.write(
    `ddb-${Math.random().toString(36).slice(2)}.mjs`,
    `import { util } from '@aws-appsync/utils';
     import * as ddb from '@aws-appsync/utils/dynamodb';
     export function onPublish(ctx) { return [{ id: ctx.events[0].id, payload: ${expression} }]; }`,
  );
  const handlers = createNamespaceHandlers(await loadHandlerModule(file), {
    namespace: testNamespace(),
    dataSources: { invoke: () => Promise.reject(new Error('unused')) },
  });
  const result = await handlers.onPublish(publishContext({ path: '/test/a', events: [{ id: 'e1', payload: null }] }));
  return result.ok ? result.events[0]?.payload : result.error;
}

describe('@aws-appsync/utils/dynamodb in the sandbox', () => {
  it('builds GetItem with its key, consistent read and projection', async () => {
    expect(await built(`ddb.get({ key: { id: 'a', n: 1 }, consistentRead: true, projection: ['title', 'author.name'] })`)).toEqual({
      operation: 'GetItem',
      key: { id: { S: 'a' }, n: { N: '1' } },
      consistentRead: true,
      projection: { expression: '#projection0, #projection1.#projection2', expressionNames: { '#projection0': 'title', '#projection1': 'author', '#projection2': 'name' } },
    });
  });

  it('builds PutItem with its item and a condition', async () => {
    expect(await built(`ddb.put({ key: { id: 'a' }, item: { title: 'T', tags: ddb.toStringSet(['x']) }, condition: { id: { attributeExists: false } } })`)).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'a' } },
      attributeValues: { title: { S: 'T' }, tags: { SS: ['x'] } },
      condition: { expression: 'attribute_not_exists(#id)', expressionNames: { '#id': 'id' } },
    });
  });

  it('builds DeleteItem with a condition joining operators with AND and OR', async () => {
    expect(await built(`ddb.remove({ key: { id: 'a' }, condition: { owner: { eq: 'me' }, or: [{ version: { lt: 3 } }, { version: { attributeExists: false } }] } })`)).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: 'a' } },
      condition: {
        expression: '((#owner = :owner_eq) AND ((#version < :version_lt) OR attribute_not_exists(#version)))',
        expressionNames: { '#owner': 'owner', '#version': 'version' },
        expressionValues: { ':owner_eq': { S: 'me' }, ':version_lt': { N: '3' } },
      },
    });
  });

  it('builds UpdateItem from every update operation', async () => {
    const request = await built(`ddb.update({
      key: { id: 'a' },
      update: {
        title: 'New', count: ddb.operations.increment(2), stock: ddb.operations.decrement(), draft: ddb.operations.remove(),
        tags: ddb.operations.append(['z']), log: ddb.operations.prepend(['first']), address: ddb.operations.replace({ city: 'Oslo' }),
        meta: { views: ddb.operations.increment() }, items: [ddb.operations.updateListItem('b', 1)], set: ddb.operations.add(ddb.toNumberSet([5])),
      },
    })`);

    expect(request).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'a' } },
      update: {
        expression:
          'SET #title = :title, #tags = list_append(#tags, :tags_append), #log = list_append(:log_prepend, #log), #address = :address, ' +
          '#meta.#views = #meta.#views + :meta_views_increment, #items[1] = :items_1 ' +
          'ADD #count :count_increment, #stock :stock_decrement, #set :set_add REMOVE #draft',
        expressionNames: {
          '#title': 'title', '#count': 'count', '#stock': 'stock', '#draft': 'draft', '#tags': 'tags', '#log': 'log',
          '#address': 'address', '#meta': 'meta', '#views': 'views', '#items': 'items', '#set': 'set',
        },
        expressionValues: {
          ':title': { S: 'New' }, ':count_increment': { N: '2' }, ':stock_decrement': { N: '-1' }, ':tags_append': { L: [{ S: 'z' }] },
          ':log_prepend': { L: [{ S: 'first' }] }, ':address': { M: { city: { S: 'Oslo' } } }, ':meta_views_increment': { N: '1' },
          ':items_1': { S: 'b' }, ':set_add': { NS: ['5'] },
        },
      },
    });
  });

  it('builds Query with key condition, filter, index, paging and order', async () => {
    expect(await built(`ddb.query({
      query: { pk: { eq: 'ROOM#1' }, sk: { beginsWith: 'MSG#' } }, filter: { deleted: { ne: true }, body: { contains: 'hi' } },
      index: 'gsi1', limit: 10, nextToken: 't', scanIndexForward: false, consistentRead: false, projection: ['sk'],
    })`)).toEqual({
      operation: 'Query',
      query: {
        expression: '#pk = :pk_eq AND begins_with(#sk, :sk_beginsWith)',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'ROOM#1' }, ':sk_beginsWith': { S: 'MSG#' } },
      },
      index: 'gsi1',
      limit: 10,
      nextToken: 't',
      scanIndexForward: false,
      consistentRead: false,
      filter: {
        expression: '((#deleted <> :deleted_ne) AND contains(#body, :body_contains))',
        expressionNames: { '#deleted': 'deleted', '#body': 'body' },
        expressionValues: { ':deleted_ne': { BOOL: true }, ':body_contains': { S: 'hi' } },
      },
      projection: { expression: '#projection0', expressionNames: { '#projection0': 'sk' } },
    });
  });

  it('builds a key condition with between and refuses operators DynamoDB keys lack', async () => {
    expect(await built(`ddb.query({ query: { pk: { eq: 1 }, sk: { between: [2, 5] } } }).query`)).toEqual({
      expression: '#pk = :pk_eq AND #sk BETWEEN :sk_between_0 AND :sk_between_1',
      expressionNames: { '#pk': 'pk', '#sk': 'sk' },
      expressionValues: { ':pk_eq': { N: '1' }, ':sk_between_0': { N: '2' }, ':sk_between_1': { N: '5' } },
    });
    expect(await built(`ddb.query({ query: { pk: { ne: 1 } } })`)).toEqual({ errorType: 'HandlerError', message: expect.stringContaining('not a key condition operator') });
  });

  it('builds Scan with filter operators in, between, not and attributeType', async () => {
    expect(await built(`ddb.scan({ filter: { kind: { in: ['a', 'b'] }, n: { between: [1, 2] }, not: { tags: { attributeType: 'stringSet' } } }, limit: 5, segment: 0, totalSegments: 2 })`)).toEqual({
      operation: 'Scan',
      limit: 5,
      segment: 0,
      totalSegments: 2,
      filter: {
        expression: '((#kind IN (:kind_in_0, :kind_in_1)) AND (#n BETWEEN :n_between_0 AND :n_between_1) AND (NOT attribute_type(#tags, :tags_attributeType)))',
        expressionNames: { '#kind': 'kind', '#n': 'n', '#tags': 'tags' },
        expressionValues: {
          ':kind_in_0': { S: 'a' }, ':kind_in_1': { S: 'b' }, ':n_between_0': { N: '1' }, ':n_between_1': { N: '2' }, ':tags_attributeType': { S: 'SS' },
        },
      },
    });
  });

  it('numbers a repeated value placeholder', async () => {
    expect(await built(`ddb.scan({ filter: { or: [{ n: { eq: 1 } }, { n: { eq: 2 } }] } }).filter.expressionValues`)).toEqual({ ':n_eq': { N: '1' }, ':n_eq_1': { N: '2' } });
  });

  it('builds the batch requests keyed by table', async () => {
    expect(await built(`[
      ddb.batchGet({ tables: { a: { keys: [{ id: '1' }], consistentRead: true, projection: ['id'] }, b: { keys: [{ id: 2 }] } } }),
      ddb.batchPut({ tables: { a: [{ id: '1', n: 1 }] } }),
      ddb.batchDelete({ tables: { b: [{ id: 2 }] } }),
    ]`)).toEqual([
      {
        operation: 'BatchGetItem',
        tables: {
          a: { keys: [{ id: { S: '1' } }], consistentRead: true, projection: { expression: '#projection0', expressionNames: { '#projection0': 'id' } } },
          b: { keys: [{ id: { N: '2' } }] },
        },
      },
      { operation: 'BatchPutItem', tables: { a: [{ id: { S: '1' }, n: { N: '1' } }] } },
      { operation: 'BatchDeleteItem', tables: { b: [{ id: { N: '2' } }] } },
    ]);
  });

  it('builds the transaction requests item by item', async () => {
    expect(await built(`[
      ddb.transactGet({ items: [{ table: 'a', key: { id: '1' }, projection: ['id'] }] }),
      ddb.transactWrite({ items: [
        { putItem: { table: 'a', key: { id: '1' }, item: { n: 1 }, condition: { id: { attributeExists: false } } } },
        { updateItem: { table: 'a', key: { id: '2' }, update: { n: ddb.operations.increment() } } },
        { deleteItem: { table: 'b', key: { id: '3' } } },
        { conditionCheck: { table: 'b', key: { id: '4' }, condition: { n: { gt: 0 } } } },
      ] }),
    ]`)).toEqual([
      {
        operation: 'TransactGetItems',
        transactItems: [{ table: 'a', key: { id: { S: '1' } }, projection: { expression: '#projection0', expressionNames: { '#projection0': 'id' } } }],
      },
      {
        operation: 'TransactWriteItems',
        transactItems: [
          { table: 'a', operation: 'PutItem', key: { id: { S: '1' } }, attributeValues: { n: { N: '1' } }, condition: { expression: 'attribute_not_exists(#id)', expressionNames: { '#id': 'id' } } },
          { table: 'a', operation: 'UpdateItem', key: { id: { S: '2' } }, update: { expression: 'ADD #n :n_increment', expressionNames: { '#n': 'n' }, expressionValues: { ':n_increment': { N: '1' } } } },
          { table: 'b', operation: 'DeleteItem', key: { id: { S: '3' } } },
          { table: 'b', operation: 'ConditionCheck', key: { id: { S: '4' } }, condition: { expression: '(#n > :n_gt)', expressionNames: { '#n': 'n' }, expressionValues: { ':n_gt': { N: '0' } } } },
        ],
      },
    ]);
  });

  it('refuses sync, which Event API data sources do not offer', async () => {
    expect(await built(`ddb.sync({})`)).toEqual({ errorType: 'HandlerError', message: expect.stringContaining('no Sync operation') });
  });

  it('offers util.transform with the same expressions, as JSON strings', async () => {
    expect(await built(`[util.transform.toDynamoDBFilterExpression({ title: { contains: 'Hello World' } }), util.transform.toDynamoDBConditionExpression({ id: { attributeExists: true }, version: { eq: 1 } })]`)).toEqual([
      JSON.stringify({ expression: 'contains(#title, :title_contains)', expressionNames: { '#title': 'title' }, expressionValues: { ':title_contains': { S: 'Hello World' } } }),
      JSON.stringify({
        expression: '(attribute_exists(#id) AND (#version = :version_eq))',
        expressionNames: { '#id': 'id', '#version': 'version' },
        expressionValues: { ':version_eq': { N: '1' } },
      }),
    ]);
  });
});
