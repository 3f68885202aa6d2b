import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNamespaceHandlers } from './load-namespace-handlers.ts';
import { createTempDir, publishContext, subscribeContext, testNamespace } from './sandbox-fixtures.ts';
import type { TempDir } from './sandbox-fixtures.ts';

const noDataSources = { invoke: () => Promise.reject(new Error('unused')) };
let dir: TempDir;

beforeAll(async () => {
  dir = await createTempDir();
  await dir.write('shout.mjs', `export function onPublish(ctx) { return ctx.events.map((e) => ({ id: e.id, payload: e.payload.toUpperCase() })); }`);
  await dir.write('closed.mjs', `import { util } from '@aws-appsync/utils'; export function onSubscribe() { util.unauthorized(); }`);
});

afterAll(async () => {
  await dir.remove();
});

describe('loadNamespaceHandlers', () => {
  it('loads each namespace bundle relative to the root, keyed by namespace name', async () => {
    const handlers = await loadNamespaceHandlers(
      [testNamespace({ name: 'shout', handlerBundle: 'shout.mjs' }), testNamespace({ name: 'closed', handlerBundle: 'closed.mjs' })],
      dir.path,
      noDataSources,
    );

    const shouted = await handlers.shout?.onPublish(publishContext({ path: '/shout/a', events: [{ id: 'e1', payload: 'hi' }] }));
    const closed = await handlers.closed?.onSubscribe(subscribeContext({ path: '/closed/a' }));

    expect(Object.keys(handlers)).toEqual(['shout', 'closed']);
    expect(shouted).toEqual({ ok: true, events: [{ id: 'e1', payload: 'HI' }] });
    expect(closed).toMatchObject({ ok: false, error: { errorType: 'Unauthorized' } });
  });

  it('rejects when a bundle has not been built', async () => {
    await expect(loadNamespaceHandlers([testNamespace({ handlerBundle: 'missing.mjs' })], dir.path, noDataSources)).rejects.toThrow(/ENOENT/);
  });
});
