import { BatchWriteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_PAGE_SIZE, type Room } from '../../core/history-api.ts';
import type { Author, ChatMessage } from '../../core/messages.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent as eventFor, type HttpCall } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { toMessageItem } from '../lib/message-item.ts';
import { createRoomStore, roomKey } from '../lib/room-store.ts';
import { type CreateRoom, createCreateRoomHandler } from '../create-room/create-room.ts';
import { createMessageWriter } from '../persist-messages/message-writer.ts';
import { createPersistMessagesHandler } from '../persist-messages/persist-messages.ts';
import { createHistory, createHistoryStores, createHistoryHandler, type History, type HttpEvent } from './history.ts';
import { decodeCursor } from './cursor.ts';

const TABLE = 'parley';
const BIG_ROOM_SIZE = 2500;
const TYPICAL_TEXT = 'A typical chat line of about a hundred characters, give or take a few words here and there. 🙂';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };

function httpEvent(routeKey: string, request: Omit<HttpCall, 'claims'> = {}): HttpEvent {
  return eventFor(routeKey, { ...request, claims: { sub: ada.sub, 'cognito:groups': '[members]' } });
}

/** A room item as create-room writes it. */
function roomItem(id: string, name: string): Record<string, unknown> {
  return { ...roomKey(id), type: 'room', id, name, createdAt: '2026-11-30T12:00:00.000Z', createdBy: randomUUID(), lastMessageAt: '2026-11-30T12:34:56.789Z' };
}

function parse(result: Awaited<ReturnType<History>>) {
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
}

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('history on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let history: History;
  let createRoomHandler: CreateRoom;
  let env: LambdaTable['env'];
  const bigRoom: ChatMessage[] = [];

  // POST /rooms is served by its own function (create-room); everything else by history.
  const call = async (routeKey: string, request?: Omit<HttpCall, 'claims'>) =>
    parse(await (routeKey === 'POST /rooms' ? createRoomHandler : history)(httpEvent(routeKey, request)));
  const getMessages = (roomId: string, query?: Record<string, string>) =>
    call('GET /rooms/{roomId}/messages', { path: { roomId }, query });
  const createRoom = (name: string) => call('POST /rooms', { body: JSON.stringify({ name }) });

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    ({ env, db } = table);
    history = createHistoryHandler(env);
    createRoomHandler = createCreateRoomHandler(env);
    await createRoom('Big Room');
    bigRoom.push(...(await seedRoom(db, 'big-room', BIG_ROOM_SIZE)));
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });


  /** The history logic on a client that reports the read units of every DynamoDB call it makes. */
  function historyMeasuring(onReadUnits: (units: number) => void): { history: History; client: DynamoDBDocumentClient } {
    const client = createDocumentClient(env);
    client.middlewareStack.add(
      (next) => async (args) => {
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        onReadUnits((result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits ?? 0);
        return result;
      },
      { step: 'initialize', name: 'recordConsumedCapacity' },
    );
    const history = createHistory({
      ...createHistoryStores(client, TABLE),
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
    });
    return { history, client };
  }
  it('creates a room from its name, and returns the same room for the same name', async () => {
    const created = await createRoom('Release Planning');

    const again = await createRoom('  release   PLANNING ');

    expect(created).toEqual({ status: 201, body: { id: 'release-planning', name: 'Release Planning', kind: 'public', lastMessageAt: null } });
    expect(again).toEqual({ status: 200, body: created.body });
  });

  it.each([['{"name":"!!!"}'], ['{"name":""}'], ['{"title":"x"}'], ['not json'], [undefined]])('rejects the room body %j', async (body) => {
    const response = await call('POST /rooms', { body });

    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(expect.any(String));
  });

  it('lists rooms with the time of their last message', async () => {
    await createRoom('Quiet Corner');
    await createRoom('Busy Corner');
    const persist = createPersistMessagesHandler(env);
    const { results } = await persist({ roomId: 'busy-corner', author: ada, messages: [{ eventId: 'e', clientMsgId: 'c', text: 'hi' }] });

    const { status, body } = await call('GET /rooms');

    expect(status).toBe(200);
    expect(body.items).toEqual(
      expect.arrayContaining([
        { id: 'quiet-corner', name: 'Quiet Corner', kind: 'public', lastMessageAt: null },
        { id: 'busy-corner', name: 'Busy Corner', kind: 'public', lastMessageAt: results[0]!.message!.createdAt },
      ]),
    );
  });

  it('pages the room list 100 at a time in id order, every room once, no page near the response limit', { timeout: 60_000 }, async () => {
    // 850 typical rooms and 200 (so that one page holds nothing else) of the largest a room can
    // answer with: a 50-character id and a name of 50 control characters, each escaped in JSON as
    // \u0001 (6 B).
    const typical = Array.from({ length: 850 }, (_, i) => roomItem(`x-room-${String(i).padStart(4, '0')}`, `Room ${i}`));
    const largest = Array.from({ length: 200 }, (_, i) => roomItem(`zz-${String(i).padStart(3, '0')}-${'z'.repeat(43)}`, '\u0001'.repeat(50)));
    const items = [...typical, ...largest];
    for (let i = 0; i < items.length; i += 25) {
      await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    const everyRoom = (await createRoomStore(db, TABLE).list()).map((room) => room.id);
    let readUnits = 0;
    const { history: measuredHistory, client: measured } = historyMeasuring((units) => (readUnits += units));

    const pages: { items: Room[]; nextCursor?: string; bytes: number; readUnits: number }[] = [];
    let cursor: string | undefined;
    do {
      readUnits = 0;
      const result = await measuredHistory(httpEvent('GET /rooms', cursor === undefined ? {} : { query: { cursor } }));
      const page = JSON.parse(result.body ?? '') as { items: Room[]; nextCursor?: string };
      pages.push({ ...page, bytes: Buffer.byteLength(result.body ?? ''), readUnits });
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    measured.destroy();

    const seen = pages.flatMap((page) => page.items.map((room) => room.id));
    expect(everyRoom.length).toBeGreaterThan(1050);
    expect(seen).toEqual(everyRoom);
    expect(pages.map((page) => page.items.length)).toEqual([...Array(pages.length - 1).fill(ROOM_PAGE_SIZE), everyRoom.length % ROOM_PAGE_SIZE || ROOM_PAGE_SIZE]);
    expect(pages.at(-1)?.items.at(-1)?.name).toBe('\u0001'.repeat(50));
    expect(Math.max(...pages.map((page) => page.bytes))).toBeLessThan(44_000);
    // One Query of 101 items a page (eventually consistent): ~190 B a typical room, 2.5 RCU (both
    // engines); the page of the largest rooms here (~290 B) 4 RCU; ~400 B at most (names of 3-byte
    // characters), 5 RCU.
    expect(pages.slice(1, 8).map((page) => page.readUnits)).toEqual(Array(7).fill(2.5));
    expect(Math.max(...pages.map((page) => page.readUnits))).toBeLessThanOrEqual(5);
  });

  it.each([['not-a-cursor!'], [''], [Buffer.from(JSON.stringify({ v: 1, k: 'rooms', r: 'Bad Room' })).toString('base64url')]])('answers 400 to the room list cursor %j', async (cursor) => {
    const response = await call('GET /rooms', { query: { cursor } });

    expect(response).toEqual({ status: 400, body: { message: 'Invalid cursor' } });
  });

  it('reads back what persist-messages stored', async () => {
    await createRoom('Read Back');
    const persist = createPersistMessagesHandler(env);
    const { results } = await persist({
      roomId: 'read-back',
      author: ada,
      messages: [
        { eventId: 'e1', clientMsgId: 'c1', text: 'one' },
        { eventId: 'e2', clientMsgId: 'c2', text: 'two' },
      ],
    });

    const { status, body } = await getMessages('read-back');

    expect(status).toBe(200);
    expect(body).toEqual({ items: results.map((r) => r.message).reverse() });
  });

  it('reads a page of 50 typical messages for at most 2 read units', async () => {
    await createRoom('Weekly Planning');
    const writer = createMessageWriter(db, TABLE);
    const nextId = createMessageIdGenerator(randomBytes);
    // UUID subs and clientMsgIds, ~100 B of text, long handles and display names (they cost more).
    const authors = ['ada', 'grace', 'alan', 'edsger', 'barbara'].map((name) => ({ sub: randomUUID(), handle: `${name}_example`, displayName: `${name} Example`, moderator: false }));
    for (let i = 0; i < 60; i += 1) {
      const now = Date.now();
      const author = authors[i % authors.length]!;
      await writer.writeOnce({ id: nextId(now), roomId: 'weekly-planning', text: TYPICAL_TEXT, author, createdAt: new Date(now).toISOString(), clientMsgId: randomUUID() });
    }
    const readUnits: number[] = [];
    const { history: measuredHistory, client: measured } = historyMeasuring((units) => readUnits.push(units));

    const { status, body } = parse(await measuredHistory(httpEvent('GET /rooms/{roomId}/messages', { path: { roomId: 'weekly-planning' } })));
    measured.destroy();

    expect(status).toBe(200);
    expect(body.items).toHaveLength(50);
    // One gsi1 Query of 51 index entries of ~300 B: under 16 KB, so 4 × 0.5 RCU (eventually
    // consistent). The old item layout (~500 B) read 3.5 here. DynamoDB Local bills as DynamoDB
    // does; dynalite counts characters instead of UTF-8 bytes, a little less, and also says 2.
    // Nothing else: the overlays of changed messages would have come in the same Query, so there
    // is no second request, which DynamoDB would bill at least 0.5 RCU even when it finds nothing.
    expect(readUnits).toHaveLength(1);
    expect(readUnits[0]).toBeLessThanOrEqual(2);
  });

  it('reads messages stored in the old item layout beside compact ones', async () => {
    await createRoom('Old Layout');
    const nextId = createMessageIdGenerator(randomBytes);
    // Written before handles too: the author map has a username, the reader shows no handle.
    const before = { ...ada, handle: '' };
    const old: ChatMessage = { id: nextId(Date.now() - 1000), roomId: 'old-layout', text: 'from before', author: before, createdAt: '2025-01-01T00:00:00.000Z', clientMsgId: 'old-1' };
    const removed: ChatMessage = { ...old, id: nextId(Date.now() - 500), clientMsgId: 'old-2', text: 'removed before' };
    const oldAuthor = { sub: ada.sub, username: 'ada', displayName: ada.displayName };
    const legacy = (m: ChatMessage) => ({ ...messageKeysOf(m), type: 'message', id: m.id, roomId: m.roomId, text: m.text, author: oldAuthor, createdAt: m.createdAt, clientMsgId: m.clientMsgId });
    await db.send(new PutCommand({ TableName: TABLE, Item: legacy(old) }));
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...legacy(removed), status: 'removed' } }));
    const { results } = await createPersistMessagesHandler(env)({ roomId: 'old-layout', author: ada, messages: [{ eventId: 'e', clientMsgId: 'new-1', text: 'compact' }] });

    const { status, body } = await getMessages('old-layout');

    expect(status).toBe(200);
    expect(body.items).toEqual([results[0]!.message, { id: removed.id, roomId: 'old-layout', createdAt: removed.createdAt, removed: true }, old]);
  });

  it('pages a large room newest first without gaps or duplicates', { timeout: 60_000 }, async () => {
    const seen: ChatMessage[] = [];
    let cursor: string | undefined;
    let pages = 0;

    do {
      const { status, body } = await getMessages('big-room', { limit: '100', ...(cursor ? { before: cursor } : {}) });
      expect(status).toBe(200);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(BIG_ROOM_SIZE / 100);
    expect(seen.map((m) => m.id)).toEqual(bigRoom.map((m) => m.id).reverse());
    expect(seen[0]).toEqual(bigRoom.at(-1));
  });

  it('serves 50 messages by default, with a cursor to the next older page', async () => {
    const { body } = await getMessages('big-room');

    expect(body.items).toHaveLength(50);
    expect(decodeCursor(body.nextCursor, 'big-room')).toBe(bigRoom[BIG_ROOM_SIZE - 50]!.id);
  });

  it('fills a gap after a message id, oldest first, continuing from the last id', { timeout: 30_000 }, async () => {
    const from = BIG_ROOM_SIZE - 130;
    const seen: ChatMessage[] = [];
    let after: string | undefined = bigRoom[from]!.id;

    while (after) {
      const { status, body } = await getMessages('big-room', { after, limit: '50' });
      expect(status).toBe(200);
      seen.push(...body.items);
      after = body.nextCursor;
    }

    expect(seen.map((m) => m.id)).toEqual(bigRoom.slice(from + 1).map((m) => m.id));
  });

  it('reports a message first broadcast by a late retry in the gap fill of a client that was away', async () => {
    await createRoom('Late Retry');
    const writer = createMessageWriter(db, TABLE);
    const t0 = Date.now() - 120_000;
    const draft = (ms: number, clientMsgId: string): ChatMessage => ({
      id: createMessageIdGenerator((n) => randomBytes(n))(ms),
      roomId: 'late-retry',
      text: `sent at ${ms}`,
      author: ada,
      createdAt: new Date(ms).toISOString(),
      clientMsgId,
    });
    // Stored at t0, its broadcast lost; meanwhile the room moves on for a minute.
    const lost = (await writer.writeOnce(draft(t0, 'lost-broadcast'))).message;
    const later = (await writer.writeOnce(draft(t0 + 60_000, 'a-minute-later'))).message;
    // A retry 3 s after the store is not late; one 90 s after is.
    const quick = (await writer.writeOnce(draft(t0 + 3_000, 'lost-broadcast'))).message;
    const anchorBefore = (await getMessages('late-retry', { after: later.id })).body;
    const late = (await writer.writeOnce(draft(t0 + 90_000, 'lost-broadcast'))).message;

    const { status, body } = await getMessages('late-retry', { after: later.id });

    expect([quick, late]).toEqual([lost, lost]);
    expect(anchorBefore).toEqual({ items: [] });
    expect(status).toBe(200);
    expect(body).toEqual({ items: [], updates: [lost] });
    // An anchor past the note (a client that reconnected after the retry) is not told again.
    const after = (await writer.writeOnce(draft(t0 + 100_000, 'after-the-note'))).message;
    expect((await getMessages('late-retry', { after: after.id })).body).toEqual({ items: [] });
  });

  it('answers an empty page after the newest message', async () => {
    expect(await getMessages('big-room', { after: bigRoom.at(-1)!.id })).toEqual({ status: 200, body: { items: [] } });
  });

  it('answers an empty room with no items and no cursor', async () => {
    await createRoom('Empty');

    expect(await getMessages('empty')).toEqual({ status: 200, body: { items: [] } });
  });

  it.each([
    ['a bad room id', 'Big Room', {}],
    ['limit 0', 'big-room', { limit: '0' }],
    ['limit 101', 'big-room', { limit: '101' }],
    ['limit ten', 'big-room', { limit: 'ten' }],
    ['a tampered cursor', 'big-room', { before: 'eyJ2IjoxfQ' }],
    ['both before and after', 'big-room', { before: 'eyJ2IjoxfQ', after: '01HZX3JQ5V8D6K2M4N7P9R0STW' }],
    ['an after that is not an id', 'big-room', { after: 'MSG#1' }],
  ])('answers 400 for %s', async (_what, roomId, query) => {
    const { status, body } = await getMessages(roomId, query);

    expect(status).toBe(400);
    expect(body).toEqual({ message: expect.any(String) });
  });

  it('answers 404 for an unknown room', async () => {
    const { status, body } = await getMessages('no-such-room');

    expect(status).toBe(404);
    expect(body).toEqual({ message: expect.any(String) });
  });

  it('answers 404 for an unknown route', async () => {
    expect((await call('DELETE /rooms')).status).toBe(404);
  });
});

function messageKeysOf(m: ChatMessage) {
  return { pk: `AUTHOR#${m.author.sub}`, sk: `MSG#${m.roomId}#${m.clientMsgId}`, gsi1pk: `ROOM#${m.roomId}`, gsi1sk: `MSG#${m.id}` };
}

/** Writes `count` messages straight to the table, oldest first, 25 per BatchWrite. */
async function seedRoom(db: DynamoDBDocumentClient, roomId: string, count: number): Promise<ChatMessage[]> {
  const nextId = createMessageIdGenerator(randomBytes);
  const start = Date.UTC(2025, 0, 1);
  // Several messages share a millisecond, as in a busy room.
  const messages = Array.from({ length: count }, (_, i): ChatMessage => {
    const at = start + Math.floor(i / 3);
    return { id: nextId(at), roomId, text: `message ${i}`, author: ada, createdAt: new Date(at).toISOString(), clientMsgId: `seed-${i}` };
  });
  for (let i = 0; i < messages.length; i += 25) {
    let requests = messages.slice(i, i + 25).map((m) => ({ PutRequest: { Item: toMessageItem(m) } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
      requests = (UnprocessedItems?.[TABLE] ?? []) as typeof requests;
    }
  }
  return messages;
}
