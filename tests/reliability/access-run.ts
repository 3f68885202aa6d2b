/**
 * The identity and access run: forged authors, bad tokens on every surface, members
 * on channels and routes that are not theirs. Each attempt must fail with the documented error,
 * and each forgery must change nothing. Shared by `access.test.ts` and `npm run fuzz`.
 */
import { randomUUID } from 'node:crypto';
import { routes } from '../../amplify/definition.ts';
import type { ChatMessage, MessageCreatedEvent } from '../../core/messages.ts';
import { cognitoLocalPrivateKey, decodeJwt, randomPrivateKey, signJwt, tamperJwt } from 'appsync-events-local/src/auth/test-support/test-tokens.ts';
import { createDocumentClient } from '../../functions/lib/dynamo-client.ts';
import { startRealmClient } from '../support/amplify-realm.ts';
import type { CloudProcess } from '../support/cloud-process.ts';
import { openRawSocket, type RawEventsSocket, type ServerFrame, signInTokens } from '../support/raw-events-socket.ts';
import { randomEpoch, seedMembersOnlyRoom } from '../support/members-only-room.ts';

export interface AccessCase {
  surface: string;
  attempt: string;
  /** The documented answer. */
  expected: string;
  got: string;
  pass: boolean;
}

type Check = (got: { status?: number; frame?: ServerFrame; errorType?: string | null; text?: string }) => boolean;

export async function runAccess(cloud: CloudProcess): Promise<AccessCase[]> {
  const cases: AccessCase[] = [];
  const record = (surface: string, attempt: string, expected: string, got: string, pass: boolean) => cases.push({ surface, attempt, expected, got, pass });
  const outputs = cloud.outputs;
  const eventsUrl = outputs.custom.events.url;
  const apiUrl = Object.values(outputs.custom.API)[0]!.endpoint;
  const host = new URL(eventsUrl).host;
  const [alice, bob] = outputs.custom.local!.users;
  const aliceTokens = await signInTokens(outputs, alice!.username, alice!.password);
  const bobTokens = await signInTokens(outputs, bob!.username, bob!.password);

  const createdRoom = await fetch(`${apiUrl}/rooms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${aliceTokens.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `access ${randomUUID().slice(0, 8)}` }),
  });
  const roomId = ((await createdRoom.json()) as { id: string }).id;
  const channel = `/chat/rooms/${roomId}`;

  // --- Tokens: every way a credential can be wrong, and the two right kinds. ---
  const now = Math.floor(Date.now() / 1000);
  const access = decodeJwt(aliceTokens.accessToken);
  const shippedKey = cognitoLocalPrivateKey();
  const badTokens: [string, string][] = [
    ['access token, payload tampered (moderators group added), signature kept', tamperJwt(aliceTokens.accessToken, { 'cognito:groups': ['moderators'] })],
    ['ID token, payload tampered (sub of another user), signature kept', tamperJwt(aliceTokens.idToken, { sub: decodeJwt(bobTokens.idToken).sub })],
    ['access token expired an hour ago, signed with the key cognito-local ships', signJwt({ ...access, iat: now - 7200, exp: now - 3600 }, shippedKey)],
    ['access token from another user pool (other issuer), signed with the shipped key', signJwt({ ...access, iss: `${String(access.iss).replace(/\/[^/]+$/, '')}/local_0therPool` }, shippedKey)],
    ['access token issued to another app client, signed with the shipped key', signJwt({ ...access, client_id: 'another-client-id' }, shippedKey)],
    ['access token signed with an unknown key', signJwt(access, randomPrivateKey())],
    ['unsigned token (alg none)', `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(access)).toString('base64url')}.`],
    ['refresh-token-like garbage', 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.garbage.garbage.garbage.garbage'],
    ['empty token', ''],
  ];
  const goodTokens: [string, string][] = [
    ['access token', aliceTokens.accessToken],
    ['ID token (where an access token is what Amplify sends)', aliceTokens.idToken],
  ];

  const unauthorizedFrame = (type: string): Check => ({ frame }) => frame?.type === type && frame.errors?.[0]?.errorType === 'UnauthorizedException';
  const attemptFrame = async (surface: string, attempt: string, expected: string, run: () => Promise<ServerFrame>, check: Check) => {
    const frame = await run().catch((error: unknown) => ({ type: 'no reply', message: String((error as Error).message) }) as ServerFrame);
    record(surface, attempt, expected, JSON.stringify(frame).slice(0, 200), check({ frame }));
  };

  const member = await openRawSocket(eventsUrl, { host, Authorization: aliceTokens.accessToken });
  member.send(JSON.stringify({ type: 'connection_init' }));
  await member.next((f) => f.type === 'connection_ack');
  const bystander = await openRawSocket(eventsUrl, { host, Authorization: bobTokens.accessToken });
  bystander.send(JSON.stringify({ type: 'subscribe', id: 'watch', channel, authorization: { host, Authorization: bobTokens.accessToken } }));
  await bystander.next((f) => f.type === 'subscribe_success');

  for (const [name, token] of badTokens) {
    await attemptFrame('WebSocket connect', name, 'connection_error UnauthorizedException (errorCode 401), then close', async () => {
      const socket = await openRawSocket(eventsUrl, { host, Authorization: token });
      socket.send(JSON.stringify({ type: 'connection_init' }));
      const frame = await socket.next(() => true);
      await socket.closed;
      return frame;
    }, ({ frame }) => frame?.type === 'connection_error' && frame.errors?.[0]?.errorType === 'UnauthorizedException' && frame.errors[0].errorCode === 401);
    const id = randomUUID();
    await attemptFrame('WebSocket subscribe', name, 'subscribe_error UnauthorizedException', async () => {
      member.send(JSON.stringify({ type: 'subscribe', id, channel, authorization: { host, Authorization: token } }));
      return member.next((f) => f.id === id);
    }, unauthorizedFrame('subscribe_error'));
    const publishId = randomUUID();
    await attemptFrame('WebSocket publish', name, 'publish_error UnauthorizedException', async () => {
      member.send(JSON.stringify({ type: 'publish', id: publishId, channel, events: [JSON.stringify({ type: 'message', clientMsgId: randomUUID(), text: 'x' })], authorization: { host, Authorization: token } }));
      return member.next((f) => f.id === publishId);
    }, unauthorizedFrame('publish_error'));
    const post = await fetch(eventsUrl, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify({ channel, events: [JSON.stringify({ type: 'message', clientMsgId: randomUUID(), text: 'x' })] }),
    });
    const postText = await post.text();
    record('HTTP publish', name, '401, x-amzn-ErrorType and errors[0].errorType UnauthorizedException', `${post.status} ${postText.slice(0, 120)}`,
      post.status === 401 && post.headers.get('x-amzn-errortype') === 'UnauthorizedException' && (JSON.parse(postText) as { errors: { errorType: string }[] }).errors[0]?.errorType === 'UnauthorizedException');
    for (const route of routes) {
      const response = await callRoute(apiUrl, route.method, route.path, roomId, `Bearer ${token}`);
      record(`HTTP API ${route.method} ${route.path}`, name, '401 {"message":"Unauthorized"} (API Gateway JWT authorizer)', `${response.status} ${response.text.slice(0, 80)}`,
        response.status === 401 && response.text === '{"message":"Unauthorized"}');
    }
  }

  for (const [name, token] of goodTokens) {
    const socket = await openRawSocket(eventsUrl, { host, Authorization: token });
    socket.send(JSON.stringify({ type: 'connection_init' }));
    const ack = await socket.next(() => true).catch(() => ({ type: 'none' }) as ServerFrame);
    socket.send(JSON.stringify({ type: 'subscribe', id: 'own', channel, authorization: { host, Authorization: token } }));
    const subscribed = await socket.next((f) => f.id === 'own').catch(() => ({ type: 'none' }) as ServerFrame);
    const post = await fetch(eventsUrl, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify({ channel, events: [JSON.stringify({ type: 'message', clientMsgId: randomUUID(), text: `with the ${name}` })] }),
    });
    const posted = (await post.json()) as { successful?: unknown[] };
    const history = await fetch(`${apiUrl}/rooms/${roomId}/messages?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    const works = ack.type === 'connection_ack' && subscribed.type === 'subscribe_success' && post.status === 200 && posted.successful?.length === 1 && history.status === 200;
    record('both token kinds', name, 'accepted on connect, subscribe, HTTP publish and the HTTP API (AppSync user pools and API Gateway JWT authorizers take both)',
      `${ack.type}, ${subscribed.type}, publish ${post.status}, history ${history.status}`, works);
    socket.close();
  }
  await drain(bystander);

  // --- Channels that are not a member's: malformed, wildcards, other namespaces. ---
  const channels: [string, string[], number[] | null][] = [
    ['/chat/*', ['Unauthorized'], null],
    ['/chat/rooms/*', ['Unauthorized'], null],
    ['/chat/rooms', ['Unauthorized'], [403]],
    [`/chat/rooms/${roomId}/extra`, ['Unauthorized'], [403]],
    ['/signals/*', ['Unauthorized'], null],
    ['/*', ['BadRequestException'], null],
    ['/default/x', ['BadRequestException'], [400]],
    ['/moderation/rooms/x', ['BadRequestException'], [400]],
    ['/Chat/rooms/x', ['BadRequestException'], [400]],
    ['/chat/rooms/UPPER', ['Unauthorized'], [403]],
    ['/chat/rooms/a_b', ['BadRequestException'], [400]],
    ['/chat/rooms/../admin', ['BadRequestException'], [400]],
    ['//chat/rooms/x', ['BadRequestException'], [400]],
    ['/chat/rooms/x/y/z/w', ['BadRequestException'], [400]],
    ['', ['BadRequestException'], [400]],
  ];
  for (const [target, subscribeErrors, publishStatus] of channels) {
    const id = randomUUID();
    await attemptFrame('member subscribes', JSON.stringify(target), `subscribe_error ${subscribeErrors.join('|')}`, async () => {
      member.send(JSON.stringify({ type: 'subscribe', id, channel: target, authorization: { host, Authorization: aliceTokens.accessToken } }));
      return member.next((f) => f.id === id);
    }, ({ frame }) => frame?.type === 'subscribe_error' && subscribeErrors.includes(String(frame.errors?.[0]?.errorType)));
    const publishId = randomUUID();
    const event = JSON.stringify({ type: 'message', clientMsgId: randomUUID(), text: 'wrong channel' });
    await attemptFrame('member publishes (WebSocket)', JSON.stringify(target), 'publish_error BadRequestException', async () => {
      member.send(JSON.stringify({ type: 'publish', id: publishId, channel: target, events: [event], authorization: { host, Authorization: aliceTokens.accessToken } }));
      return member.next((f) => f.id === publishId);
    }, ({ frame }) => frame?.type === 'publish_error' && frame.errors?.[0]?.errorType === 'BadRequestException');
    const post = await fetch(eventsUrl, { method: 'POST', headers: { authorization: aliceTokens.accessToken, 'content-type': 'application/json' }, body: JSON.stringify({ channel: target, events: [event] }) });
    const statuses = publishStatus ?? [400];
    record('member publishes (HTTP)', JSON.stringify(target), `${statuses.join('|')} BadRequestException`, `${post.status} ${post.headers.get('x-amzn-errortype')}`,
      statuses.includes(post.status) && post.headers.get('x-amzn-errortype') === 'BadRequestException');
  }

  // --- Private rooms and DMs Alice is not in: every channel of theirs refuses her subscribe. ---
  const db = createDocumentClient({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: cloud.dynamoEndpoint, AWS_ACCESS_KEY_ID: cloud.iamCredentials().accessKeyId, AWS_SECRET_ACCESS_KEY: cloud.iamCredentials().secretAccessKey });
  const bobAuthor = { sub: String(decodeJwt(bobTokens.accessToken).sub), handle: 'bob', displayName: 'Bob', moderator: false };
  const someone = { sub: randomUUID(), handle: 'someone', displayName: 'Someone', moderator: false };
  const membersOnly = [
    ['private room', await seedMembersOnlyRoom(db, 'parley', [bobAuthor, someone])],
    ['DM', await seedMembersOnlyRoom(db, 'parley', [bobAuthor, someone], { kind: 'dm' })],
  ] as const;
  db.destroy();
  for (const namespace of ['chat', 'signals']) {
    for (const [kind, room] of membersOnly) {
      const targets = [
        [`${kind}, its current epoch`, `/${namespace}/rooms/${room.roomId}/${room.epoch}`],
        [`${kind}, another epoch`, `/${namespace}/rooms/${room.roomId}/${randomEpoch()}`],
        [`${kind}, without an epoch`, `/${namespace}/rooms/${room.roomId}`],
        [`${kind}, a wildcard epoch`, `/${namespace}/rooms/${room.roomId}/*`],
      ];
      for (const [what, target] of targets) {
        const id = randomUUID();
        await attemptFrame('non-member subscribes', `${what}: ${target}`, 'subscribe_error Unauthorized (as for a room that does not exist)', async () => {
          member.send(JSON.stringify({ type: 'subscribe', id, channel: target, authorization: { host, Authorization: aliceTokens.accessToken } }));
          return member.next((f) => f.id === id);
        }, ({ frame }) => frame?.type === 'subscribe_error' && frame.errors?.[0]?.errorType === 'Unauthorized');
      }
      // The control: the same channel is open to a member, so the refusals above are about Alice.
      const id = randomUUID();
      await attemptFrame('member subscribes (control)', `${kind}: /${namespace}/rooms/${room.roomId}/${room.epoch}`, 'subscribe_success', async () => {
        bystander.send(JSON.stringify({ type: 'subscribe', id, channel: `/${namespace}/rooms/${room.roomId}/${room.epoch}`, authorization: { host, Authorization: bobTokens.accessToken } }));
        return bystander.next((f) => f.id === id);
      }, ({ frame }) => frame?.type === 'subscribe_success');
    }
  }

  // --- Forged authors and forged server events, through the real aws-amplify client. ---
  const amplify = await startRealmClient(outputs, () => undefined);
  await amplify.signIn(alice!.username, alice!.password);
  const aliceSub = String(decodeJwt(aliceTokens.accessToken).sub);
  const forged = { author: { sub: decodeJwt(bobTokens.accessToken).sub, handle: 'admin', displayName: 'Admin', moderator: true }, moderator: true, id: '01AAAAAAAAAAAAAAAAAAAAAAAA', roomId: 'elsewhere', createdAt: '1999-01-01T00:00:00.000Z' };
  const viaPost = { type: 'message', clientMsgId: randomUUID(), text: 'forged via events.post', ...forged };
  const viaPublish = { type: 'message', clientMsgId: randomUUID(), text: 'forged via channel.publish', ...forged };
  await amplify.subscribe(channel, channel);
  await amplify.post(channel, [viaPost]);
  await amplify.publish(channel, [viaPublish]);
  const forgedEvents = [
    { type: 'message.removed', roomId, id: '01AAAAAAAAAAAAAAAAAAAAAAAA' },
    { type: 'message.restored', message: { id: '01AAAAAAAAAAAAAAAAAAAAAAAA', roomId, text: 'restored by nobody', author: forged.author, createdAt: forged.createdAt, clientMsgId: randomUUID() } },
    { type: 'message.created', message: { id: '01AAAAAAAAAAAAAAAAAAAAAAAA', roomId, text: 'created by nobody', author: forged.author, createdAt: forged.createdAt, clientMsgId: randomUUID() } },
  ];
  const forgedFailed = (await amplify.post(channel, forgedEvents)) as { index: number }[] | null;
  record('forged server events', 'message.removed / message.restored / message.created published by a member', 'each event failed, none broadcast',
    JSON.stringify(forgedFailed?.map((f) => f.index)), forgedFailed?.length === 3);
  const stored = ((await amplify.api('GET', `/rooms/${roomId}/messages?limit=100`)) as { items: ChatMessage[] }).items;
  for (const sent of [viaPost, viaPublish]) {
    const message = stored.find((m) => m.clientMsgId === sent.clientMsgId);
    const honest = message !== undefined && message.author.sub === aliceSub && message.author.displayName === 'Alice' && message.author.handle === 'alice' && !message.author.moderator && message.id !== forged.id && message.roomId === roomId && message.createdAt !== forged.createdAt;
    record('forged author', sent.text, 'stored with the token\'s author, a server id, the channel\'s room and server time', JSON.stringify(message?.author ?? null), honest);
  }
  const signalFailed = await amplify.post(`/signals/rooms/${roomId}`, [{ type: 'typing', author: forged.author, roomId: 'elsewhere' }]);
  record('forged author', 'typing signal with a forged author', 'accepted and stamped with the token\'s author', JSON.stringify(signalFailed), signalFailed === null);
  // Published last: anything forged that had been broadcast would have reached the bystander before it.
  const marker = randomUUID();
  await amplify.post(channel, [{ type: 'message', clientMsgId: marker, text: 'marker' }]);
  await bystander.next((f) => f.type === 'data' && String(f.event).includes(marker));
  const seen = (await drain(bystander)).map((f) => JSON.parse(String(f.event)) as MessageCreatedEvent | { type: string; author?: { sub: string } });
  const leaked = seen.filter((e) => e.type !== 'message.created' || (e as MessageCreatedEvent).message.author.sub !== aliceSub);
  record('forged author', 'what another member received on the room', 'only message.created, all authored by the token\'s user', `${seen.length} events, ${leaked.length} forged`, leaked.length === 0 && seen.length > 0);
  await amplify.close();

  // --- A member on every moderation route. ---
  for (const route of routes.filter((r) => r.path.startsWith('/moderation'))) {
    const response = await callRoute(apiUrl, route.method, route.path, roomId, `Bearer ${aliceTokens.accessToken}`);
    const body = safeJson(response.text);
    record(`HTTP API ${route.method} ${route.path}`, 'a member (no moderators group)', '403 {"message": …}', `${response.status} ${response.text.slice(0, 80)}`,
      response.status === 403 && typeof body?.message === 'string' && Object.keys(body).length === 1);
  }

  member.close();
  bystander.close();
  return cases;
}

async function callRoute(apiUrl: string, method: string, path: string, roomId: string, authorization: string): Promise<{ status: number; text: string }> {
  const concrete = path.replace('{roomId}', roomId).replace('{messageId}', '01HZX3JQ5V8D6K2M4N7P9R0STW');
  const response = await fetch(`${apiUrl}${concrete}`, {
    method,
    headers: { authorization, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    body: method === 'POST' ? JSON.stringify({ name: 'access', reason: 'x' }) : undefined,
  });
  return { status: response.status, text: await response.text() };
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Every data frame the socket has received so far. */
async function drain(socket: RawEventsSocket): Promise<ServerFrame[]> {
  const frames: ServerFrame[] = [];
  for (;;) {
    const frame = await socket.next((f) => f.type === 'data', 1).catch(() => null);
    if (!frame) return frames;
    frames.push(frame);
  }
}
