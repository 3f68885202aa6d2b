import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, PersistRequest, PersistResponse } from '../../../core/messages.ts';
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

const chat = eventApi.namespaces.find((n) => n.name === 'chat') as NamespaceDefinition;
const CREATED_AT = '2026-03-01T12:00:00.000Z';
const ROOM = '/chat/rooms/lobby';
const EMPTY = 'BAD_REQUEST: text is empty after removing whitespace and control characters';
const NO_PROFILE_ERROR = 'BAD_REQUEST: the token carries no Parley profile; sign in again';
const ALICE = { sub: cognitoIdentity().sub, handle: 'alice', displayName: 'Alice', moderator: false };

interface FakePersist extends DataSourceInvoker {
  requests: PersistRequest[];
}

/** Stores every message it is sent, except texts listed in `refuse`. */
function fakePersist(options: { refuse?: string[]; fail?: boolean } = {}): FakePersist {
  const requests: PersistRequest[] = [];
  return {
    requests,
    async invoke(_name, request) {
      const persist = request.payload as PersistRequest;
      requests.push(persist);
      if (options.fail) return { result: null, error: { message: 'DynamoDB unavailable', type: 'Lambda:Unhandled' } };
      const response: PersistResponse = {
        results: persist.messages.map((m, index) => {
          if (options.refuse?.includes(m.text)) return { eventId: m.eventId, error: 'Refused by the store' };
          const message: ChatMessage = {
            id: `msg-${index}`,
            roomId: persist.roomId,
            text: m.text,
            author: persist.author,
            createdAt: CREATED_AT,
            clientMsgId: m.clientMsgId,
          };
          return { eventId: m.eventId, message };
        }),
      };
      return { result: response, error: null };
    },
  };
}

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function message(n: number, text = `hello ${n}`, extra: Record<string, unknown> = {}) {
  return { id: `e${n}`, payload: { type: 'message', clientMsgId: uuid(n), text, ...extra } };
}

let dir: TempDir;
let mod: HandlerModule;

function handlers(dataSources: DataSourceInvoker = fakePersist()): NamespaceHandlers {
  return createNamespaceHandlers(mod, { namespace: chat, dataSources });
}

beforeAll(async () => {
  dir = await createTempDir('parley-chat-handler-');
  await buildHandlers({ outDir: dir.path, namespaces: [chat] });
  mod = await loadHandlerModule(`${dir.path}/chat.mjs`);
});

afterAll(async () => {
  await dir.remove();
});

describe('chat onPublish', () => {
  it('stores valid messages with the author from the identity and broadcasts message.created', async () => {
    const persist = fakePersist();

    const result = await handlers(persist).onPublish(publishContext({ path: ROOM, events: [message(1)] }));

    expect(persist.requests).toEqual([
      {
        roomId: 'lobby',
        author: ALICE,
        messages: [{ eventId: 'e1', clientMsgId: uuid(1), text: 'hello 1' }],
      },
    ]);
    expect(result).toEqual({
      ok: true,
      events: [
        {
          id: 'e1',
          payload: {
            type: 'message.created',
            message: {
              id: 'msg-0',
              roomId: 'lobby',
              text: 'hello 1',
              author: ALICE,
              createdAt: CREATED_AT,
              clientMsgId: uuid(1),
            },
          },
        },
      ],
    });
  });

  it('ignores a forged author and other unknown fields in the payload', async () => {
    const persist = fakePersist();
    const forged = message(1, 'hi', {
      author: { sub: 'someone-else', handle: 'admin', displayName: 'Admin', moderator: true },
      moderator: true,
      handle: 'admin',
      displayName: 'Admin',
      pinned: true,
    });

    await handlers(persist).onPublish(publishContext({ path: ROOM, events: [forged] }));

    expect(persist.requests[0]?.author).toEqual(ALICE);
    expect(persist.requests[0]?.messages).toEqual([{ eventId: 'e1', clientMsgId: uuid(1), text: 'hi' }]);
  });

  it('stores the text in NFC and sanitized, and counts its length in code points', async () => {
    const persist = fakePersist();
    const decomposed = 'Cafe\u0301\u0000 \u202Eevil\r\n\n\n\n\nend  ';

    const result = await handlers(persist).onPublish(
      publishContext({ path: ROOM, events: [message(1, decomposed), message(2, '😀'.repeat(4000))] }),
    );

    expect(persist.requests[0]?.messages.map((m) => m.text)).toEqual(['Café evil\n\n\nend', '😀'.repeat(4000)]);
    expect(result.ok && result.events.map((e) => e.error)).toEqual([undefined, undefined]);
  });

  it('publishes as the profile the token carries, whatever preferred_username and name say', async () => {
    const persist = fakePersist();
    const bob = cognitoIdentity({
      sub: 'b0b00000-0000-4000-8000-000000000002',
      claims: { preferred_username: 'Alice', name: 'Alice', [HANDLE_CLAIM]: 'bob', [DISPLAY_NAME_CLAIM]: 'Bob' },
    });

    await handlers(persist).onPublish(publishContext({ path: ROOM, identity: bob, events: [message(1)] }));

    expect(persist.requests[0]?.author).toEqual({ sub: bob.sub, handle: 'bob', displayName: 'Bob', moderator: false });
  });

  it('marks a member of the moderators group as a moderator, from the identity only', async () => {
    const persist = fakePersist();
    const morgan = cognitoIdentity({ groups: ['moderators'], claims: { [HANDLE_CLAIM]: 'morgan', [DISPLAY_NAME_CLAIM]: 'Morgan' } });

    await handlers(persist).onPublish(publishContext({ path: ROOM, identity: morgan, events: [message(1)] }));
    await handlers(persist).onPublish(publishContext({ path: ROOM, events: [message(2, 'hi', { moderator: true })] }));

    expect(persist.requests.map((r) => r.author.moderator)).toEqual([true, false]);
  });

  it('sanitizes the display name claim again', async () => {
    const persist = fakePersist();
    const spaced = cognitoIdentity({ claims: { [HANDLE_CLAIM]: 'alice', [DISPLAY_NAME_CLAIM]: 'Al\u200Bice\u202E ' } });

    await handlers(persist).onPublish(publishContext({ path: ROOM, identity: spaced, events: [message(1)] }));

    expect(persist.requests[0]?.author.displayName).toBe('Alice');
  });

  it.each([
    ['no profile claims, only Cognito attributes', { preferred_username: 'Alice', name: 'Alice Liddell' }],
    ['an invalid handle claim', { [HANDLE_CLAIM]: 'Al ice', [DISPLAY_NAME_CLAIM]: 'Alice' }],
    ['a blank display name claim', { [HANDLE_CLAIM]: 'alice', [DISPLAY_NAME_CLAIM]: '\u200B' }],
  ])('fails every event, storing nothing, for a token with %s', async (_case, claims) => {
    const persist = fakePersist();

    const result = await handlers(persist).onPublish(
      publishContext({ path: ROOM, identity: cognitoIdentity({ claims }), events: [message(1), message(2)] }),
    );

    expect(persist.requests).toEqual([]);
    expect(result).toEqual({ ok: true, events: [{ id: 'e1', error: NO_PROFILE_ERROR }, { id: 'e2', error: NO_PROFILE_ERROR }] });
  });

  it('stores the valid events of a mixed batch and fails the invalid ones', async () => {
    const persist = fakePersist();
    const events = [
      message(1),
      { id: 'e2', payload: { type: 'message', clientMsgId: 'not-a-uuid', text: 'x' } },
      message(3, '   '),
      message(4, 'x'.repeat(4001)),
      { id: 'e5', payload: 'just a string' },
      { id: 'e6', payload: { type: 'typing' } },
      message(7, 'x'.repeat(4000)),
    ];

    const result = await handlers(persist).onPublish(publishContext({ path: ROOM, events }));

    expect(persist.requests[0]?.messages.map((m) => m.eventId)).toEqual(['e1', 'e7']);
    expect(result.ok && result.events).toEqual([
      { id: 'e1', payload: expect.objectContaining({ type: 'message.created' }) },
      { id: 'e7', payload: expect.objectContaining({ type: 'message.created' }) },
      { id: 'e2', error: 'BAD_REQUEST: clientMsgId must be a UUID' },
      { id: 'e3', error: EMPTY },
      { id: 'e4', error: 'BAD_REQUEST: text must be at most 4000 characters (it has 4001)' },
      { id: 'e5', error: 'BAD_REQUEST: Event payload must be an object' },
      { id: 'e6', error: 'BAD_REQUEST: Event payload type must be "message", "edit", "delete" or "reaction"' },
    ]);
  });

  it('does not call the Lambda when no event is valid', async () => {
    const persist = fakePersist();

    const result = await handlers(persist).onPublish(publishContext({ path: ROOM, events: [message(1, '')] }));

    expect(persist.requests).toEqual([]);
    expect(result).toEqual({ ok: true, events: [{ id: 'e1', error: EMPTY }] });
  });

  it('fails every stored candidate, broadcasting nothing, when the Lambda fails', async () => {
    const persist = fakePersist({ fail: true });

    const result = await handlers(persist).onPublish(
      publishContext({ path: ROOM, events: [message(1), message(2, ''), message(3)] }),
    );

    expect(result).toEqual({
      ok: true,
      events: [
        { id: 'e1', error: 'UNAVAILABLE: Message not stored; please retry' },
        { id: 'e3', error: 'UNAVAILABLE: Message not stored; please retry' },
        { id: 'e2', error: EMPTY },
      ],
    });
  });

  it('reports the per-event errors the Lambda returns', async () => {
    const persist = fakePersist({ refuse: ['spam'] });

    const result = await handlers(persist).onPublish(publishContext({ path: ROOM, events: [message(1), message(2, 'spam')] }));

    expect(result.ok && result.events[1]).toEqual({ id: 'e2', error: 'Refused by the store' });
  });

  it('forwards events from an IAM publisher unchanged, without calling the Lambda', async () => {
    const persist = fakePersist();
    const removal = { id: 'e1', payload: { type: 'message.removed', roomId: 'lobby', id: 'msg-0' } };

    const result = await handlers(persist).onPublish(publishContext({ path: ROOM, identity: iamIdentity(), events: [removal] }));

    expect(persist.requests).toEqual([]);
    expect(result).toEqual({ ok: true, events: [removal] });
  });

  it('refuses a publish outside a room channel', async () => {
    const result = await handlers().onPublish(publishContext({ path: '/chat/lobby', events: [message(1)] }));

    expect(result).toEqual({ ok: false, error: { errorType: 'BadRequestException', message: expect.any(String) } });
  });

  it('refuses a publish without a user identity', async () => {
    const result = await handlers().onPublish(publishContext({ path: ROOM, identity: null, events: [message(1)] }));

    expect(result).toEqual({ ok: false, error: { errorType: 'UnauthorizedException', message: expect.any(String) } });
  });
});

describe('chat onSubscribe', () => {
  it('allows a signed-in user on a room channel', async () => {
    expect(await handlers().onSubscribe(subscribeContext({ path: ROOM }))).toEqual({ ok: true });
  });

  it.each([
    ['a wildcard', '/chat/rooms/*'],
    ['the namespace root', '/chat/*'],
    ['a malformed room id', '/chat/rooms/Not_Valid'],
    ['a deeper path', '/chat/rooms/lobby/extra'],
  ])('refuses %s', async (_label, path) => {
    const result = await handlers().onSubscribe(subscribeContext({ path }));

    expect(result).toEqual({ ok: false, error: { errorType: 'Unauthorized', message: expect.any(String) } });
  });

  it('allows a signed-in user whose token carries no profile yet', async () => {
    const result = await handlers().onSubscribe(subscribeContext({ path: ROOM, identity: cognitoIdentity({ claims: {} }) }));

    expect(result).toEqual({ ok: true });
  });

  it('refuses an IAM or anonymous subscriber', async () => {
    const iam = await handlers().onSubscribe(subscribeContext({ path: ROOM, identity: iamIdentity() }));
    const anonymous = await handlers().onSubscribe(subscribeContext({ path: ROOM, identity: null }));

    expect(iam).toMatchObject({ ok: false, error: { errorType: 'Unauthorized' } });
    expect(anonymous).toMatchObject({ ok: false, error: { errorType: 'Unauthorized' } });
  });
});
