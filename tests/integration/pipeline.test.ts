/**
 * The message pipeline end to end: the real aws-amplify client publishes through the
 * local cloud's Event API, the `chat` handler, the persist Lambda and DynamoDB, and reads back
 * through the history API. The persistence tests run on dynalite and on DynamoDB Local.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, MessageCreatedEvent, TypingSignal } from '../../core/messages.ts';
import type { DynamoEngine } from 'appsync-events-local';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';

const NOT_STORED = 'UNAVAILABLE: Message not stored; please retry';

interface Failed {
  index: number;
  message: string;
}
interface Page {
  items: ChatMessage[];
  nextCursor?: string;
}

const message = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'message', clientMsgId: randomUUID(), text, ...extra });
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

async function createRoom(client: AmplifyTestClient, prefix: string): Promise<string> {
  const { body } = await client.rest('POST', '/rooms', { name: `${prefix} ${randomUUID().slice(0, 8)}` });
  return (body as { id: string }).id;
}

/** Every message of a room through `before` cursors, newest first. */
async function readAllBefore(client: AmplifyTestClient, roomId: string): Promise<{ items: ChatMessage[]; pages: number }> {
  const items: ChatMessage[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const query = cursor ? `&before=${encodeURIComponent(cursor)}` : '';
    const { body } = await client.rest('GET', `/rooms/${roomId}/messages?limit=100${query}`);
    const page = body as Page;
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

async function readAllAfter(client: AmplifyTestClient, roomId: string, afterId: string): Promise<ChatMessage[]> {
  const items: ChatMessage[] = [];
  let after: string | undefined = afterId;
  while (after) {
    const { body } = await client.rest('GET', `/rooms/${roomId}/messages?limit=100&after=${after}`);
    const page = body as Page;
    items.push(...page.items);
    after = page.nextCursor;
  }
  return items;
}

describe.each<{ engine: DynamoEngine; pagedRoomSize: number }>([
  { engine: 'dynalite', pagedRoomSize: 10_000 },
  { engine: 'dynamodb-local', pagedRoomSize: 500 },
])('the message pipeline on $engine', ({ engine, pagedRoomSize }) => {
  let cloud: LocalCloud;
  let aliceClient: AmplifyTestClient;
  let bobClient: AmplifyTestClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off', dynamo: engine });
    [aliceClient, bobClient] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob')) as [AmplifyTestClient, AmplifyTestClient];
  });

  afterAll(async () => {
    await Promise.all([aliceClient?.close(), bobClient?.close()]);
    await cloud?.close();
  });

  /** A fresh room with Bob subscribed under `key`. */
  async function roomWatchedByBob(key: string): Promise<{ roomId: string; channel: string }> {
    const roomId = await createRoom(aliceClient, key);
    const channel = `/chat/rooms/${roomId}`;
    await bobClient.subscribe(key, channel);
    return { roomId, channel };
  }

  it('stores a publish and broadcasts the stored message with the same id, stamped with the display name', async () => {
    const { roomId, channel } = await roomWatchedByBob('stored');
    const sent = message('hello <b>bob</b> & 👩‍👩‍👧', { author: { sub: 'forged', handle: 'admin', displayName: 'Admin', moderator: true }, moderator: true });

    expect(await aliceClient.post(channel, [sent])).toBeNull();

    const [event] = (await bobClient.waitForEvents('stored', 1)) as MessageCreatedEvent[];
    const sub = claimsOf((await aliceClient.tokens()).accessToken!).sub;
    expect(event!.message).toMatchObject({
      roomId,
      text: 'hello <b>bob</b> & 👩‍👩‍👧',
      clientMsgId: sent.clientMsgId,
      author: { sub, handle: 'alice', displayName: 'Alice', moderator: false },
    });
    const { body } = await bobClient.rest('GET', `/rooms/${roomId}/messages`);
    expect((body as Page).items).toEqual([event!.message]);
  });

  it('reports each invalid event of a mixed batch with a clear message, and stores and broadcasts the valid ones', async () => {
    const { roomId, channel } = await roomWatchedByBob('mixed');
    const good = message('good one');

    const failed = (await aliceClient.post(channel, [
      message('bad id', { clientMsgId: 'not-a-uuid' }),
      good,
      message('\u0000 \u202E \r\n'),
      message('😀'.repeat(4001)),
    ])) as Failed[];

    expect(failed.map((f) => [f.index, f.message])).toEqual([
      [0, 'BAD_REQUEST: clientMsgId must be a UUID'],
      [2, 'BAD_REQUEST: text is empty after removing whitespace and control characters'],
      [3, 'BAD_REQUEST: text must be at most 4000 characters (it has 4001)'],
    ]);
    const [event] = (await bobClient.waitForEvents('mixed', 1)) as MessageCreatedEvent[];
    expect(event!.message.clientMsgId).toBe(good.clientMsgId);
    const { body } = await bobClient.rest('GET', `/rooms/${roomId}/messages`);
    expect((body as Page).items.map((m) => m.clientMsgId)).toEqual([good.clientMsgId]);
  });

  it('accepts 4,000 emoji, sanitized, as one message', async () => {
    const { channel } = await roomWatchedByBob('at-limit');

    expect(await aliceClient.post(channel, [message(`\u202E${'😀'.repeat(4000)}\u0000`)])).toBeNull();

    const [event] = (await bobClient.waitForEvents('at-limit', 1)) as MessageCreatedEvent[];
    expect(event!.message.text).toBe('😀'.repeat(4000));
  });

  it('stores a retried clientMsgId once and answers the retry with the original message', async () => {
    const { roomId, channel } = await roomWatchedByBob('retry');
    const sent = message('only once');

    expect(await aliceClient.post(channel, [sent])).toBeNull();
    expect(await aliceClient.post(channel, [sent])).toBeNull();

    const [first, retry] = (await bobClient.waitForEvents('retry', 2)) as MessageCreatedEvent[];
    expect(retry!.message).toEqual(first!.message);
    const { body } = await bobClient.rest('GET', `/rooms/${roomId}/messages`);
    expect((body as Page).items).toEqual([first!.message]);
  });

  it('fails a publish to a room that was never created, storing nothing', async () => {
    const roomId = `never-${randomUUID().slice(0, 8)}`;

    const failed = (await aliceClient.post(`/chat/rooms/${roomId}`, [message('anyone here?')])) as Failed[];

    expect(failed.map((f) => f.message)).toEqual([`NOT_FOUND: Room ${roomId} does not exist; create it with POST /rooms`]);
    await expect(bobClient.rest('GET', `/rooms/${roomId}/messages`)).rejects.toThrow();
  });

  it('broadcasts nothing when storing fails, and the retry then stores exactly once', async () => {
    const { roomId, channel } = await roomWatchedByBob('fault');
    const sent = [message('first try fails'), message('second of the batch')];
    cloud.faults.setLambdaFault('persist-messages', { failNext: 1 });

    const failed = (await aliceClient.post(channel, sent)) as Failed[];
    const retried = await aliceClient.post(channel, sent);

    expect(failed.map((f) => [f.index, f.message])).toEqual([
      [0, NOT_STORED],
      [1, NOT_STORED],
    ]);
    expect(retried).toBeNull();
    const events = (await bobClient.waitForEvents('fault', 2)) as MessageCreatedEvent[];
    // Subscriptions deliver in publish order: had the failed publish broadcast anything, it would come first.
    expect(events.map((e) => e.message.text)).toEqual(['first try fails', 'second of the batch']);
    const { body } = await bobClient.rest('GET', `/rooms/${roomId}/messages`);
    expect((body as Page).items.map((m) => m.id)).toEqual(events.map((e) => e.message.id).reverse());
    expect(bobClient.received('fault')).toHaveLength(2);
  });

  it(`pages ${pagedRoomSize.toLocaleString('en')} messages with no gap and no duplicate, and fills a gap after an id`, { timeout: 120_000 }, async () => {
    const roomId = await createRoom(aliceClient, 'paged');
    const batches = Array.from({ length: pagedRoomSize / 5 }, (_, b) => Array.from({ length: 5 }, (_, i) => message(`m ${b * 5 + i}`)));

    const failed = await aliceClient.postMany(`/chat/rooms/${roomId}`, batches, 8);
    const { items, pages } = await readAllBefore(bobClient, roomId);

    expect(failed).toEqual([]);
    expect(pages).toBe(pagedRoomSize / 100);
    const ids = items.map((m) => m.id);
    expect(new Set(ids).size).toBe(pagedRoomSize);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect(new Set(items.map((m) => m.clientMsgId))).toEqual(new Set(batches.flat().map((m) => m.clientMsgId)));

    const oldestFirst = [...items].reverse();
    const from = Math.floor(pagedRoomSize * 0.7);
    const after = await readAllAfter(bobClient, roomId, oldestFirst[from]!.id);
    expect(after.map((m) => m.id)).toEqual(oldestFirst.slice(from + 1).map((m) => m.id));
  });
});

describe('per-user rate limit and identity', () => {
  let cloud: LocalCloud;
  let aliceClient: AmplifyTestClient;
  let bobClient: AmplifyTestClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: { count: 3, seconds: 60 } });
    [aliceClient, bobClient] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob')) as [AmplifyTestClient, AmplifyTestClient];
  });

  afterAll(async () => {
    await Promise.all([aliceClient?.close(), bobClient?.close()]);
    await cloud?.close();
  });

  it('fails the events beyond the limit with RATE_LIMITED, per user', async () => {
    const roomId = await createRoom(aliceClient, 'limited');
    const channel = `/chat/rooms/${roomId}`;
    const five = () => Array.from({ length: 5 }, (_, i) => message(`burst ${i}`));

    const aliceFailed = (await aliceClient.post(channel, five())) as Failed[];
    const bobFailed = (await bobClient.post(channel, five())) as Failed[];

    const limited = expect.stringMatching(/^RATE_LIMITED: more than 3 messages in 60 s; retry after \d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
    expect(aliceFailed.map((f) => [f.index, f.message])).toEqual([
      [3, limited],
      [4, limited],
    ]);
    expect(bobFailed.map((f) => f.index)).toEqual([3, 4]);
    const { body } = await bobClient.rest('GET', `/rooms/${roomId}/messages`);
    expect((body as Page).items).toHaveLength(6);
  });

  it('puts the profile into the access token at sign-in and at refresh (Pre Token Generation V2)', async () => {
    const signedIn = await aliceClient.tokens();
    const refreshed = await aliceClient.tokens(true);

    for (const { accessToken, idToken } of [signedIn, refreshed]) {
      expect(claimsOf(accessToken!)).toMatchObject({ token_use: 'access', 'parley:handle': 'alice', 'parley:display_name': 'Alice' });
      expect(claimsOf(idToken!)).toMatchObject({ token_use: 'id', 'parley:handle': 'alice', 'parley:display_name': 'Alice' });
    }
    expect(claimsOf(refreshed.accessToken!).jti).not.toBe(claimsOf(signedIn.accessToken!).jti);
  });

  it('stamps typing signals with the author, not stored', async () => {
    const roomId = await createRoom(aliceClient, 'typing');
    await bobClient.subscribe('typing', `/signals/rooms/${roomId}`);

    expect(await aliceClient.post(`/signals/rooms/${roomId}`, [{ type: 'typing', author: { displayName: 'Admin', moderator: true } }])).toBeNull();

    const [signal] = (await bobClient.waitForEvents('typing', 1)) as TypingSignal[];
    expect(signal).toMatchObject({ type: 'typing', roomId, author: { handle: 'alice', displayName: 'Alice', moderator: false } });
  });
});
