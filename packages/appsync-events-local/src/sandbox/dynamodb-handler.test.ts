import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbRequest } from '../events/contracts.ts';
import { startTestTable, TABLE, type TestTable } from '../dynamodb/test-support/test-table.ts';
import { createDynamoDbDataSource } from './dynamodb-data-source.ts';
import { createNamespaceHandlers, loadHandlerModule } from './index.ts';
import { createTempDir, publishContext, subscribeContext, testNamespace } from './sandbox-fixtures.ts';
import type { TempDir } from './sandbox-fixtures.ts';

// A namespace whose handlers keep every event and a per-channel counter in one transaction, and
// let a subscriber in only once its channel has events: transactWrite with put and update
// (operations.increment), a condition, query with a filter, and errors passed on with util.error.
const HANDLERS = `
import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';

export const onPublish = {
  request(ctx) {
    const channel = ctx.info.channel.path;
    const puts = ctx.events.map((e) => ({
      putItem: { table: '${TABLE}', key: { pk: 'CHANNEL#' + channel, sk: 'EVENT#' + e.id }, item: { text: e.payload.text, at: util.time.nowEpochMilliSeconds() }, condition: { pk: { attributeExists: false } } },
    }));
    const count = { updateItem: { table: '${TABLE}', key: { pk: 'CHANNEL#' + channel, sk: 'COUNT' }, update: { events: ddb.operations.increment(ctx.events.length) } } };
    return ddb.transactWrite({ items: puts.concat([count]) });
  },
  response(ctx) {
    if (ctx.error) util.error(ctx.error.message, ctx.error.type);
    return ctx.events.map((e) => ({ id: e.id, payload: { text: e.payload.text, stored: ctx.result.keys.length } }));
  },
};

export const onSubscribe = {
  request(ctx) {
    return ddb.query({ query: { pk: { eq: 'CHANNEL#' + ctx.info.channel.path }, sk: { beginsWith: 'EVENT#' } }, filter: { text: { ne: 'hidden' } }, limit: 10 });
  },
  response(ctx) {
    if (ctx.error) util.error(ctx.error.message, ctx.error.type);
    if (ctx.result.items.length === 0) util.unauthorized();
  },
};
`;

describe('a handler using the DynamoDB data source end to end', () => {
  let table: TestTable;
  let dir: TempDir;

  beforeAll(async () => {
    table = await startTestTable('dynalite');
    dir = await createTempDir();
  }, 60_000);

  afterAll(async () => {
    await table?.close();
    await dir?.remove();
  });

  async function handlers(actions: string[] = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:GetItem']) {
    const run = createDynamoDbDataSource({ name: 'events', wire: table.server.wire, tableName: TABLE, actions });
    const mod = await loadHandlerModule(await dir.write(`handlers-${Math.random().toString(36).slice(2)}.mjs`, HANDLERS));
    return createNamespaceHandlers(mod, {
      namespace: testNamespace({ onPublish: { dataSource: 'events' }, onSubscribe: { dataSource: 'events' } }),
      dataSources: { invoke: (_name, request) => run(request as DynamoDbRequest) },
    });
  }

  it('refuses a subscriber before the channel has events, stores a publish in one transaction, then lets the subscriber in', async () => {
    const namespace = await handlers();

    const before = await namespace.onSubscribe(subscribeContext({ path: '/test/room1' }));
    const published = await namespace.onPublish(publishContext({ path: '/test/room1', events: [{ id: 'e1', payload: { text: 'hi' } }, { id: 'e2', payload: { text: 'hidden' } }] }));
    const after = await namespace.onSubscribe(subscribeContext({ path: '/test/room1' }));
    const count = await createDynamoDbDataSource({ name: 'events', wire: table.server.wire, tableName: TABLE, actions: ['dynamodb:GetItem'] })({
      operation: 'GetItem',
      key: { pk: { S: 'CHANNEL#/test/room1' }, sk: { S: 'COUNT' } },
    });

    expect(before).toEqual({ ok: false, error: { errorType: 'Unauthorized', message: expect.any(String) } });
    expect(published).toEqual({ ok: true, events: [{ id: 'e1', payload: { text: 'hi', stored: 3 } }, { id: 'e2', payload: { text: 'hidden', stored: 3 } }] });
    expect(after).toEqual({ ok: true });
    expect(count.result).toEqual({ pk: 'CHANNEL#/test/room1', sk: 'COUNT', events: 2 });
  });

  it('fails a publish whose transaction is cancelled with the error DynamoDB gave, writing nothing', async () => {
    const namespace = await handlers();
    await namespace.onPublish(publishContext({ path: '/test/room2', events: [{ id: 'e1', payload: { text: 'first' } }] }));

    const again = await namespace.onPublish(publishContext({ path: '/test/room2', events: [{ id: 'e2', payload: { text: 'new' } }, { id: 'e1', payload: { text: 'dup' } }] }));
    const stored = await createDynamoDbDataSource({ name: 'events', wire: table.server.wire, tableName: TABLE, actions: ['dynamodb:Query'] })({
      operation: 'Query',
      query: { expression: '#pk = :pk', expressionNames: { '#pk': 'pk' }, expressionValues: { ':pk': { S: 'CHANNEL#/test/room2' } } },
    });

    expect(again).toEqual({ ok: false, error: { errorType: 'DynamoDB:TransactionCanceledException', message: expect.any(String) } });
    expect((stored.result as { items: { sk: string; events?: number }[] }).items).toEqual([
      expect.objectContaining({ sk: 'COUNT', events: 1 }),
      expect.objectContaining({ sk: 'EVENT#e1', text: 'first' }),
    ]);
  });

  it('fails the subscribe with AccessDeniedException when the role may not query', async () => {
    const namespace = await handlers(['dynamodb:PutItem', 'dynamodb:UpdateItem']);

    expect(await namespace.onSubscribe(subscribeContext({ path: '/test/room1' }))).toEqual({
      ok: false,
      error: { errorType: 'DynamoDB:AccessDeniedException', message: expect.stringContaining('dynamodb:Query') },
    });
  });
});
