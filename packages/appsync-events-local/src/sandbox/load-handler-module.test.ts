import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespaceHandlers } from './create-namespace-handlers.ts';
import { loadHandlerModule } from './load-handler-module.ts';
import { createTempDir, publishContext, testNamespace } from './sandbox-fixtures.ts';
import type { TempDir } from './sandbox-fixtures.ts';

const noDataSources = { invoke: () => Promise.reject(new Error('no data source expected')) };
let dir: TempDir;

beforeAll(async () => {
  dir = await createTempDir();
});

afterAll(async () => {
  await dir.remove();
});

/** Publishes one event to a module whose onPublish puts `expression` in the payload. */
async function evaluate(expression: string): Promise<unknown> {
  const file = await dir.write(
    `probe-${Math.random().toString(36).slice(2)}.mjs`,
    `export function onPublish(ctx) { return [{ id: ctx.events[0].id, payload: ${expression} }]; }`,
  );
  const handlers = createNamespaceHandlers(await loadHandlerModule(file), { namespace: testNamespace(), dataSources: noDataSources });
  const result = await handlers.onPublish(publishContext({ path: '/test/x', events: [{ id: 'e1', payload: null }] }));
  if (!result.ok) return result.error;
  return result.events[0]?.payload;
}

describe('loadHandlerModule', () => {
  it('reports which handlers the module exports and in which form', async () => {
    const file = await dir.write(
      'forms.mjs',
      `export const onPublish = { request(ctx) { return {}; }, response(ctx) { return []; } };`,
    );

    const mod = await loadHandlerModule(file);

    expect(mod.forms).toEqual({ onPublish: 'requestResponse', onSubscribe: 'none' });
    expect(mod.file).toBe(file);
  });

  it('gives handler code no process, require, module loader, timers, fetch or Promise', async () => {
    const globals = await evaluate(
      `['process', 'require', 'module', 'setTimeout', 'setImmediate', 'queueMicrotask', 'fetch', 'Buffer', 'Promise', 'Proxy', 'Reflect', 'RegExp', 'Map', 'Intl', 'WebAssembly', 'eval', 'Function']
        .filter((name) => typeof globalThis[name] !== 'undefined')`,
    );

    expect(globals).toEqual([]);
  });

  it('keeps the APPSYNC_JS built-ins', async () => {
    const value = await evaluate(
      `[JSON.stringify({ a: Math.max(1, 2) }), Object.keys({ x: 1 }), [1, 2].map((n) => n * 2), 'a-b'.split('-'), Number.parseInt('7', 10), new Date(0).toISOString()]`,
    );

    expect(value).toEqual(['{"a":2}', ['x'], [2, 4], ['a', 'b'], 7, '1970-01-01T00:00:00.000Z']);
  });

  it('refuses code generation (eval, new Function)', async () => {
    const value = await evaluate(`(() => { try { return (() => 0).constructor('return 1')(); } catch (e) { return e.name; } })()`);

    expect(value).toBe('EvalError');
  });

  it('makes the util object itself a VM-realm object whose constructor cannot compile code', async () => {
    const file = await dir.write(
      'escape.mjs',
      `import { util } from '@aws-appsync/utils';
       export function onPublish(ctx) {
         let outcome;
         try { outcome = typeof util.autoId.constructor('return process')(); } catch (e) { outcome = e.name; }
         return [{ id: ctx.events[0].id, payload: outcome }];
       }`,
    );
    const handlers = createNamespaceHandlers(await loadHandlerModule(file), { namespace: testNamespace(), dataSources: noDataSources });

    const result = await handlers.onPublish(publishContext({ path: '/test/x', events: [{ id: 'e1', payload: null }] }));

    expect(result).toEqual({ ok: true, events: [{ id: 'e1', payload: 'EvalError' }] });
  });

  it('resolves only @aws-appsync/utils and @aws-appsync/utils/dynamodb as imports', async () => {
    const file = await dir.write('imports-fs.mjs', `import { readFileSync } from 'node:fs'; export function onPublish() { return readFileSync; }`);

    await expect(loadHandlerModule(file)).rejects.toThrow(/Cannot find module 'node:fs'/);
  });

  it("builds a GetItem request with @aws-appsync/utils/dynamodb's get: typed key, projection by expression names", async () => {
    const file = await dir.write(
      'dynamodb-get.mjs',
      `import { get } from '@aws-appsync/utils/dynamodb';
       export function onPublish(ctx) {
         return [{ id: ctx.events[0].id, payload: get({ key: { pk: 'A', n: 1 }, consistentRead: true, projection: ['pk', 'n'] }) }];
       }`,
    );
    const handlers = createNamespaceHandlers(await loadHandlerModule(file), { namespace: testNamespace(), dataSources: noDataSources });

    const result = await handlers.onPublish(publishContext({ path: '/test/x', events: [{ id: 'e1', payload: null }] }));

    expect(result).toEqual({
      ok: true,
      events: [
        {
          id: 'e1',
          payload: {
            operation: 'GetItem',
            key: { pk: { S: 'A' }, n: { N: '1' } },
            consistentRead: true,
            projection: { expression: '#projection0, #projection1', expressionNames: { '#projection0': 'pk', '#projection1': 'n' } },
          },
        },
      ],
    });
  });

  it('leaves the projection out of a GetItem request when none is asked for', async () => {
    const file = await dir.write(
      'dynamodb-get-all.mjs',
      `import { get } from '@aws-appsync/utils/dynamodb';
       export function onPublish(ctx) { return [{ id: ctx.events[0].id, payload: [get({ key: { pk: 'A' } }), get({ key: { pk: 'A' }, projection: [] })] }]; }`,
    );
    const handlers = createNamespaceHandlers(await loadHandlerModule(file), { namespace: testNamespace(), dataSources: noDataSources });

    const result = await handlers.onPublish(publishContext({ path: '/test/x', events: [{ id: 'e1', payload: null }] }));

    const request = { operation: 'GetItem', key: { pk: { S: 'A' } } };
    expect(result).toEqual({ ok: true, events: [{ id: 'e1', payload: [request, request] }] });
  });

  it('fails loudly on the @aws-appsync/utils/dynamodb builder Event APIs do not offer (sync)', async () => {
    const file = await dir.write(
      'dynamodb-sync.mjs',
      `import { sync } from '@aws-appsync/utils/dynamodb'; export function onPublish(ctx) { return [{ id: ctx.events[0].id, payload: sync({}) }]; }`,
    );
    const handlers = createNamespaceHandlers(await loadHandlerModule(file), { namespace: testNamespace(), dataSources: noDataSources });

    const result = await handlers.onPublish(publishContext({ path: '/test/x', events: [{ id: 'e1', payload: null }] }));

    expect(result).toMatchObject({ ok: false, error: { errorType: 'HandlerError', message: expect.stringContaining('sync is for versioned (delta sync) data sources') } });
  });

  it('rejects a module whose top level fails', async () => {
    const file = await dir.write('broken.mjs', `const x = null; x.boom; export function onPublish() { return []; }`);

    await expect(loadHandlerModule(file)).rejects.toThrow(/Cannot load handler module/);
  });

  it('rejects a missing bundle file', async () => {
    await expect(loadHandlerModule(`${dir.path}/does-not-exist.mjs`)).rejects.toThrow(/ENOENT/);
  });
});
