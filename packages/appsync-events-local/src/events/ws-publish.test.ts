import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEventsService, type TestEventsService } from './test-events-service.ts';
import type { TestSocket } from './test-socket.ts';

const KB = 1024;
let local: TestEventsService;

beforeEach(async () => {
  local = await startTestEventsService();
});

afterEach(async () => {
  await local.close();
});

async function subscribed(socket: TestSocket, id: string, channel: string): Promise<void> {
  socket.send({ type: 'subscribe', id, channel });
  await socket.next((f) => f.type === 'subscribe_success' && f.id === id);
}

const publish = (id: string, channel: string, events: unknown, token = 'alice-token') => ({
  type: 'publish',
  id,
  channel,
  events,
  authorization: { Authorization: token },
});

describe('publish over WebSocket', () => {
  it('broadcasts one data frame per event, event as a JSON string, then answers publish_success', async () => {
    const socket = await local.connect('alice-token');
    await subscribed(socket, 'sub-1', 'chat/rooms/r1');

    socket.send(publish('pub-1', 'chat/rooms/r1', ['{"text":"hi"}', '"plain"', '42']));

    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '{"text":"hi"}' });
    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '"plain"' });
    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '42' });
    const reply = await socket.next();
    expect(reply).toEqual({
      type: 'publish_success',
      id: 'pub-1',
      successful: [0, 1, 2].map((index) => ({ identifier: expect.stringMatching(/^[0-9a-f-]{36}$/), index })),
      failed: [],
    });
  });

  it('gives onPublish the ctx AppSync builds, with one uuid per event that matches the identifiers', async () => {
    const socket = await local.connect('alice-token');

    socket.send(publish('pub-1', '/chat/rooms/r1', ['{"a":1}', '[2]']));
    const reply = await socket.next('publish_success');

    const ctx = local.chat.contexts[0];
    expect(ctx).toEqual({
      identity: expect.objectContaining({ username: 'alice' }),
      request: { headers: expect.objectContaining({ authorization: 'alice-token' }), domainName: null },
      info: { channel: { path: '/chat/rooms/r1', segments: ['chat', 'rooms', 'r1'] }, channelNamespace: { name: 'chat' }, operation: 'PUBLISH' },
      events: [
        { id: expect.any(String), payload: { a: 1 } },
        { id: expect.any(String), payload: [2] },
      ],
      stash: {},
    });
    expect((reply.successful as { identifier: string }[]).map((s) => s.identifier)).toEqual(ctx?.events?.map((e) => e.id));
  });

  it('authorizes against the namespace publish modes with the signed body of channel and events', async () => {
    const socket = await local.connect('alice-token');

    socket.send(publish('pub-1', 'signals/x', ['1']));
    await socket.next('publish_success');

    expect(local.authorizer.calls.at(-1)).toMatchObject({
      request: { signedBody: '{"channel":"signals/x","events":["1"]}' },
      modes: ['AMAZON_COGNITO_USER_POOLS'],
    });
  });

  it('refuses credentials the namespace does not accept with publish_error UnauthorizedException', async () => {
    const socket = await local.connect('iam-token');

    socket.send(publish('pub-1', '/signals/x', ['1'], 'iam-token'));

    expect(await socket.next()).toEqual({ type: 'publish_error', id: 'pub-1', errors: [{ errorType: 'UnauthorizedException', message: expect.any(String) }] });
  });

  it('broadcasts transformed payloads in the order onPublish returned them', async () => {
    local.chat.publish = (ctx) => ({ ok: true, events: [...(ctx.events ?? [])].reverse().map((e) => ({ id: e.id, payload: { wrapped: e.payload } })) });
    const socket = await local.connect('alice-token');
    await subscribed(socket, 'sub-1', '/chat/a');

    socket.send(publish('pub-1', '/chat/a', ['1', '2']));

    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '{"wrapped":2}' });
    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '{"wrapped":1}' });
    expect(await socket.next()).toMatchObject({ type: 'publish_success', failed: [] });
  });

  it('reports events onPublish failed in failed and broadcasts the rest', async () => {
    local.chat.publish = (ctx) => ({
      ok: true,
      events: (ctx.events ?? []).map((e, i) => (i === 1 ? { id: e.id, error: 'Message too rude' } : e)),
    });
    const socket = await local.connect('alice-token');
    await subscribed(socket, 'sub-1', '/chat/a');

    socket.send(publish('pub-1', '/chat/a', ['"ok"', '"rude"']));

    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '"ok"' });
    expect(await socket.next()).toEqual({
      type: 'publish_success',
      id: 'pub-1',
      successful: [{ identifier: expect.any(String), index: 0 }],
      failed: [{ identifier: expect.any(String), index: 1, code: 400, message: 'Message too rude' }],
    });
  });

  it('counts events onPublish dropped as successful without broadcasting them', async () => {
    local.chat.publish = () => ({ ok: true, events: [] });
    const socket = await local.connect('alice-token');
    await subscribed(socket, 'sub-1', '/chat/a');

    socket.send(publish('pub-1', '/chat/a', ['1']));

    expect(await socket.next()).toMatchObject({ type: 'publish_success', successful: [{ index: 0 }], failed: [] });
    expect(await socket.settle()).toEqual([]);
  });

  it.each([
    ['util.unauthorized()', { errorType: 'Unauthorized', message: 'Unauthorized' }, 'UnauthorizedException'],
    ['util.error()', { errorType: 'PersistFailed', message: 'could not store' }, 'PersistFailed'],
  ])('answers a handler %s with publish_error and broadcasts nothing', async (_, error, errorType) => {
    local.chat.publish = () => ({ ok: false, error });
    const socket = await local.connect('alice-token');
    await subscribed(socket, 'sub-1', '/chat/a');

    socket.send(publish('pub-1', '/chat/a', ['1']));

    expect(await socket.next()).toEqual({ type: 'publish_error', id: 'pub-1', errors: [{ errorType, message: error.message }] });
    expect(await socket.settle()).toEqual([]);
  });

  it('treats a handler result with an unknown event id as a handler error', async () => {
    local.chat.publish = () => ({ ok: true, events: [{ id: 'made-up', payload: 1 }] });
    const socket = await local.connect('alice-token');

    socket.send(publish('pub-1', '/chat/a', ['1']));

    expect(await socket.next()).toMatchObject({ type: 'publish_error', id: 'pub-1', errors: [{ errorType: 'MessageProcessingError' }] });
  });

  it('answers a crashing onPublish with publish_error and keeps the socket', async () => {
    local.chat.publish = () => {
      throw new Error('sandbox exploded');
    };
    const socket = await local.connect('alice-token');

    socket.send(publish('pub-1', '/chat/a', ['1']));
    expect(await socket.next()).toMatchObject({ type: 'publish_error', id: 'pub-1', errors: [{ errorType: 'InternalFailureException' }] });
    socket.send(publish('pub-2', '/open/a', ['1']));

    expect(await socket.next()).toMatchObject({ type: 'publish_success', id: 'pub-2' });
  });

  it('uses AppSync defaults for a namespace without handlers', async () => {
    const socket = await local.connect('alice-token');
    await subscribed(socket, 'sub-1', '/open/a');

    socket.send(publish('pub-1', 'open/a', ['{"x":1}']));

    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '{"x":1}' });
    expect(await socket.next()).toMatchObject({ type: 'publish_success' });
  });

  it('accepts a publish without connection_init or a subscription', async () => {
    const socket = await local.open({ protocols: ['aws-appsync-event-ws'], headers: { Authorization: 'alice-token' } });

    socket.send(publish('pub-1', '/chat/a', ['1']));

    expect(await socket.next('publish_success')).toMatchObject({ id: 'pub-1' });
  });

  it.each([
    ['six events', () => ['1', '2', '3', '4', '5', '6'], /At most 5 events/],
    ['an event of 241 KB', () => [JSON.stringify('x'.repeat(241 * KB))], /Event 0 exceeds/],
    ['an event that is not JSON', () => ['{oops'], /not valid JSON/],
    ['an event that is not a string', () => [{ a: 1 }], /not a string/],
    // Valid JSON nested past the stack a recursive copy has (it once got InternalFailureException).
    ['an event nested 20,000 levels deep', () => [`${'['.repeat(20_000)}${']'.repeat(20_000)}`], /deeper than 1000 levels/],
    ['no events', () => [], /non-empty array/],
    ['a missing events field', () => undefined, /non-empty array/],
    // Quotes escape to \" in the frame: five ~215 KB events make a ~1.8 MB frame.
    ['a request over 1.2 MB', () => Array.from({ length: 5 }, () => JSON.stringify(Array.from({ length: 70 * KB }, () => ''))), /Publish request exceeds/],
  ])('refuses %s with publish_error BadRequestException and broadcasts nothing', async (_, events, message) => {
    const socket = await local.connect('alice-token');
    await subscribed(socket, 'sub-1', '/chat/a');

    socket.send(publish('pub-1', '/chat/a', events()));

    expect(await socket.next()).toEqual({ type: 'publish_error', id: 'pub-1', errors: [{ errorType: 'BadRequestException', message: expect.stringMatching(message) }] });
    expect(await socket.settle()).toEqual([]);
  });

  it.each([
    ['a wildcard channel', '/chat/*'],
    ['an invalid channel', '/chat/a b'],
    ['an unknown namespace', '/nowhere/a'],
    ['a missing channel', undefined],
  ])('refuses %s with publish_error BadRequestException', async (_, channel) => {
    const socket = await local.connect('alice-token');

    socket.send(publish('pub-1', channel as string, ['1']));

    expect(await socket.next()).toEqual({ type: 'publish_error', id: 'pub-1', errors: [{ errorType: 'BadRequestException', message: expect.any(String) }] });
  });

  it('closes only the offending socket when a frame exceeds the WebSocket limit', async () => {
    const bystander = await local.connect('bob-token');
    const socket = await local.connect('alice-token');

    socket.sendRaw('x'.repeat(3 * KB * KB));
    await socket.closed;

    bystander.send(publish('pub-1', '/chat/a', ['1'], 'bob-token'));
    expect(await bystander.next()).toMatchObject({ type: 'publish_success' });
  });
});

describe('delivery', () => {
  it('delivers to wildcard subscriptions at any depth below the prefix but not the prefix itself', async () => {
    const socket = await local.connect('alice-token');
    await subscribed(socket, 'rooms', '/chat/rooms/*');

    for (const [i, channel] of ['/chat/rooms', '/chat/rooms/r1', '/chat/rooms/r1/typing', '/chat/other'].entries()) {
      socket.send(publish(`p${i}`, channel, [JSON.stringify(channel)]));
      await socket.next((f) => f.type === 'publish_success' && f.id === `p${i}`);
    }

    expect((await socket.settle()).map((f) => f.event)).toEqual(['"/chat/rooms/r1"', '"/chat/rooms/r1/typing"']);
  });

  it('sends each overlapping subscription its own frame', async () => {
    const socket = await local.connect('alice-token');
    await subscribed(socket, 'exact', '/chat/rooms/r1');
    await subscribed(socket, 'wild', '/chat/*');

    socket.send(publish('pub-1', '/chat/rooms/r1', ['1']));
    await socket.next('publish_success');

    const frames = await socket.settle();
    expect(frames.map((f) => f.id).sort()).toEqual(['exact', 'wild']);
  });

  it('reaches other connections only through their own matching subscriptions', async () => {
    const alice = await local.connect('alice-token');
    const bob = await local.connect('bob-token');
    const carol = await local.connect('alice-token');
    await subscribed(bob, 'bob-sub', '/chat/rooms/r1');
    await subscribed(carol, 'carol-sub', '/chat/rooms/r2');

    alice.send(publish('pub-1', '/chat/rooms/r1', ['"hello"']));
    await alice.next('publish_success');

    expect(await bob.settle()).toEqual([{ type: 'data', id: 'bob-sub', event: '"hello"' }]);
    expect(await carol.settle()).toEqual([]);
    expect(await alice.settle()).toEqual([]);
  });

  it('stops delivering to a connection once it closes', async () => {
    const alice = await local.connect('alice-token');
    const bob = await local.connect('bob-token');
    await subscribed(bob, 'bob-sub', '/chat/a');
    await bob.close();

    alice.send(publish('pub-1', '/chat/a', ['1']));

    expect(await alice.next()).toMatchObject({ type: 'publish_success' });
  });
});

describe('malformed frames', () => {
  it.each([
    ['invalid JSON', '{not json', { type: 'error', errors: [{ errorType: 'BadRequestException', message: expect.any(String) }] }],
    ['a frame without type', '{"id":"x"}', { type: 'error', errors: [{ errorType: 'BadRequestException', message: expect.any(String) }] }],
    ['a subscribe without id', '{"type":"subscribe","channel":"/chat/a"}', { type: 'error', errors: [{ errorType: 'BadRequestException', message: expect.any(String) }] }],
    ['an unknown type', '{"type":"start","id":"x"}', { type: 'error', id: 'x', errors: [{ errorType: 'UnsupportedOperation', message: expect.any(String) }] }],
  ])('answers %s with an error frame and keeps every connection working', async (_, raw, expected) => {
    const sender = await local.connect('alice-token');
    const other = await local.connect('bob-token');
    await subscribed(other, 'sub-1', '/chat/a');

    sender.sendRaw(raw);
    expect(await sender.next()).toEqual(expected);

    sender.send(publish('pub-1', '/chat/a', ['1']));
    expect(await sender.next()).toMatchObject({ type: 'publish_success', id: 'pub-1' });
    expect(await other.next()).toEqual({ type: 'data', id: 'sub-1', event: '1' });
  });

  it('answers a binary frame with an error frame', async () => {
    const socket = await local.connect('alice-token');

    socket.sendRaw(Buffer.from('{"type":"connection_init"}'));

    expect(await socket.next()).toMatchObject({ type: 'error', errors: [{ errorType: 'BadRequestException' }] });
  });
});
