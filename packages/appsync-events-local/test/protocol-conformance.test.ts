/**
 * AppSync Events' wire protocol, frame by frame, against the emulator serving a synthesized CDK
 * app (test/fixtures/protocol-app.ts): a plain `ws` socket and raw `fetch`, with a real user pool
 * token from the emulator's pool and the API key from the template. The same contract the unit
 * tests of src/events/ assert on a hand-written model, here through the whole path a deployed
 * app takes: cdk.out, the five-mode authorizer, the inline APPSYNC_JS handlers in the sandbox.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tamperJwt } from '../src/auth/test-support/test-tokens.ts';
import { headerSubprotocol, upgradeStatus, type TestSocket } from '../src/events/test-socket.ts';
import { type Emulator, startEmulator } from '../src/index.ts';
import {
  buildProtocolApp,
  CLOSED_ERROR,
  CLOSED_SEGMENT,
  CODE_NAMESPACE as CHAT,
  OPEN_NAMESPACE as OPEN,
  PRIVATE_SEGMENT,
  REJECTED_MESSAGE,
} from './fixtures/protocol-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';
import { type Credentials, EVENT_WS_PROTOCOL, rawEventsClient, type RawEventsClient, signInForAccessToken } from './support/raw-events-client.ts';

const KB = 1024;
const IDENTIFIER = expect.stringMatching(/^[0-9a-f-]{36}$/);
const USERS = [
  { email: 'ana@example.test', password: 'Protocol-passw0rd!', displayName: 'Ana', groups: [] },
  { email: 'ben@example.test', password: 'Protocol-passw0rd!', displayName: 'Ben', groups: [] },
];

let emulator: Emulator;
let client: RawEventsClient;
/** Ana's and Ben's credentials (user pool access tokens), and the template's API key. */
let ana: Credentials;
let ben: Credentials;
let apiKey: Credentials;

beforeAll(async () => {
  emulator = await startEmulator({ assemblyDir: await synthFixture('protocol', buildProtocolApp), users: USERS });
  client = rawEventsClient(emulator.outputs.custom.events.url);
  const [anaToken, benToken] = await Promise.all(USERS.map((user) => signInForAccessToken(emulator.outputs, user.email, user.password)));
  ana = client.userPool(anaToken!);
  ben = client.userPool(benToken!);
  apiKey = client.apiKey(emulator.outputs.custom.events.api_key!);
});

afterEach(async () => {
  await client.close();
});

afterAll(async () => {
  await emulator?.close();
  await removeSynthesizedFixtures();
});

const subscribe = (id: string, channel: unknown, authorization: Credentials) => ({ type: 'subscribe', id, channel, authorization });
const publish = (id: string, channel: unknown, events: unknown, authorization: Credentials) => ({ type: 'publish', id, channel, events, authorization });

async function subscribed(socket: TestSocket, id: string, channel: string, authorization: Credentials): Promise<void> {
  socket.send(subscribe(id, channel, authorization));
  expect(await socket.next((f) => f.id === id)).toEqual({ type: 'subscribe_success', id });
}

describe('handshake', () => {
  it('refuses an upgrade without the aws-appsync-event-ws subprotocol with 400', async () => {
    const status = await upgradeStatus(client.realtimeUrl, { protocols: [headerSubprotocol(ana)] });

    expect(status).toBe(400);
  });

  it('selects exactly aws-appsync-event-ws, never the header subprotocol', async () => {
    const socket = await client.open({ protocols: [headerSubprotocol(ana), EVENT_WS_PROTOCOL] });

    expect(socket.protocol).toBe(EVENT_WS_PROTOCOL);
  });

  it.each([
    ['a user pool token', () => ana],
    ['the API key', () => apiKey],
  ])('answers connection_init with connection_ack and connectionTimeoutMs, then ka, for %s', async (_, credentials) => {
    const socket = await client.open({ protocols: [EVENT_WS_PROTOCOL, headerSubprotocol(credentials())] });

    socket.send({ type: 'connection_init' });

    expect(await socket.next()).toEqual({ type: 'connection_ack', connectionTimeoutMs: 300_000 });
    expect(await socket.next()).toEqual({ type: 'ka' });
  });

  it('reads the credentials from the upgrade request headers when there is no header subprotocol', async () => {
    const socket = await client.open({ protocols: [EVENT_WS_PROTOCOL], headers: { 'x-api-key': apiKey['x-api-key']! } });

    socket.send({ type: 'connection_init' });

    expect(await socket.next()).toEqual({ type: 'connection_ack', connectionTimeoutMs: 300_000 });
  });

  it.each([
    ['an API key the template does not define', () => client.apiKey('da2-notthisapiskey00000000000')],
    ['a user pool token whose claims were changed', () => ({ ...ana, Authorization: tamperJwt(ana.Authorization!, { username: 'mallory' }) })],
    ['no credentials', () => ({ host: client.host })],
  ])('sends connection_error UnauthorizedException then closes, for %s', async (_, credentials) => {
    const socket = await client.open({ protocols: [EVENT_WS_PROTOCOL, headerSubprotocol(credentials())] });

    socket.send({ type: 'connection_init' });
    const error = await socket.next();
    await socket.closed;

    expect(error).toEqual({ type: 'connection_error', errors: [{ errorType: 'UnauthorizedException', errorCode: 401, message: expect.any(String) }] });
    expect(socket.buffered()).toEqual([]);
  });

  it('sends connection_error for a header subprotocol that does not decode', async () => {
    const socket = await client.open({ protocols: [EVENT_WS_PROTOCOL, 'header-bm90LWpzb24'] });

    expect(await socket.next()).toMatchObject({ type: 'connection_error', errors: [{ errorType: 'UnauthorizedException' }] });
    await socket.closed;
  });
});

describe('keep-alive', () => {
  let fast: Emulator;
  let fastClient: RawEventsClient;

  beforeAll(async () => {
    fast = await startEmulator({ assemblyDir: await synthFixture('protocol', buildProtocolApp), keepAliveIntervalMs: 25 });
    fastClient = rawEventsClient(fast.outputs.custom.events.url);
  });

  afterAll(async () => {
    await fastClient?.close();
    await fast?.close();
  });

  it('keeps sending ka every keepAliveIntervalMs', async () => {
    const socket = await fastClient.connect(fastClient.apiKey(fast.outputs.custom.events.api_key!));

    const frames = [await socket.next(undefined, 2_000), await socket.next(undefined, 2_000)];

    expect(frames).toEqual([{ type: 'ka' }, { type: 'ka' }]);
  });
});

describe('subscribe', () => {
  it('answers subscribe_success with the same id', async () => {
    const socket = await client.connect(ana);

    socket.send(subscribe('sub-1', `${CHAT}/rooms/r1`, ana));

    expect(await socket.next()).toEqual({ type: 'subscribe_success', id: 'sub-1' });
  });

  it('admits the API key on the namespace without code, which takes the API defaults', async () => {
    const socket = await client.connect(apiKey);

    socket.send(subscribe('sub-1', `/${OPEN}/*`, apiKey));

    expect(await socket.next()).toEqual({ type: 'subscribe_success', id: 'sub-1' });
  });

  it.each([
    ['an invalid segment', `/${CHAT}/bad_segment`],
    ['six segments', `/${CHAT}/a/b/c/d/e`],
    ['an unknown namespace', '/nowhere/a'],
    ['a mid-path wildcard', `/${CHAT}/*/a`],
    ['a namespace wildcard', '/*'],
    ['a partial wildcard', `/${CHAT}/room*`],
  ])('refuses %s with subscribe_error BadRequestException', async (_, channel) => {
    const socket = await client.connect(ana);

    socket.send(subscribe('sub-1', channel, ana));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'BadRequestException', message: expect.any(String) }] });
  });

  it('refuses credentials the namespace does not accept with UnauthorizedException', async () => {
    const socket = await client.connect(apiKey);

    socket.send(subscribe('sub-1', `/${CHAT}/rooms/r1`, apiKey));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'UnauthorizedException', message: expect.any(String) }] });
  });

  it("answers onSubscribe's util.unauthorized() with subscribe_error Unauthorized", async () => {
    const socket = await client.connect(ana);

    socket.send(subscribe('sub-1', `/${CHAT}/${PRIVATE_SEGMENT}/*`, ana));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'Unauthorized', message: expect.any(String) }] });
  });

  it('refuses an id that is already subscribed with DuplicatedOperationError', async () => {
    const socket = await client.connect(ana);
    await subscribed(socket, 'sub-1', `/${CHAT}/a`, ana);

    socket.send(subscribe('sub-1', `/${CHAT}/b`, ana));

    expect(await socket.next()).toEqual({ type: 'subscribe_error', id: 'sub-1', errors: [{ errorType: 'DuplicatedOperationError', message: expect.any(String) }] });
  });
});

describe('unsubscribe', () => {
  it('answers unsubscribe_success and stops delivery', async () => {
    const socket = await client.connect(ana);
    await subscribed(socket, 'sub-1', `/${OPEN}/a`, ana);

    socket.send({ type: 'unsubscribe', id: 'sub-1' });
    expect(await socket.next()).toEqual({ type: 'unsubscribe_success', id: 'sub-1' });
    socket.send(publish('pub-1', `/${OPEN}/a`, ['1'], ana));
    await socket.next('publish_success');

    expect(await socket.settle()).toEqual([]);
  });

  it('answers an id that is not subscribed with unsubscribe_error UnknownOperationError', async () => {
    const socket = await client.connect(ana);

    socket.send({ type: 'unsubscribe', id: 'never' });

    expect(await socket.next()).toEqual({ type: 'unsubscribe_error', id: 'never', errors: [{ errorType: 'UnknownOperationError', message: 'Unknown operation id never' }] });
  });
});

describe('publish over WebSocket', () => {
  it('on the namespace without code: one data frame per event to the subscriber, then publish_success', async () => {
    const listener = await client.connect(apiKey);
    const publisher = await client.connect(ana);
    await subscribed(listener, 'listen', `/${OPEN}/rooms/r1`, apiKey);

    publisher.send(publish('pub-1', `${OPEN}/rooms/r1`, ['{"text":"hi"}', '"plain"', '42'], ana));

    expect(await publisher.next()).toEqual({ type: 'publish_success', id: 'pub-1', successful: [0, 1, 2].map((index) => ({ identifier: IDENTIFIER, index })), failed: [] });
    expect(await listener.next()).toEqual({ type: 'data', id: 'listen', event: '{"text":"hi"}' });
    expect(await listener.next()).toEqual({ type: 'data', id: 'listen', event: '"plain"' });
    expect(await listener.next()).toEqual({ type: 'data', id: 'listen', event: '42' });
  });

  it('through onPublish: broadcasts what it transformed, counts what it filtered as successful, fails what it failed', async () => {
    const listener = await client.connect(ben);
    const publisher = await client.connect(ana);
    await subscribed(listener, 'listen', `/${CHAT}/rooms/r1`, ben);

    publisher.send(publish('pub-1', `/${CHAT}/rooms/r1`, ['{"text":"kept"}', '{"drop":true}', '{"reject":true}', '{"text":"also"}'], ana));

    expect(await publisher.next()).toEqual({
      type: 'publish_success',
      id: 'pub-1',
      successful: [0, 1, 3].map((index) => ({ identifier: IDENTIFIER, index })),
      failed: [{ identifier: IDENTIFIER, index: 2, code: 400, message: REJECTED_MESSAGE }],
    });
    expect(await listener.next()).toEqual({ type: 'data', id: 'listen', event: `{"wrapped":{"text":"kept"},"channel":"/${CHAT}/rooms/r1"}` });
    expect(await listener.next()).toEqual({ type: 'data', id: 'listen', event: `{"wrapped":{"text":"also"},"channel":"/${CHAT}/rooms/r1"}` });
    expect(await listener.settle()).toEqual([]);
  });

  it("answers onPublish's util.error() with publish_error and broadcasts nothing", async () => {
    const socket = await client.connect(ana);
    await subscribed(socket, 'listen', `/${CHAT}/*`, ana);

    socket.send(publish('pub-1', `/${CHAT}/${CLOSED_SEGMENT}/r1`, ['{"text":"late"}'], ana));

    expect(await socket.next()).toEqual({ type: 'publish_error', id: 'pub-1', errors: [CLOSED_ERROR] });
    expect(await socket.settle()).toEqual([]);
  });

  it('refuses credentials the namespace does not accept with publish_error UnauthorizedException', async () => {
    const socket = await client.connect(apiKey);

    socket.send(publish('pub-1', `/${CHAT}/a`, ['1'], apiKey));

    expect(await socket.next()).toEqual({ type: 'publish_error', id: 'pub-1', errors: [{ errorType: 'UnauthorizedException', message: expect.any(String) }] });
  });

  it.each([
    ['six events', () => ['1', '2', '3', '4', '5', '6'], /At most 5 events/],
    ['an event of 241 KB', () => [JSON.stringify('x'.repeat(241 * KB))], /Event 0 exceeds/],
    ['an event string that is not JSON', () => ['{"text":"hi"}', '{oops'], /Event 1 is not valid JSON/],
    ['an event that is not a string', () => [{ text: 'hi' }], /not a string/],
  ])('refuses %s with publish_error BadRequestException and broadcasts nothing', async (_, events, message) => {
    const socket = await client.connect(ana);
    await subscribed(socket, 'listen', `/${OPEN}/a`, ana);

    socket.send(publish('pub-1', `/${OPEN}/a`, events(), ana));

    expect(await socket.next()).toEqual({ type: 'publish_error', id: 'pub-1', errors: [{ errorType: 'BadRequestException', message: expect.stringMatching(message) }] });
    expect(await socket.settle()).toEqual([]);
  });

  it.each([
    ['a wildcard channel', `/${OPEN}/*`],
    ['an unknown namespace', '/nowhere/a'],
  ])('refuses %s with publish_error BadRequestException', async (_, channel) => {
    const socket = await client.connect(ana);

    socket.send(publish('pub-1', channel, ['1'], ana));

    expect(await socket.next()).toEqual({ type: 'publish_error', id: 'pub-1', errors: [{ errorType: 'BadRequestException', message: expect.any(String) }] });
  });
});

describe('delivery', () => {
  it('delivers to a /<namespace>/* subscription at any depth, not to the namespace channel itself or another namespace', async () => {
    const socket = await client.connect(ana);
    await subscribed(socket, 'all', `/${OPEN}/*`, ana);

    for (const [i, channel] of [`/${OPEN}`, `/${OPEN}/a`, `/${OPEN}/a/b/c`, `/${CHAT}/a`].entries()) {
      socket.send(publish(`p${i}`, channel, [JSON.stringify({ channel })], ana));
      await socket.next((f) => f.type === 'publish_success' && f.id === `p${i}`);
    }

    expect(await socket.settle()).toEqual([
      { type: 'data', id: 'all', event: `{"channel":"/${OPEN}/a"}` },
      { type: 'data', id: 'all', event: `{"channel":"/${OPEN}/a/b/c"}` },
    ]);
  });

  it('sends each overlapping subscription its own frame, with its id', async () => {
    const listener = await client.connect(ben);
    const publisher = await client.connect(ana);
    await subscribed(listener, 'exact', `/${CHAT}/rooms/r1`, ben);
    await subscribed(listener, 'rooms', `/${CHAT}/rooms/*`, ben);
    await subscribed(listener, 'other', `/${CHAT}/rooms/r2`, ben);

    publisher.send(publish('pub-1', `/${CHAT}/rooms/r1`, ['{"text":"hi"}'], ana));
    await publisher.next('publish_success');
    const frames = [await listener.next('data'), await listener.next('data')];

    expect(frames.map((f) => f.id).sort()).toEqual(['exact', 'rooms']);
    expect(new Set(frames.map((f) => f.event))).toEqual(new Set([`{"wrapped":{"text":"hi"},"channel":"/${CHAT}/rooms/r1"}`]));
    expect(await listener.settle()).toEqual([]);
  });
});

describe('POST /event', () => {
  const bearer = (credentials: Credentials) => ({ authorization: credentials.Authorization! });

  it('answers 200 {failed, successful} for the API key and broadcasts to WebSocket subscribers', async () => {
    const listener = await client.connect(ben);
    await subscribed(listener, 'listen', `/${OPEN}/rooms/r1`, ben);

    const res = await client.post({ channel: `/${OPEN}/rooms/r1`, events: ['{"text":"hi"}', '7'] }, { 'x-api-key': apiKey['x-api-key']! });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ failed: [], successful: [0, 1].map((index) => ({ identifier: IDENTIFIER, index })) });
    expect(await listener.next()).toEqual({ type: 'data', id: 'listen', event: '{"text":"hi"}' });
    expect(await listener.next()).toEqual({ type: 'data', id: 'listen', event: '7' });
  });

  it('runs onPublish for a user pool token: the event it failed in failed, the rest in successful', async () => {
    const res = await client.post({ channel: `/${CHAT}/a`, events: ['{"reject":true}', '{"text":"ok"}'] }, { authorization: `Bearer ${ana.Authorization}` });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      failed: [{ identifier: IDENTIFIER, index: 0, code: 400, message: REJECTED_MESSAGE }],
      successful: [{ identifier: IDENTIFIER, index: 1 }],
    });
  });

  it.each([
    ['missing credentials', () => ({}), `/${OPEN}/a`],
    ['an API key the template does not define', () => ({ 'x-api-key': 'da2-notthisapiskey00000000000' }), `/${OPEN}/a`],
    ['a user pool token whose claims were changed', () => ({ authorization: tamperJwt(ana.Authorization!, { username: 'mallory' }) }), `/${OPEN}/a`],
    ['the API key where the namespace takes user pool tokens only', () => ({ 'x-api-key': apiKey['x-api-key']! }), `/${CHAT}/a`],
  ])('answers %s with 401 UnauthorizedException', async (_, headers, channel) => {
    const res = await client.post({ channel, events: ['1'] }, headers());

    expect(res.status).toBe(401);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(await res.json()).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: expect.any(String) }], message: expect.any(String) });
  });

  it.each([
    ['a body that is not JSON', '{oops'],
    ['six events', { channel: `/${OPEN}/a`, events: ['1', '2', '3', '4', '5', '6'] }],
    ['an event string that is not JSON', { channel: `/${OPEN}/a`, events: ['{'] }],
    ['a wildcard channel', { channel: `/${OPEN}/*`, events: ['1'] }],
    ['an unknown namespace', { channel: '/nowhere/a', events: ['1'] }],
    ['a missing channel', { events: ['1'] }],
  ])('answers %s with 400 BadRequestException', async (_, body) => {
    const res = await client.post(body, bearer(ana));

    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect(await res.json()).toEqual({ errors: [{ errorType: 'BadRequestException', message: expect.any(String) }], message: expect.any(String) });
  });

  it('answers an event over 240 KB with 413', async () => {
    const res = await client.post({ channel: `/${OPEN}/a`, events: [JSON.stringify('x'.repeat(241 * KB))] }, bearer(ana));

    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ errorType: 'BadRequestException', message: expect.stringMatching(/Event 0 exceeds/) }] });
  });

  it("answers onPublish's util.error() with 403 and its error, and broadcasts nothing", async () => {
    const listener = await client.connect(ben);
    await subscribed(listener, 'listen', `/${CHAT}/*`, ben);

    const res = await client.post({ channel: `/${CHAT}/${CLOSED_SEGMENT}/r1`, events: ['{"text":"late"}'] }, bearer(ana));

    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ errors: [CLOSED_ERROR], message: CLOSED_ERROR.message });
    expect(await listener.settle()).toEqual([]);
  });
});
