import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersistRequest, PersistResponse, PersistResult } from '../../../core/messages.ts';
import { createNamespaceHandlers, type DataSourceInvoker, type HandlerModule, loadHandlerModule, type NamespaceHandlers } from 'appsync-events-local/sandbox';
import { cognitoIdentity, createTempDir, publishContext } from '../../../local/test-support/handler-fixtures.ts';
import type { TempDir } from '../../../local/test-support/handler-fixtures.ts';
import { eventApi } from '../../definition.ts';
import type { NamespaceDefinition } from '../../definition.ts';
import { buildHandlers } from '../build-handlers.ts';

const chat = eventApi.namespaces.find((n) => n.name === 'chat') as NamespaceDefinition;
const ROOM = '/chat/rooms/lobby';
const ALICE = { sub: cognitoIdentity().sub, handle: 'alice', displayName: 'Alice', moderator: false };
const MSG = '01JF8Z5Y6Q7R8S9T0V1W2X3Y4Z';
const CREATED_AT = '2026-03-01T12:00:00.000Z';

/** Answers each change with the event persist-messages would, or with `errors[eventId]`. */
function fakePersist(errors: Record<string, string> = {}): DataSourceInvoker & { requests: PersistRequest[] } {
  const requests: PersistRequest[] = [];
  return {
    requests,
    async invoke(_name, request) {
      const persist = request.payload as PersistRequest;
      requests.push(persist);
      const changed = (persist.changes ?? []).map((c): PersistResult => {
        if (errors[c.eventId]) return { eventId: c.eventId, error: errors[c.eventId] };
        if (c.type === 'delete') return { eventId: c.eventId, change: { type: 'message.deleted', roomId: persist.roomId, id: c.messageId } };
        if (c.type === 'reaction') {
          return { eventId: c.eventId, change: { type: 'reaction.changed', roomId: persist.roomId, id: c.messageId, emoji: c.emoji, count: 1, author: persist.author, add: c.add } };
        }
        const message = { id: c.messageId, roomId: persist.roomId, text: c.text, author: persist.author, createdAt: CREATED_AT, clientMsgId: 'x', editedAt: CREATED_AT };
        return { eventId: c.eventId, change: { type: 'message.edited', message } };
      });
      const stored = persist.messages.map((m): PersistResult => ({
        eventId: m.eventId,
        message: { id: MSG, roomId: persist.roomId, text: m.text, author: persist.author, createdAt: CREATED_AT, clientMsgId: m.clientMsgId },
      }));
      const response: PersistResponse = { results: [...stored, ...changed] };
      return { result: response, error: null };
    },
  };
}

let dir: TempDir;
let mod: HandlerModule;

function handlers(dataSources: DataSourceInvoker): NamespaceHandlers {
  return createNamespaceHandlers(mod, { namespace: chat, dataSources });
}

beforeAll(async () => {
  dir = await createTempDir('parley-chat-changes-');
  await buildHandlers({ outDir: dir.path, namespaces: [chat] });
  mod = await loadHandlerModule(`${dir.path}/chat.mjs`);
});

afterAll(async () => {
  await dir.remove();
});

describe('chat onPublish: edits, deletes, reactions and replies', () => {
  it('sends messages and changes in one request, the author from the token, and broadcasts each result', async () => {
    const persist = fakePersist();
    const events = [
      { id: 'm', payload: { type: 'message', clientMsgId: '00000000-0000-4000-8000-000000000001', text: 'yes', replyTo: MSG } },
      { id: 'e', payload: { type: 'edit', messageId: MSG, text: ' fixed\u0000 ', author: { sub: 'forged' } } },
      { id: 'd', payload: { type: 'delete', messageId: MSG } },
      { id: 'r', payload: { type: 'reaction', messageId: MSG, emoji: '👍', add: true } },
    ];

    const result = await handlers(persist).onPublish(publishContext({ path: ROOM, events }));

    expect(persist.requests).toEqual([
      {
        roomId: 'lobby',
        author: ALICE,
        messages: [{ eventId: 'm', clientMsgId: '00000000-0000-4000-8000-000000000001', text: 'yes', replyTo: MSG }],
        changes: [
          { eventId: 'e', type: 'edit', messageId: MSG, text: 'fixed' },
          { eventId: 'd', type: 'delete', messageId: MSG },
          { eventId: 'r', type: 'reaction', messageId: MSG, emoji: '👍', add: true },
        ],
      },
    ]);
    expect(result.ok && result.events.map((e) => [e.id, (e.payload as { type?: string } | undefined)?.type ?? e.error])).toEqual([
      ['m', 'message.created'],
      ['e', 'message.edited'],
      ['d', 'message.deleted'],
      ['r', 'reaction.changed'],
    ]);
  });

  it('refuses malformed changes per event and sends the rest', async () => {
    const persist = fakePersist();
    const events = [
      { id: 'no-id', payload: { type: 'delete', messageId: 'nope' } },
      { id: 'no-text', payload: { type: 'edit', messageId: MSG, text: ' \n ' } },
      { id: 'text-emoji', payload: { type: 'reaction', messageId: MSG, emoji: '<b>', add: true } },
      { id: 'no-add', payload: { type: 'reaction', messageId: MSG, emoji: '👍' } },
      { id: 'pin', payload: { type: 'pin', messageId: MSG } },
      { id: 'ok', payload: { type: 'delete', messageId: MSG } },
    ];

    const result = await handlers(persist).onPublish(publishContext({ path: ROOM, events }));

    expect(persist.requests[0]?.changes).toEqual([{ eventId: 'ok', type: 'delete', messageId: MSG }]);
    expect(result.ok && result.events).toEqual([
      { id: 'ok', payload: { type: 'message.deleted', roomId: 'lobby', id: MSG } },
      { id: 'no-id', error: 'BAD_REQUEST: messageId must be a message id' },
      { id: 'no-text', error: 'BAD_REQUEST: text is empty after removing whitespace and control characters' },
      { id: 'text-emoji', error: 'BAD_REQUEST: emoji must be one emoji' },
      { id: 'no-add', error: 'BAD_REQUEST: add must be a boolean' },
      { id: 'pin', error: 'BAD_REQUEST: Event payload type must be "message", "edit", "delete" or "reaction"' },
    ]);
  });

  it('passes the Lambda per-event errors on and broadcasts nothing for them', async () => {
    const persist = fakePersist({ e: 'NOT_AUTHOR: Only the author may edit message x' });

    const result = await handlers(persist).onPublish(
      publishContext({ path: ROOM, events: [{ id: 'e', payload: { type: 'edit', messageId: MSG, text: 'mine now' } }] }),
    );

    expect(result.ok && result.events).toEqual([{ id: 'e', error: 'NOT_AUTHOR: Only the author may edit message x' }]);
  });

  it('fails every change as not stored when the Lambda fails', async () => {
    const failing: DataSourceInvoker = { invoke: async () => ({ result: null, error: { message: 'boom', type: 'Lambda:Unhandled' } }) };

    const result = await handlers(failing).onPublish(publishContext({ path: ROOM, events: [{ id: 'r', payload: { type: 'reaction', messageId: MSG, emoji: '🎉', add: false } }] }));

    expect(result.ok && result.events).toEqual([{ id: 'r', error: 'UNAVAILABLE: Message not stored; please retry' }]);
  });
});
