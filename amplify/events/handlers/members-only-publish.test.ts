import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEventError } from '../../../core/event-errors.ts';
import type { PersistRequest, PersistResponse, ThrottleSignalsRequest, ThrottleSignalsResponse } from '../../../core/messages.ts';
import { createNamespaceHandlers, type DataSourceInvoker, type HandlerModule, loadHandlerModule } from 'appsync-events-local/sandbox';
import { cognitoIdentity, createTempDir, publishContext } from '../../../local/test-support/handler-fixtures.ts';
import type { TempDir } from '../../../local/test-support/handler-fixtures.ts';
import { eventApi } from '../../definition.ts';
import type { NamespaceDefinition } from '../../definition.ts';
import { buildHandlers } from '../build-handlers.ts';

const chat = eventApi.namespaces.find((n) => n.name === 'chat') as NamespaceDefinition;
const signals = eventApi.namespaces.find((n) => n.name === 'signals') as NamespaceDefinition;
const PRIVATE = `p-${'0123456789abcdefghjkmnpqrs'}`;
const DM = `d-${'0123456789abcdefghjkmnpqrs'}`;
const EPOCH = 'tvwxyz0123';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const NOT_FOUND = formatEventError('NOT_FOUND', `Room ${PRIVATE} does not exist; create it with POST /rooms`);
const MOVED = formatEventError('ROOM_MOVED', `Room ${PRIVATE} has a new channel; read the room again and send there`);

/** Records the requests; answers every message with `error`, or stores it. */
function persistSource(error?: string): DataSourceInvoker & { requests: PersistRequest[] } {
  const requests: PersistRequest[] = [];
  return {
    requests,
    async invoke(_name, request) {
      const persist = request.payload as PersistRequest;
      requests.push(persist);
      const response: PersistResponse = {
        results: persist.messages.map((m) =>
          error === undefined
            ? {
                eventId: m.eventId,
                message: { id: `id-${m.eventId}`, roomId: persist.roomId, text: m.text, author: persist.author, createdAt: NOW.toISOString(), clientMsgId: m.clientMsgId },
              }
            : { eventId: m.eventId, error },
        ),
      };
      return { result: response, error: null };
    },
  };
}

/** Records the requests; refuses the batch with `error`, or lets the first event through. */
function throttleSource(error?: string): DataSourceInvoker & { requests: ThrottleSignalsRequest[] } {
  const requests: ThrottleSignalsRequest[] = [];
  return {
    requests,
    async invoke(_name, request) {
      const throttle = request.payload as ThrottleSignalsRequest;
      requests.push(throttle);
      const response: ThrottleSignalsResponse = error === undefined ? { allowedIds: throttle.eventIds.slice(0, 1) } : { allowedIds: [], error };
      return { result: response, error: null };
    },
  };
}

const message = (n: number) => ({ id: `e${n}`, payload: { type: 'message', clientMsgId: `00000000-0000-4000-8000-00000000000${n}`, text: `hi ${n}` } });

let dir: TempDir;
let chatModule: HandlerModule;
let signalsModule: HandlerModule;

beforeAll(async () => {
  dir = await createTempDir('parley-members-only-handlers-');
  await buildHandlers({ outDir: dir.path, namespaces: [chat, signals] });
  chatModule = await loadHandlerModule(`${dir.path}/chat.mjs`);
  signalsModule = await loadHandlerModule(`${dir.path}/signals.mjs`);
});

afterAll(async () => {
  await dir.remove();
});

describe('chat onPublish in private rooms and DMs', () => {
  const onPublish = (dataSources: DataSourceInvoker, path: string, events = [message(1)]) =>
    createNamespaceHandlers(chatModule, { namespace: chat, dataSources }).onPublish(publishContext({ path, events }));

  it.each([PRIVATE, DM])('sends the room and the channel\'s epoch to persist-messages for %s', async (roomId) => {
    const persist = persistSource();

    const result = await onPublish(persist, `/chat/rooms/${roomId}/${EPOCH}`);

    expect(persist.requests).toEqual([expect.objectContaining({ roomId, epoch: EPOCH, messages: [expect.objectContaining({ eventId: 'e1', text: 'hi 1' })] })]);
    expect(result.ok && result.events.map((e) => e.payload)).toEqual([expect.objectContaining({ type: 'message.created' })]);
  });

  it('sends no epoch for a public room', async () => {
    const persist = persistSource();

    await onPublish(persist, '/chat/rooms/lobby');

    expect(persist.requests[0]).not.toHaveProperty('epoch');
    expect(persist.requests[0]?.roomId).toBe('lobby');
  });

  it.each([
    ['a private room without its epoch', `/chat/rooms/${PRIVATE}`],
    ['a DM without its epoch', `/chat/rooms/${DM}`],
    ['a public room with an epoch', `/chat/rooms/lobby/${EPOCH}`],
    ['a malformed epoch', `/chat/rooms/${PRIVATE}/NOT-EPOCH`],
    ['a wildcard epoch', `/chat/rooms/${PRIVATE}/*`],
  ])('refuses a publish on %s, asking nothing', async (_case, path) => {
    const persist = persistSource();

    const result = await onPublish(persist, path);

    expect(result).toMatchObject({ ok: false, error: { errorType: 'BadRequestException' } });
    expect(persist.requests).toEqual([]);
  });

  it.each([
    ['a non-member', NOT_FOUND],
    ['a stale epoch', MOVED],
  ])('fails every event with the store\'s answer for %s, broadcasting nothing', async (_case, error) => {
    const result = await onPublish(persistSource(error), `/chat/rooms/${PRIVATE}/${EPOCH}`, [message(1), message(2)]);

    expect(result).toEqual({ ok: true, events: [{ id: 'e1', error }, { id: 'e2', error }] });
  });
});

describe('signals onPublish in private rooms and DMs', () => {
  const onPublish = (dataSources: DataSourceInvoker, path: string, events: { id: string; payload: unknown }[]) =>
    createNamespaceHandlers(signalsModule, { namespace: signals, dataSources, now: () => NOW }).onPublish(publishContext({ path, events }));
  const typing = (id: string) => ({ id, payload: { type: 'typing' } });

  it('sends the room and the channel\'s epoch to the throttle, and broadcasts what it allows', async () => {
    const throttle = throttleSource();

    const result = await onPublish(throttle, `/signals/rooms/${PRIVATE}/${EPOCH}`, [typing('e1')]);

    expect(throttle.requests).toEqual([{ authorSub: cognitoIdentity().sub, roomId: PRIVATE, epoch: EPOCH, eventIds: ['e1'] }]);
    expect(result.ok && result.events.map((e) => e.payload)).toEqual([expect.objectContaining({ type: 'typing', roomId: PRIVATE })]);
  });

  it.each([
    ['a non-member', NOT_FOUND],
    ['a stale epoch', MOVED],
  ])('fails every typing event with the throttle\'s answer for %s, and the other events as before', async (_case, error) => {
    const result = await onPublish(throttleSource(error), `/signals/rooms/${PRIVATE}/${EPOCH}`, [typing('e1'), typing('e2'), { id: 'e3', payload: 'x' }]);

    expect(result).toEqual({
      ok: true,
      events: [
        { id: 'e1', error },
        { id: 'e2', error },
        { id: 'e3', error: 'BAD_REQUEST: Only {"type":"typing"} signals are accepted' },
      ],
    });
  });

  it.each([
    ['a private room without its epoch', `/signals/rooms/${PRIVATE}`],
    ['a public room with an epoch', `/signals/rooms/lobby/${EPOCH}`],
  ])('refuses a signal on %s, asking nothing', async (_case, path) => {
    const throttle = throttleSource();

    const result = await onPublish(throttle, path, [typing('e1')]);

    expect(result).toMatchObject({ ok: false, error: { errorType: 'BadRequestException' } });
    expect(throttle.requests).toEqual([]);
  });
});
