import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEventsService, type TestEventsService } from './test-events-service.ts';
import { headerSubprotocol } from './test-socket.ts';

let local: TestEventsService;

beforeEach(async () => {
  local = await startTestEventsService();
});

afterEach(async () => {
  await local.close();
});

const subscribe = (id: string, channel: string, token = 'alice-token') => ({ type: 'subscribe', id, channel, authorization: { Authorization: token } });

describe('subscribe', () => {
  it('answers subscribe_success with the same id', async () => {
    const socket = await local.connect('alice-token');

    socket.send(subscribe('sub-1', 'chat/rooms/r1'));

    expect(await socket.next()).toEqual({ type: 'subscribe_success', id: 'sub-1' });
  });

  it('runs onSubscribe with the ctx AppSync builds', async () => {
    const socket = await local.connect('alice-token');

    socket.send({ ...subscribe('sub-1', 'chat/rooms/*'), authorization: { Authorization: 'Bearer alice-token', host: 'localhost' } });
    await socket.next('subscribe_success');

    expect(local.chat.contexts).toEqual([
      {
        identity: expect.objectContaining({ username: 'alice', sub: 'sub-alice' }),
        request: { headers: expect.objectContaining({ authorization: 'alice-token', host: 'localhost' }), domainName: null },
        info: { channel: { path: '/chat/rooms/*', segments: ['chat', 'rooms', '*'] }, channelNamespace: { name: 'chat' }, operation: 'SUBSCRIBE' },
        events: null,
        stash: {},
      },
    ]);
  });

  it('authorizes against the namespace subscribe modes with the signed body of the channel', async () => {
    const socket = await local.connect('alice-token');

    socket.send(subscribe('sub-1', 'chat/rooms/r1'));
    await socket.next('subscribe_success');

    expect(local.authorizer.calls.at(-1)).toMatchObject({ request: { signedBody: '{"channel":"chat/rooms/r1"}' }, modes: ['AMAZON_COGNITO_USER_POOLS'] });
  });

  it('refuses credentials the namespace does not accept with UnauthorizedException', async () => {
    const socket = await local.connect('iam-token');

    socket.send(subscribe('sub-1', '/chat/rooms/r1', 'iam-token'));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'UnauthorizedException', message: expect.any(String) }] });
    expect(local.chat.contexts).toEqual([]);
  });

  it('reads credentials from payload.extensions.authorization when the frame has none', async () => {
    const socket = await local.connect('iam-token');

    socket.send({ type: 'subscribe', id: 'sub-1', channel: '/chat/a', payload: { extensions: { authorization: { AUTHORIZATION: 'bob-token' } } } });

    expect(await socket.next()).toEqual({ type: 'subscribe_success', id: 'sub-1' });
    expect(local.chat.contexts[0]?.identity).toMatchObject({ username: 'bob' });
  });

  it("falls back to the connection's credentials", async () => {
    const socket = await local.connect('bob-token');

    socket.send({ type: 'subscribe', id: 'sub-1', channel: '/chat/a' });

    expect(await socket.next()).toEqual({ type: 'subscribe_success', id: 'sub-1' });
  });

  it('accepts a subscribe without connection_init', async () => {
    const socket = await local.open({ protocols: ['aws-appsync-event-ws', headerSubprotocol({ Authorization: 'alice-token' })] });

    socket.send(subscribe('sub-1', '/chat/a'));

    expect(await socket.next('subscribe_success')).toEqual({ type: 'subscribe_success', id: 'sub-1' });
  });

  it("passes the onSubscribe handler's error through as subscribe_error", async () => {
    local.chat.subscribe = () => ({ ok: false, error: { errorType: 'Unauthorized', message: 'Not a member' } });
    const socket = await local.connect('alice-token');

    socket.send(subscribe('sub-1', '/chat/rooms/r1'));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'Unauthorized', message: 'Not a member' }] });
  });

  it('answers a crashing onSubscribe with SubscriptionProcessingError and keeps the socket', async () => {
    local.chat.subscribe = () => {
      throw new Error('boom');
    };
    const socket = await local.connect('alice-token');

    socket.send(subscribe('sub-1', '/chat/a'));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'SubscriptionProcessingError', message: 'boom' }] });
    socket.send(subscribe('sub-2', '/open/a'));
    expect(await socket.next()).toEqual({ type: 'subscribe_success', id: 'sub-2' });
  });

  it.each([
    ['an invalid channel', '/chat/bad_segment'],
    ['a mid-path wildcard', '/chat/*/x'],
    ['a namespace wildcard', '/*'],
    ['an unknown namespace', '/nowhere/a'],
  ])('refuses %s with BadRequestException', async (_, channel) => {
    const socket = await local.connect('alice-token');

    socket.send(subscribe('sub-1', channel));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'BadRequestException', message: expect.any(String) }] });
  });

  it('refuses an id that is already subscribed with DuplicatedOperationError', async () => {
    const socket = await local.connect('alice-token');
    socket.send(subscribe('sub-1', '/chat/a'));
    await socket.next('subscribe_success');

    socket.send(subscribe('sub-1', '/chat/b'));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'DuplicatedOperationError', message: expect.any(String) }] });
  });

  it('refuses a malformed id with subscribe_error', async () => {
    const socket = await local.connect('alice-token');

    socket.send(subscribe('has space', '/chat/a'));

    expect(await socket.next()).toMatchObject({ type: 'subscribe_error', id: 'has space', errors: [{ errorType: 'BadRequestException' }] });
  });

  it('refuses the 201st subscription with MaxSubscriptionsReachedError', async () => {
    const socket = await local.connect('alice-token');
    for (let i = 0; i < 200; i += 1) socket.send(subscribe(`s${i}`, `/open/c${i}`));
    for (let i = 0; i < 200; i += 1) await socket.next((f) => f.type === 'subscribe_success' && f.id === `s${i}`);

    socket.send(subscribe('s200', '/open/c200'));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 's200', errors: [{ errorType: 'MaxSubscriptionsReachedError', message: expect.any(String) }] });
  });

  it('refuses a subscribe frame over 240 KB', async () => {
    const socket = await local.connect('alice-token');

    socket.send({ ...subscribe('sub-1', '/chat/a'), padding: 'x'.repeat(240 * 1024) });

    expect(await socket.next()).toMatchObject({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'BadRequestException' }] });
  });
});

describe('unsubscribe', () => {
  it('answers unsubscribe_success and stops delivery', async () => {
    const socket = await local.connect('alice-token');
    socket.send(subscribe('sub-1', '/chat/a'));
    await socket.next('subscribe_success');

    socket.send({ type: 'unsubscribe', id: 'sub-1' });
    expect(await socket.next()).toEqual({ type: 'unsubscribe_success', id: 'sub-1' });
    socket.send({ type: 'publish', id: 'p1', channel: '/chat/a', events: ['1'] });
    await socket.next('publish_success');

    expect(await socket.settle()).toEqual([]);
  });

  it('lets the id be reused after unsubscribing', async () => {
    const socket = await local.connect('alice-token');
    socket.send(subscribe('sub-1', '/chat/a'));
    await socket.next('subscribe_success');
    socket.send({ type: 'unsubscribe', id: 'sub-1' });
    await socket.next('unsubscribe_success');

    socket.send(subscribe('sub-1', '/chat/b'));

    expect(await socket.next()).toEqual({ type: 'subscribe_success', id: 'sub-1' });
  });

  it('answers an unknown id with UnknownOperationError', async () => {
    const socket = await local.connect('alice-token');

    socket.send({ type: 'unsubscribe', id: 'never' });

    expect(await socket.next()).toEqual({ type: 'unsubscribe_error', id: 'never', errors: [{ errorType: 'UnknownOperationError', message: 'Unknown operation id never' }] });
  });

  it("cannot unsubscribe another connection's subscription", async () => {
    const alice = await local.connect('alice-token');
    const bob = await local.connect('bob-token');
    alice.send(subscribe('shared-id', '/chat/a'));
    await alice.next('subscribe_success');

    bob.send({ type: 'unsubscribe', id: 'shared-id' });

    expect(await bob.next()).toMatchObject({ type: 'unsubscribe_error', errors: [{ errorType: 'UnknownOperationError' }] });
  });
});
