import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSourceInvoker, DataSourceRequest } from '../events/contracts.ts';
import { EVENT_LIMITS } from '../events/limits.ts';
import { createNamespaceHandlers } from './create-namespace-handlers.ts';
import { DataSourceRequestError } from './data-source-request-error.ts';
import type { NamespaceHandlersOptions } from './create-namespace-handlers.ts';
import type { SandboxLogEntry } from './invocation.ts';
import { loadHandlerModule } from './load-handler-module.ts';
import { cognitoIdentity, createTempDir, publishContext, subscribeContext, testNamespace } from './sandbox-fixtures.ts';
import type { TempDir } from './sandbox-fixtures.ts';

const NOW = new Date('2026-03-01T12:34:56.789Z');
const lambda = { dataSource: 'persistMessages' } as const;

interface FakeDataSource extends DataSourceInvoker {
  calls: { name: string; request: DataSourceRequest }[];
}

function fakeDataSource(answer: (request: DataSourceRequest) => Promise<{ result: unknown; error: { message: string; type: string } | null }>): FakeDataSource {
  const calls: FakeDataSource['calls'] = [];
  return {
    calls,
    invoke(name, request) {
      calls.push({ name, request });
      return answer(request);
    },
  };
}

const unusedDataSource = fakeDataSource(() => Promise.reject(new Error('no data source expected')));

let dir: TempDir;
let counter = 0;

beforeAll(async () => {
  dir = await createTempDir();
});

afterAll(async () => {
  await dir.remove();
});

async function handlersFor(source: string, options: Partial<NamespaceHandlersOptions> = {}) {
  counter += 1;
  const file = await dir.write(`handler-${counter}.mjs`, `import { util, runtime } from '@aws-appsync/utils';\n${source}`);
  return createNamespaceHandlers(await loadHandlerModule(file), {
    namespace: testNamespace(),
    dataSources: unusedDataSource,
    now: () => NOW,
    ...options,
  });
}

const twoEvents = [
  { id: 'e1', payload: { n: 1 } },
  { id: 'e2', payload: { n: 2 } },
];

describe('createNamespaceHandlers: defaults', () => {
  it('forwards the events unchanged when the module has no onPublish', async () => {
    const handlers = await handlersFor('export function onSubscribe() {}');

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({ ok: true, events: twoEvents });
  });

  it('allows the subscription when the module has no onSubscribe', async () => {
    const handlers = await handlersFor('export function onPublish(ctx) { return ctx.events; }');

    const result = await handlers.onSubscribe(subscribeContext({ path: '/test/a' }));

    expect(result).toEqual({ ok: true });
  });
});

describe('createNamespaceHandlers: deep payloads', () => {
  it('runs a handler on an event nested as deeply as a publish may nest it', async () => {
    const depth = EVENT_LIMITS.maxEventNestingDepth;
    const events = [{ id: 'e1', payload: JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown }];
    const handlers = await handlersFor('export function onPublish(ctx) { return ctx.events; }');

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events }));

    expect(result).toEqual({ ok: true, events });
  });
});

describe('createNamespaceHandlers: plain function handlers', () => {
  it('passes ctx through: identity, request, info, events and stash', async () => {
    const handlers = await handlersFor(`export function onPublish(ctx) {
      return [{ id: ctx.events[0].id, payload: { identity: ctx.identity, request: ctx.request, info: ctx.info, stash: ctx.stash, events: ctx.events } }];
    }`);
    const ctx = publishContext({ path: '/test/room/1', events: [{ id: 'e1', payload: { hello: 'world' } }] });

    const result = await handlers.onPublish(ctx);

    expect(result).toEqual({
      ok: true,
      events: [{ id: 'e1', payload: { identity: ctx.identity, request: ctx.request, info: ctx.info, stash: {}, events: ctx.events } }],
    });
  });

  it('broadcasts transformed payloads and fails events returned with an error', async () => {
    const handlers = await handlersFor(`export function onPublish(ctx) {
      return ctx.events.map((e) => e.payload.n === 1 ? { id: e.id, payload: { doubled: 2 } } : { id: e.id, error: 'odd one out' });
    }`);

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({ ok: true, events: [{ id: 'e1', payload: { doubled: 2 } }, { id: 'e2', error: 'odd one out' }] });
  });

  it('drops events the handler does not return', async () => {
    const handlers = await handlersFor('export function onPublish(ctx) { return ctx.events.filter((e) => e.id === "e2"); }');

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({ ok: true, events: [{ id: 'e2', payload: { n: 2 } }] });
  });

  it('returns what runtime.earlyReturn was given', async () => {
    const handlers = await handlersFor(`export function onPublish(ctx) {
      runtime.earlyReturn([{ id: 'e1', payload: 'early' }]);
      return ctx.events;
    }`);

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({ ok: true, events: [{ id: 'e1', payload: 'early' }] });
  });

  it('fails the whole publish on util.error, with its errorType', async () => {
    const handlers = await handlersFor(`export function onPublish(ctx) { util.error('Nope, not this channel', 'BadRequestException'); }`);

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({ ok: false, error: { errorType: 'BadRequestException', message: 'Nope, not this channel' } });
  });

  it('uses a generic errorType when util.error has none', async () => {
    const handlers = await handlersFor(`export function onPublish() { util.error('no'); }
      export function onSubscribe() { util.error('no'); }`);

    const published = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));
    const subscribed = await handlers.onSubscribe(subscribeContext({ path: '/test/a' }));

    expect(published).toEqual({ ok: false, error: { errorType: 'MessageProcessingError', message: 'no' } });
    expect(subscribed).toEqual({ ok: false, error: { errorType: 'SubscriptionProcessingError', message: 'no' } });
  });

  it('rejects with UnauthorizedException on publish and Unauthorized on subscribe for util.unauthorized', async () => {
    const handlers = await handlersFor(`export function onPublish() { util.unauthorized(); }
      export function onSubscribe() { util.unauthorized(); }`);

    const published = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));
    const subscribed = await handlers.onSubscribe(subscribeContext({ path: '/test/a' }));

    expect(published).toEqual({ ok: false, error: { errorType: 'UnauthorizedException', message: expect.any(String) } });
    expect(subscribed).toEqual({ ok: false, error: { errorType: 'Unauthorized', message: expect.any(String) } });
  });

  it('keeps util.error in force even when handler code catches it', async () => {
    const handlers = await handlersFor(`export function onSubscribe() {
      try { util.error('denied', 'Denied'); } catch (e) { return; }
    }`);

    const result = await handlers.onSubscribe(subscribeContext({ path: '/test/a' }));

    expect(result).toEqual({ ok: false, error: { errorType: 'Denied', message: 'denied' } });
  });

  it('records util.appendError without aborting', async () => {
    const logs: SandboxLogEntry[] = [];
    const handlers = await handlersFor(`export function onPublish(ctx) { util.appendError('soft', 'Warning'); return ctx.events; }`, {
      onLog: (entry) => logs.push(entry),
    });

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({ ok: true, events: twoEvents });
    expect(logs).toEqual([{ namespace: 'test', level: 'appendError', message: 'Warning: soft' }]);
  });

  it('routes console output to onLog', async () => {
    const logs: SandboxLogEntry[] = [];
    const handlers = await handlersFor(`export function onSubscribe(ctx) { console.log('subscribing', ctx.info.channel.path, { n: 1 }); }`, {
      onLog: (entry) => logs.push(entry),
    });

    await handlers.onSubscribe(subscribeContext({ path: '/test/a' }));

    expect(logs).toEqual([{ namespace: 'test', level: 'log', message: 'subscribing /test/a {"n":1}' }]);
  });
});

describe('createNamespaceHandlers: crashing handlers', () => {
  it('turns a TypeError in handler code into a HandlerError', async () => {
    const handlers = await handlersFor('export function onPublish(ctx) { return ctx.nothing.here; }');

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({ ok: false, error: { errorType: 'HandlerError', message: expect.stringContaining('TypeError') } });
  });

  it('stops a handler that runs past the time limit', async () => {
    const handlers = await handlersFor('export function onSubscribe() { for (;;) {} }', { timeoutMs: 50 });

    const result = await handlers.onSubscribe(subscribeContext({ path: '/test/a' }));

    expect(result).toEqual({ ok: false, error: { errorType: 'HandlerError', message: expect.stringContaining('timed out') } });
  });

  it('still runs the module after a timeout', async () => {
    const handlers = await handlersFor(`export function onSubscribe(ctx) { if (ctx.info.channel.path === '/test/loop') { for (;;) {} } }`, {
      // Generous: the second, instant call must not trip the limit on a loaded machine.
      timeoutMs: 250,
    });

    await handlers.onSubscribe(subscribeContext({ path: '/test/loop' }));
    const result = await handlers.onSubscribe(subscribeContext({ path: '/test/ok' }));

    expect(result).toEqual({ ok: true });
  });

  it('refuses a handler that returns a Promise', async () => {
    const handlers = await handlersFor('export const onPublish = async (ctx) => ctx.events;');

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({ ok: false, error: { errorType: 'HandlerError', message: expect.stringContaining('Promise') } });
  });

  it('refuses unknown and duplicate event ids in the result', async () => {
    const unknown = await handlersFor(`export function onPublish() { return [{ id: 'nope', payload: 1 }]; }`);
    const duplicate = await handlersFor(`export function onPublish(ctx) { return [ctx.events[0], ctx.events[0]]; }`);

    const a = await unknown.onPublish(publishContext({ path: '/test/a', events: twoEvents }));
    const b = await duplicate.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(a).toMatchObject({ ok: false, error: { errorType: 'HandlerError' } });
    expect(b).toMatchObject({ ok: false, error: { errorType: 'HandlerError' } });
  });

  it('refuses an export that is neither a function nor { request, response }', async () => {
    const handlers = await handlersFor('export const onPublish = 42;');

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toMatchObject({ ok: false, error: { errorType: 'HandlerError' } });
  });
});

describe('createNamespaceHandlers: { request, response } with a Lambda data source', () => {
  const requestResponse = `export const onPublish = {
    request(ctx) {
      ctx.stash.seen = ctx.events.length;
      return { operation: 'Invoke', payload: { ids: ctx.events.map((e) => e.id) } };
    },
    response(ctx) {
      if (ctx.error) { return ctx.events.map((e) => ({ id: e.id, error: ctx.error.type + ': ' + ctx.error.message })); }
      return ctx.events.map((e) => ({ id: e.id, payload: { result: ctx.result, seen: ctx.stash.seen } }));
    },
  };`;

  it('invokes the data source with the request and hands its result and the stash to response', async () => {
    const dataSources = fakeDataSource(async () => ({ result: { stored: true }, error: null }));
    const handlers = await handlersFor(requestResponse, { namespace: testNamespace({ onPublish: lambda }), dataSources });

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(dataSources.calls).toEqual([{ name: 'persistMessages', request: { operation: 'Invoke', payload: { ids: ['e1', 'e2'] } } }]);
    expect(result).toEqual({
      ok: true,
      events: [
        { id: 'e1', payload: { result: { stored: true }, seen: 2 } },
        { id: 'e2', payload: { result: { stored: true }, seen: 2 } },
      ],
    });
  });

  it('sets ctx.error in response when the data source fails', async () => {
    const dataSources = fakeDataSource(async () => ({ result: null, error: { message: 'boom', type: 'Lambda:Unhandled' } }));
    const handlers = await handlersFor(requestResponse, { namespace: testNamespace({ onPublish: lambda }), dataSources });

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({
      ok: true,
      events: [
        { id: 'e1', error: 'Lambda:Unhandled: boom' },
        { id: 'e2', error: 'Lambda:Unhandled: boom' },
      ],
    });
  });

  it('treats a rejecting data source like a failed call', async () => {
    const dataSources = fakeDataSource(() => Promise.reject(new Error('socket hang up')));
    const handlers = await handlersFor(requestResponse, { namespace: testNamespace({ onPublish: lambda }), dataSources });

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: [{ id: 'e1', payload: 1 }] }));

    expect(result).toEqual({ ok: true, events: [{ id: 'e1', error: 'DataSourceError: socket hang up' }] });
  });

  it('skips the data source and response on runtime.earlyReturn in request', async () => {
    const dataSources = fakeDataSource(async () => ({ result: null, error: null }));
    const handlers = await handlersFor(
      `export const onPublish = {
        request(ctx) { runtime.earlyReturn([{ id: ctx.events[1].id, error: 'early' }]); },
        response() { return []; },
      };`,
      { namespace: testNamespace({ onPublish: lambda }), dataSources },
    );

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(dataSources.calls).toEqual([]);
    expect(result).toEqual({ ok: true, events: [{ id: 'e2', error: 'early' }] });
  });

  it('fires and forgets when the request asks for an Event invocation, forwarding the events unchanged', async () => {
    const dataSources = fakeDataSource(() => new Promise(() => undefined));
    const handlers = await handlersFor(
      `export const onPublish = {
        request(ctx) { return { operation: 'Invoke', invocationType: 'Event', payload: { ids: ctx.events.map((e) => e.id) } }; },
        response() { return []; },
      };`,
      { namespace: testNamespace({ onPublish: lambda }), dataSources },
    );

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toEqual({ ok: true, events: twoEvents });
    expect(dataSources.calls).toEqual([
      { name: 'persistMessages', request: { operation: 'Invoke', invocationType: 'Event', payload: { ids: ['e1', 'e2'] } } },
    ]);
  });

  it('runs onSubscribe in the object form and rejects through util.unauthorized in response', async () => {
    const dataSources = fakeDataSource(async () => ({ result: { allowed: false }, error: null }));
    const handlers = await handlersFor(
      `export const onSubscribe = {
        request(ctx) { return { operation: 'Invoke', payload: { sub: ctx.identity.sub } }; },
        response(ctx) { if (!ctx.result.allowed) { util.unauthorized(); } },
      };`,
      { namespace: testNamespace({ onSubscribe: lambda }), dataSources },
    );

    const result = await handlers.onSubscribe(subscribeContext({ path: '/test/a', identity: cognitoIdentity({ sub: 'u-9' }) }));

    expect(dataSources.calls[0]?.request.payload).toEqual({ sub: 'u-9' });
    expect(result).toEqual({ ok: false, error: { errorType: 'Unauthorized', message: expect.any(String) } });
  });

  it('fails when the module uses { request, response } but the namespace has no integration', async () => {
    const handlers = await handlersFor(requestResponse);

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toMatchObject({ ok: false, error: { errorType: 'HandlerError' } });
  });

  it('fails when request returns no data source request', async () => {
    const handlers = await handlersFor(`export const onPublish = { request() { return { payload: {} }; }, response() { return []; } };`, {
      namespace: testNamespace({ onPublish: lambda }),
    });

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toMatchObject({ ok: false, error: { errorType: 'HandlerError', message: expect.stringContaining('operation') } });
  });

  it('fails the handler, not the call, when the data source refuses the request', async () => {
    const refusing: DataSourceInvoker = {
      invoke: () => Promise.reject(new DataSourceRequestError("Data source persistMessages is a Lambda: its request must be { operation: 'Invoke', payload }")),
    };
    const handlers = await handlersFor(`export const onPublish = { request() { return { operation: 'GetItem' }; }, response() { return []; } };`, {
      namespace: testNamespace({ onPublish: lambda }),
      dataSources: refusing,
    });

    const result = await handlers.onPublish(publishContext({ path: '/test/a', events: twoEvents }));

    expect(result).toMatchObject({ ok: false, error: { errorType: 'HandlerError', message: expect.stringContaining('Invoke') } });
  });
});
