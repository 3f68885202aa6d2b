import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamespaceHandlers } from '../../../local/events/contracts.ts';
import { createNamespaceHandlers, loadHandlerModule } from '../../../local/sandbox/index.ts';
import {
  cognitoIdentity,
  createTempDir,
  publishContext,
  subscribeContext,
} from '../../../local/sandbox/sandbox-fixtures.ts';
import type { TempDir } from '../../../local/sandbox/sandbox-fixtures.ts';
import { eventApi } from '../../definition.ts';
import type { NamespaceDefinition } from '../../definition.ts';
import { buildHandlers } from '../build-handlers.ts';

const signals = eventApi.namespaces.find((n) => n.name === 'signals') as NamespaceDefinition;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const ROOM = '/signals/rooms/lobby';

let dir: TempDir;
let handlers: NamespaceHandlers;

beforeAll(async () => {
  dir = await createTempDir('parley-signals-handler-');
  await buildHandlers({ outDir: dir.path, namespaces: [signals] });
  handlers = createNamespaceHandlers(await loadHandlerModule(`${dir.path}/signals.mjs`), {
    namespace: signals,
    dataSources: { invoke: () => Promise.reject(new Error('signals has no data source')) },
    now: () => NOW,
  });
});

afterAll(async () => {
  await dir.remove();
});

describe('signals onPublish', () => {
  it('stamps typing signals with the author, room and server time, ignoring forged fields', async () => {
    const forged = { type: 'typing', author: { sub: 'x', username: 'mallory', displayName: 'Admin' }, at: '1999-01-01' };

    const result = await handlers.onPublish(publishContext({ path: ROOM, events: [{ id: 'e1', payload: forged }] }));

    expect(result).toEqual({
      ok: true,
      events: [
        {
          id: 'e1',
          payload: {
            type: 'typing',
            roomId: 'lobby',
            author: { sub: cognitoIdentity().sub, username: 'alice', displayName: 'Alice' },
            at: NOW.toISOString(),
          },
        },
      ],
    });
  });

  it('fails other payloads per event', async () => {
    const events = [
      { id: 'e1', payload: { type: 'typing' } },
      { id: 'e2', payload: { type: 'message', text: 'hi' } },
      { id: 'e3', payload: null },
    ];

    const result = await handlers.onPublish(publishContext({ path: ROOM, events }));

    expect(result.ok && result.events.map((e) => [e.id, e.error ?? 'ok'])).toEqual([
      ['e1', 'ok'],
      ['e2', 'Only {"type":"typing"} signals are accepted'],
      ['e3', 'Only {"type":"typing"} signals are accepted'],
    ]);
  });

  it('refuses a publish outside a room channel or without a user', async () => {
    const outside = await handlers.onPublish(publishContext({ path: '/signals/all', events: [{ id: 'e1', payload: { type: 'typing' } }] }));
    const anonymous = await handlers.onPublish(
      publishContext({ path: ROOM, identity: null, events: [{ id: 'e1', payload: { type: 'typing' } }] }),
    );

    expect(outside).toMatchObject({ ok: false, error: { errorType: 'BadRequestException' } });
    expect(anonymous).toMatchObject({ ok: false, error: { errorType: 'UnauthorizedException' } });
  });
});

describe('signals onSubscribe', () => {
  it('allows a signed-in user on a room channel', async () => {
    expect(await handlers.onSubscribe(subscribeContext({ path: ROOM }))).toEqual({ ok: true });
  });

  it('refuses wildcards, other namespaces and anonymous subscribers', async () => {
    const results = await Promise.all([
      handlers.onSubscribe(subscribeContext({ path: '/signals/rooms/*' })),
      handlers.onSubscribe(subscribeContext({ path: '/chat/rooms/lobby' })),
      handlers.onSubscribe(subscribeContext({ path: ROOM, identity: null })),
    ]);

    expect(results.map((r) => r.ok || r.error.errorType)).toEqual(['Unauthorized', 'Unauthorized', 'Unauthorized']);
  });
});
