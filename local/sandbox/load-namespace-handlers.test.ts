import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventApi } from '../../amplify/definition.ts';
import { buildHandlers } from '../../amplify/events/build-handlers.ts';
import { checkAppSyncJs } from 'appsync-events-local/appsync-js';
import { loadNamespaceHandlers } from 'appsync-events-local/sandbox';
import { createTempDir, publishContext, subscribeContext, testNamespace } from '../test-support/handler-fixtures.ts';
import type { TempDir } from '../test-support/handler-fixtures.ts';

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

  it('refuses to load a namespace whose code AppSync would refuse, naming the rule and the line', async () => {
    await dir.write(
      'retry.mjs',
      `export function onPublish(ctx) {\n  let tries = 0;\n  while (tries < 3) { tries++; }\n  return ctx.events;\n}`,
    );

    const loading = loadNamespaceHandlers([testNamespace({ name: 'retry', handlerBundle: 'retry.mjs' })], dir.path, noDataSources);

    await expect(loading).rejects.toThrow(/retry\.mjs:3:3 while statements are not supported \(no-while\)\n.*retry\.mjs:3:23 the \+\+ operator is not supported/);
  });

  it("loads Parley's own handlers as esbuild bundles them, the checker finding nothing in them", async () => {
    const outDir = `${dir.path}/parley`;
    const files = await buildHandlers({ outDir });
    const namespaces = eventApi.namespaces.map((namespace) => ({ ...namespace, handlerBundle: basename(namespace.handlerBundle) }));

    const findings = await Promise.all(files.map(async (file) => checkAppSyncJs(await readFile(file, 'utf8'), file)));
    const handlers = await loadNamespaceHandlers(namespaces, outDir, noDataSources);

    expect(findings.flat()).toEqual([]);
    expect(Object.keys(handlers).sort()).toEqual(eventApi.namespaces.map((namespace) => namespace.name).sort());
  });

  it('rejects when a bundle has not been built', async () => {
    await expect(loadNamespaceHandlers([testNamespace({ handlerBundle: 'missing.mjs' })], dir.path, noDataSources)).rejects.toThrow(/ENOENT/);
  });
});
