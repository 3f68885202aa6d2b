import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThrottleSignalsRequest, ThrottleSignalsResponse } from '../../../core/messages.ts';
import { createNamespaceHandlers, type DataSourceInvoker, type HandlerModule, loadHandlerModule, type NamespaceHandlers } from 'appsync-events-local/sandbox';
import {
  cognitoIdentity,
  createTempDir,
  iamIdentity,
  publishContext,
  subscribeContext,
} from '../../../local/test-support/handler-fixtures.ts';
import type { TempDir } from '../../../local/test-support/handler-fixtures.ts';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from '../../../core/profile.ts';
import { eventApi } from '../../definition.ts';
import type { NamespaceDefinition } from '../../definition.ts';
import { buildHandlers } from '../build-handlers.ts';

const signals = eventApi.namespaces.find((n) => n.name === 'signals') as NamespaceDefinition;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const ROOM = '/signals/rooms/lobby';

interface FakeThrottle extends DataSourceInvoker {
  requests: ThrottleSignalsRequest[];
}

/** Allows the first event of each batch, unless told to allow none or to fail. */
function fakeThrottle(options: { allowNone?: boolean; fail?: boolean } = {}): FakeThrottle {
  const requests: ThrottleSignalsRequest[] = [];
  return {
    requests,
    async invoke(_name, request) {
      const throttle = request.payload as ThrottleSignalsRequest;
      requests.push(throttle);
      if (options.fail) return { result: null, error: { message: 'DynamoDB unavailable', type: 'Lambda:Unhandled' } };
      const response: ThrottleSignalsResponse = { allowedIds: options.allowNone ? [] : throttle.eventIds.slice(0, 1) };
      return { result: response, error: null };
    },
  };
}

let dir: TempDir;
let mod: HandlerModule;

function handlers(dataSources: DataSourceInvoker = fakeThrottle()): NamespaceHandlers {
  return createNamespaceHandlers(mod, { namespace: signals, dataSources, now: () => NOW });
}

beforeAll(async () => {
  dir = await createTempDir('parley-signals-handler-');
  await buildHandlers({ outDir: dir.path, namespaces: [signals] });
  mod = await loadHandlerModule(`${dir.path}/signals.mjs`);
});

afterAll(async () => {
  await dir.remove();
});

describe('signals onPublish', () => {
  it('stamps typing signals with the author, room and server time, ignoring forged fields', async () => {
    const forged = {
      type: 'typing',
      author: { sub: 'x', handle: 'admin', displayName: 'Admin', moderator: true },
      moderator: true,
      at: '1999-01-01',
    };

    const result = await handlers().onPublish(publishContext({ path: ROOM, events: [{ id: 'e1', payload: forged }] }));

    expect(result).toEqual({
      ok: true,
      events: [
        {
          id: 'e1',
          payload: {
            type: 'typing',
            roomId: 'lobby',
            author: { sub: cognitoIdentity().sub, handle: 'alice', displayName: 'Alice', moderator: false },
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

    const result = await handlers().onPublish(publishContext({ path: ROOM, events }));

    expect(result.ok && result.events.map((e) => [e.id, e.error ?? 'ok'])).toEqual([
      ['e1', 'ok'],
      ['e2', 'BAD_REQUEST: Only {"type":"typing"} signals are accepted'],
      ['e3', 'BAD_REQUEST: Only {"type":"typing"} signals are accepted'],
    ]);
  });

  it('asks the throttle about the typing events only, for the author from the identity', async () => {
    const throttle = fakeThrottle();
    const events = [
      { id: 'e1', payload: { type: 'message' } },
      { id: 'e2', payload: { type: 'typing' } },
      { id: 'e3', payload: { type: 'typing' } },
    ];

    await handlers(throttle).onPublish(publishContext({ path: ROOM, events }));

    expect(throttle.requests).toEqual([{ authorSub: cognitoIdentity().sub, roomId: 'lobby', eventIds: ['e2', 'e3'] }]);
  });

  it('broadcasts only the events the throttle allows and drops the others without failing them', async () => {
    const events = [1, 2, 3].map((n) => ({ id: `e${n}`, payload: { type: 'typing' } }));

    const result = await handlers().onPublish(publishContext({ path: ROOM, events }));

    expect(result.ok && result.events.map((e) => [e.id, e.error ?? 'ok'])).toEqual([['e1', 'ok']]);
  });

  it('drops a throttled signal, broadcasting nothing and failing nothing', async () => {
    const result = await handlers(fakeThrottle({ allowNone: true })).onPublish(
      publishContext({ path: ROOM, events: [{ id: 'e1', payload: { type: 'typing' } }] }),
    );

    expect(result).toEqual({ ok: true, events: [] });
  });

  it('drops the signals, failing only invalid events, when the throttle Lambda fails', async () => {
    const events = [
      { id: 'e1', payload: { type: 'typing' } },
      { id: 'e2', payload: null },
    ];

    const result = await handlers(fakeThrottle({ fail: true })).onPublish(publishContext({ path: ROOM, events }));

    expect(result).toEqual({ ok: true, events: [{ id: 'e2', error: 'BAD_REQUEST: Only {"type":"typing"} signals are accepted' }] });
  });

  it('does not call the throttle when no event is a typing signal', async () => {
    const throttle = fakeThrottle();

    const result = await handlers(throttle).onPublish(publishContext({ path: ROOM, events: [{ id: 'e1', payload: 'hi' }] }));

    expect(throttle.requests).toEqual([]);
    expect(result).toEqual({ ok: true, events: [{ id: 'e1', error: 'BAD_REQUEST: Only {"type":"typing"} signals are accepted' }] });
  });

  it('stamps a moderator as the chat handler does, from the groups', async () => {
    const morgan = cognitoIdentity({ groups: ['moderators'], claims: { [HANDLE_CLAIM]: 'morgan', [DISPLAY_NAME_CLAIM]: 'Morgan' } });

    const result = await handlers().onPublish(publishContext({ path: ROOM, identity: morgan, events: [{ id: 'e1', payload: { type: 'typing' } }] }));

    expect(result.ok && result.events[0]?.payload).toMatchObject({ author: { handle: 'morgan', displayName: 'Morgan', moderator: true } });
  });

  it('fails the events, asking no throttle, for a token without profile claims', async () => {
    const throttle = fakeThrottle();
    const identity = cognitoIdentity({ claims: { preferred_username: 'Alice' } });

    const result = await handlers(throttle).onPublish(publishContext({ path: ROOM, identity, events: [{ id: 'e1', payload: { type: 'typing' } }] }));

    expect(throttle.requests).toEqual([]);
    expect(result).toEqual({ ok: true, events: [{ id: 'e1', error: 'BAD_REQUEST: the token carries no Parley profile; sign in again' }] });
  });

  it('refuses a publish outside a room channel or without a user', async () => {
    const outside = await handlers().onPublish(publishContext({ path: '/signals/all', events: [{ id: 'e1', payload: { type: 'typing' } }] }));
    const anonymous = await handlers().onPublish(
      publishContext({ path: ROOM, identity: null, events: [{ id: 'e1', payload: { type: 'typing' } }] }),
    );

    expect(outside).toMatchObject({ ok: false, error: { errorType: 'BadRequestException' } });
    expect(anonymous).toMatchObject({ ok: false, error: { errorType: 'UnauthorizedException' } });
  });
});

describe('signals on a user channel', () => {
  const own = `/signals/users/${cognitoIdentity().sub}`;
  const notice = { type: 'mention', roomId: 'lobby', messageId: 'm-1', author: { sub: 's-bob', handle: 'bob', displayName: 'Bob' }, excerpt: 'hi @alice' };

  it('lets the member it names subscribe, with no read', async () => {
    expect(await handlers().onSubscribe(subscribeContext({ path: own }))).toEqual({ ok: true });
  });

  it("refuses anyone else's subscribe to it, and a wildcard over user channels", async () => {
    const results = await Promise.all([
      handlers().onSubscribe(subscribeContext({ path: '/signals/users/someone-else' })),
      handlers().onSubscribe(subscribeContext({ path: '/signals/users/*' })),
      handlers().onSubscribe(subscribeContext({ path: own, identity: iamIdentity() })),
    ]);

    expect(results.map((r) => r.ok || r.error.errorType)).toEqual(['Unauthorized', 'Unauthorized', 'Unauthorized']);
  });

  it("fails a member's publish per event, to their own channel or another's, asking no throttle", async () => {
    const throttle = fakeThrottle();

    const results = await Promise.all(
      [own, '/signals/users/someone-else'].map((path) =>
        handlers(throttle).onPublish(publishContext({ path, events: [{ id: 'e1', payload: notice }, { id: 'e2', payload: { type: 'typing' } }] })),
      ),
    );

    const refused = ['e1', 'e2'].map((id) => ({ id, error: 'BAD_REQUEST: Only the server publishes to user channels' }));
    expect(results).toEqual([{ ok: true, events: refused }, { ok: true, events: refused }]);
    expect(throttle.requests).toEqual([]);
  });

  it('passes the server\'s (IAM) notices through as they came, and still refuses IAM on a room channel', async () => {
    const throttle = fakeThrottle();

    const user = await handlers(throttle).onPublish(publishContext({ path: own, identity: iamIdentity(), events: [{ id: 'e1', payload: notice }] }));
    const room = await handlers(throttle).onPublish(publishContext({ path: ROOM, identity: iamIdentity(), events: [{ id: 'e1', payload: { type: 'typing' } }] }));

    expect(user).toEqual({ ok: true, events: [{ id: 'e1', payload: notice }] });
    expect(room).toMatchObject({ ok: false, error: { errorType: 'UnauthorizedException' } });
    expect(throttle.requests).toEqual([]);
  });
});

describe('signals onSubscribe', () => {
  it('allows a signed-in user on a room channel', async () => {
    expect(await handlers().onSubscribe(subscribeContext({ path: ROOM }))).toEqual({ ok: true });
  });

  it('refuses wildcards, other namespaces and anonymous subscribers', async () => {
    const results = await Promise.all([
      handlers().onSubscribe(subscribeContext({ path: '/signals/rooms/*' })),
      handlers().onSubscribe(subscribeContext({ path: '/chat/rooms/lobby' })),
      handlers().onSubscribe(subscribeContext({ path: ROOM, identity: null })),
    ]);

    expect(results.map((r) => r.ok || r.error.errorType)).toEqual(['Unauthorized', 'Unauthorized', 'Unauthorized']);
  });
});
