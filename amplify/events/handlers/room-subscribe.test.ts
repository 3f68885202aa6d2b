/**
 * The members-only door of both room namespaces, run as deployed: each bundle in the sandbox,
 * its `roomMembership` data source on a real DynamoDB server (dynalite) through the local
 * cloud's invoker, membership items written straight to the table.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomChannel, roomSignalsChannel } from '../../../core/channels.ts';
import { memberKey } from '../../../core/members.ts';
import { toMemberItem } from '../../../functions/lib/member-item.ts';
import { createDataSourceInvoker, createNamespaceHandlers, type DataSourceInvoker, type DataSourceRequest, loadHandlerModule } from 'appsync-events-local';
import { cognitoIdentity, createTempDir, subscribeContext } from '../../../local/test-support/handler-fixtures.ts';
import type { TempDir } from '../../../local/test-support/handler-fixtures.ts';
import { type LambdaTable, startLambdaTable, TABLE } from '../../../tests/support/lambda-table.ts';
import { eventApi } from '../../definition.ts';
import type { NamespaceDefinition } from '../../definition.ts';
import { buildHandlers } from '../build-handlers.ts';

const PRIVATE_ROOM = 'p-0123456789abcdefghjkmnpqrs';
const DM = 'd-tvwxyz0123456789abcdefghjk';
const EPOCH = 'a1b2c3d4e5';
const member = cognitoIdentity({ sub: 'member-sub' });
const stranger = cognitoIdentity({ sub: 'stranger-sub' });

interface CountingInvoker extends DataSourceInvoker {
  requests: { name: string; request: DataSourceRequest }[];
}

let dir: TempDir;
let table: LambdaTable;
let invoker: CountingInvoker;
const namespaces = eventApi.namespaces.filter((n) => n.name === 'chat' || n.name === 'signals');
const channels: Record<string, (roomId: string, epoch?: string) => string> = { chat: roomChannel, signals: roomSignalsChannel };

beforeAll(async () => {
  table = await startLambdaTable();
  const real = createDataSourceInvoker(eventApi.dataSources, {
    lambdas: { invoke: () => Promise.reject(new Error('no Lambda on the subscribe path')) },
    dynamodb: { wire: table.server.wire, tableName: (name) => name },
  });
  const requests: CountingInvoker['requests'] = [];
  invoker = {
    requests,
    invoke(name, request) {
      requests.push({ name, request });
      return real.invoke(name, request);
    },
  };
  dir = await createTempDir('parley-room-subscribe-');
  await buildHandlers({ outDir: dir.path, namespaces });
  for (const roomId of [PRIVATE_ROOM, DM]) {
    const item = toMemberItem({ roomId, sub: member.sub, handle: 'alice', displayName: 'Alice', role: 'member', addedAt: '2026-03-01T00:00:00.000Z', addedBy: member.sub });
    await table.db.send(new PutCommand({ TableName: TABLE, Item: item }));
  }
}, 60_000);

afterAll(async () => {
  await table?.close();
  await dir?.remove();
});

describe.each(namespaces.map((namespace) => [namespace.name, namespace] as const))('%s onSubscribe', (name, namespace: NamespaceDefinition) => {
  const channel = channels[name]!;

  async function subscribe(path: string, identity = member) {
    const mod = await loadHandlerModule(`${dir.path}/${name}.mjs`);
    const handlers = createNamespaceHandlers(mod, { namespace, dataSources: invoker });
    invoker.requests.length = 0;
    return handlers.onSubscribe(subscribeContext({ path, identity }));
  }

  it('allows a member of a private room on its epoch channel, with one GetItem of their membership key only', async () => {
    const result = await subscribe(channel(PRIVATE_ROOM, EPOCH));

    expect(result).toEqual({ ok: true });
    expect(invoker.requests).toEqual([
      {
        name: 'roomMembership',
        request: {
          operation: 'GetItem',
          key: { pk: { S: memberKey(PRIVATE_ROOM, member.sub).pk }, sk: { S: member.sub } },
          projection: { expression: '#projection0', expressionNames: { '#projection0': 'pk' } },
        },
      },
    ]);
  });

  it('allows a member of a DM on its epoch channel', async () => {
    expect(await subscribe(channel(DM, EPOCH))).toEqual({ ok: true });
  });

  it('refuses a non-member exactly as a room that does not exist', async () => {
    const stranger_ = await subscribe(channel(PRIVATE_ROOM, EPOCH), stranger);
    const nowhere = await subscribe(channel('p-zzzzzzzzzzzzzzzzzzzzzzzzzz', EPOCH));

    expect(stranger_).toEqual({ ok: false, error: { errorType: 'Unauthorized', message: expect.any(String) } });
    expect(nowhere).toEqual(stranger_);
  });

  it('refuses a private room on a 3-segment channel, even to a member, without a read', async () => {
    const result = await subscribe(channel(PRIVATE_ROOM));

    expect(result).toMatchObject({ ok: false, error: { errorType: 'Unauthorized' } });
    expect(invoker.requests).toEqual([]);
  });

  it('refuses a public room on a 4-segment channel without a read', async () => {
    const result = await subscribe(channel('lobby', EPOCH));

    expect(result).toMatchObject({ ok: false, error: { errorType: 'Unauthorized' } });
    expect(invoker.requests).toEqual([]);
  });

  it('allows anyone signed in on a public room with no read', async () => {
    const result = await subscribe(channel('lobby'), stranger);

    expect(result).toEqual({ ok: true });
    expect(invoker.requests).toEqual([]);
  });

  it('refuses a member whose membership item was deleted', async () => {
    const roomId = 'p-deadbeefdeadbeefdeadbeefde';
    const item = toMemberItem({ roomId, sub: member.sub, handle: 'alice', displayName: 'Alice', role: 'member', addedAt: '2026-03-01T00:00:00.000Z', addedBy: member.sub });
    await table.db.send(new PutCommand({ TableName: TABLE, Item: item }));
    const before = await subscribe(channel(roomId, EPOCH));
    await table.db.send(new DeleteCommand({ TableName: TABLE, Key: memberKey(roomId, member.sub) }));

    const after = await subscribe(channel(roomId, EPOCH));

    expect(before).toEqual({ ok: true });
    expect(after).toMatchObject({ ok: false, error: { errorType: 'Unauthorized' } });
  });

  it('fails with a retryable error, not a refusal, when the membership read fails', async () => {
    const failing: DataSourceInvoker = { invoke: async () => ({ result: null, error: { message: 'throttled', type: 'DynamoDB:ProvisionedThroughputExceededException' } }) };
    const mod = await loadHandlerModule(`${dir.path}/${name}.mjs`);

    const result = await createNamespaceHandlers(mod, { namespace, dataSources: failing }).onSubscribe(
      subscribeContext({ path: channel(PRIVATE_ROOM, EPOCH), identity: member }),
    );

    expect(result).toEqual({ ok: false, error: { errorType: 'SubscriptionProcessingError', message: 'Membership check failed; please retry' } });
  });
});
