import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tables } from '../../amplify/definition.ts';
import type { Author, PersistRequest } from '../../core/messages.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import { ensureTables } from '../../local/dynamodb/create-tables.ts';
import { type DynamoEngine, type DynamoServer, startDynamoServer } from '../../local/dynamodb/dynamo-server.ts';
/* eslint-enable no-restricted-imports */
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { BadRequestError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { MESSAGE_ORDER_INDEX, roomTimelinePk } from '../lib/message-item.ts';
import type { MetricsSink } from '../lib/metrics.ts';
import { createRoomStore, roomKey } from '../lib/room-store.ts';
import { createMessageWriter } from './message-writer.ts';
import { createPersistMessages, createPersistMessagesHandler, type PersistMessages } from './persist-messages.ts';

const TABLE = 'parley';
const ada: Author = { sub: 'sub-ada', username: 'ada', displayName: 'Ada' };
const bob: Author = { sub: 'sub-bob', username: 'bob', displayName: 'Bob' };

function request(roomId: string, author: Author, messages: { clientMsgId: string; text: string }[]): PersistRequest {
  return { roomId, author, messages: messages.map((m, i) => ({ eventId: `event-${i}`, ...m })) };
}

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('persist-messages on %s', (engine) => {
  let server: DynamoServer;
  let db: DynamoDBDocumentClient;
  let persist: PersistMessages;
  let roomCounter = 0;
  const newRoom = () => `room-${(roomCounter += 1)}`;

  beforeAll(async () => {
    vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
    server = await startDynamoServer({ engine });
    const env = {
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_DYNAMODB: server.endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_NAME: TABLE,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
    const admin = new DynamoDBClient({ region: env.AWS_REGION, endpoint: server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTables(admin, tables, (name) => name);
    admin.destroy();
    db = createDocumentClient(env);
    persist = createPersistMessagesHandler(env);
  }, 90_000);

  afterAll(async () => {
    db?.destroy();
    await server?.close();
    vi.unstubAllEnvs();
  });

  async function roomTimeline(roomId: string) {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: MESSAGE_ORDER_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': roomTimelinePk(roomId) },
      }),
    );
    return Items;
  }

  it('stores a batch in batch order and returns the stored messages', async () => {
    const roomId = newRoom();
    const batch = request(roomId, ada, [
      { clientMsgId: 'c-1', text: 'first' },
      { clientMsgId: 'c-2', text: 'second' },
      { clientMsgId: 'c-3', text: 'third' },
    ]);

    const { results } = await persist(batch);

    expect(results.map((r) => [r.eventId, r.message?.text, r.error])).toEqual([
      ['event-0', 'first', undefined],
      ['event-1', 'second', undefined],
      ['event-2', 'third', undefined],
    ]);
    const ids = results.map((r) => r.message!.id);
    expect([...ids].sort()).toEqual(ids);
    const first = results[0]!.message!;
    expect(first).toEqual({ id: ids[0], roomId, text: 'first', author: ada, createdAt: first.createdAt, clientMsgId: 'c-1' });
    expect(Date.parse(first.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await roomTimeline(roomId)).map((item) => item.text)).toEqual(['first', 'second', 'third']);
    const { Item: room } = await db.send(new GetCommand({ TableName: TABLE, Key: roomKey(roomId) }));
    expect(room).toMatchObject({ id: roomId, name: roomId, lastMessageAt: first.createdAt });
  });

  it('returns the original message when the same author retries a clientMsgId, storing it once', async () => {
    const roomId = newRoom();
    const first = await persist(request(roomId, ada, [{ clientMsgId: 'retry-me', text: 'hello' }]));

    const retry = await persist(request(roomId, ada, [{ clientMsgId: 'retry-me', text: 'hello' }]));

    expect(retry.results[0]!.message).toEqual(first.results[0]!.message);
    expect(await roomTimeline(roomId)).toHaveLength(1);
  });

  it('stores a clientMsgId repeated within one batch once', async () => {
    const roomId = newRoom();

    const { results } = await persist(
      request(roomId, ada, [
        { clientMsgId: 'twice', text: 'same' },
        { clientMsgId: 'twice', text: 'same' },
      ]),
    );

    expect(results[0]!.message).toEqual(results[1]!.message);
    expect(await roomTimeline(roomId)).toHaveLength(1);
  });

  it("gives another author their own message when they reuse someone's clientMsgId", async () => {
    const roomId = newRoom();
    const adas = await persist(request(roomId, ada, [{ clientMsgId: 'shared-id', text: 'from ada' }]));

    const bobs = await persist(request(roomId, bob, [{ clientMsgId: 'shared-id', text: 'from bob' }]));

    expect(bobs.results[0]!.message).toMatchObject({ text: 'from bob', author: bob });
    expect(bobs.results[0]!.message!.id).not.toBe(adas.results[0]!.message!.id);
    expect((await roomTimeline(roomId)).map((item) => item.text)).toEqual(['from ada', 'from bob']);
  });

  it('fails only the event whose write fails', async () => {
    const roomId = newRoom();
    const tooLarge = 'x'.repeat(410 * 1024);

    const { results } = await persist(
      request(roomId, ada, [
        { clientMsgId: 'ok-1', text: 'fine' },
        { clientMsgId: 'big', text: tooLarge },
        { clientMsgId: 'ok-2', text: 'also fine' },
      ]),
    );

    expect(results.map((r) => [r.eventId, r.message?.text, r.error])).toEqual([
      ['event-0', 'fine', undefined],
      ['event-1', undefined, 'INTERNAL'],
      ['event-2', 'also fine', undefined],
    ]);
    expect((await roomTimeline(roomId)).map((item) => item.text)).toEqual(['fine', 'also fine']);
  });

  it('rejects a malformed request as a whole', async () => {
    await expect(persist({ roomId: 'Not A Room', author: ada, messages: [] })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('counts stored, deduplicated and rejected messages', async () => {
    const counts: Record<string, number> = {};
    const metrics: MetricsSink = {
      count: (name, value) => void (counts[name] = (counts[name] ?? 0) + value),
      flush: () => undefined,
    };
    const withMetrics = createPersistMessages({
      writer: createMessageWriter(db, TABLE),
      rooms: createRoomStore(db, TABLE),
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics,
      clock: Date.now,
      nextId: createMessageIdGenerator(randomBytes),
    });
    const roomId = newRoom();
    await withMetrics(request(roomId, ada, [{ clientMsgId: 'm-1', text: 'one' }]));

    await withMetrics(
      request(roomId, ada, [
        { clientMsgId: 'm-1', text: 'one' },
        { clientMsgId: 'm-2', text: 'two' },
        { clientMsgId: 'm-3', text: 'x'.repeat(410 * 1024) },
      ]),
    );

    expect(counts).toEqual({ MessagesStored: 2, MessagesDeduplicated: 1, MessagesRejected: 1 });
  });

  it('measures the write units of a typical message and of the room update', async () => {
    const writer = createMessageWriter(db, TABLE);
    const roomId = newRoom();
    const message = {
      id: createMessageIdGenerator(randomBytes)(Date.now()),
      roomId,
      text: 'A typical chat line of about a hundred characters, give or take a few words here and there. 🙂',
      author: { sub: randomUUID(), username: 'ada.lovelace', displayName: 'Ada Lovelace' },
      createdAt: new Date().toISOString(),
      clientMsgId: randomUUID(),
    };

    const stored = await writer.writeOnce(message);
    const touched = await createRoomStore(db, TABLE).touch(roomId, message.createdAt);

    // DynamoDB Local counts the gsi1 write in TOTAL, as DynamoDB does; dynalite reports the table only.
    expect(stored.consumedWriteUnits).toBe(engine === 'dynamodb-local' ? 2 : 1);
    expect(touched.consumedWriteUnits).toBe(1);
  });
});
