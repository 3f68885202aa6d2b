import { BatchWriteCommand, type DynamoDBDocumentClient, paginateQuery, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Author, ChatMessage } from '../../core/messages.ts';
import type { AuditEntry, ModeratedMessage } from '../../core/moderation.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent as eventFor, type HttpCall } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createHistoryHandler } from '../history/history.ts';
import { createAuthorDirectory } from '../lib/author-directory.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { createHandleLookup } from '../lib/handle-lookup.ts';
import { PublishFailedError } from '../lib/event-publisher.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { authorPk, fromMessageItem, toMessageItem } from '../lib/message-item.ts';
import { roomKey } from '../lib/room-item.ts';
import { createRoomStore } from '../lib/room-store.ts';
import { createRoomAdminStore } from './room-admin-store.ts';
import { createReportQueueStore } from './report-queue-store.ts';
import { createPersistMessagesHandler } from '../persist-messages/persist-messages.ts';
import { createModeration, type HttpEvent, type Moderation } from './moderation.ts';
import { MESSAGE_READ_BUDGET } from './message-search.ts';
import { createModerationStore } from './moderation-store.ts';

const TABLE = 'parley';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada Lovelace', moderator: false };
const bob: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };
// The access token's claims as the HTTP API's JWT authorizer passes them on (strings).
const mod = { sub: 'sub-mod', username: 'sub-mod', 'parley:handle': 'morgan', 'parley:display_name': 'Morgan', 'cognito:groups': '[moderators]' };
const member = { sub: 'sub-bob', username: 'sub-bob', 'parley:handle': 'bob', 'parley:display_name': 'Bob', 'cognito:groups': '[]' };
const START = Date.UTC(2025, 0, 1);
const BIG_ROOM_SIZE = 1500;

function httpEvent(routeKey: string, request: Partial<HttpCall> = {}): HttpEvent {
  return eventFor(routeKey, { ...request, claims: request.claims ?? mod });
}

const ROUTES = [
  'GET /moderation/messages',
  'POST /moderation/messages/{roomId}/{messageId}/remove',
  'POST /moderation/messages/{roomId}/{messageId}/restore',
  'GET /moderation/audit',
  'GET /moderation/export',
];

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('moderation on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let moderation: Moderation;
  let env: LambdaTable['env'];
  const published: { channel: string; events: unknown[] }[] = [];
  let failPublish = false;
  const counted: [string, number][] = [];
  const seeded: ChatMessage[] = [];
  const byText = (text: string) => seeded.find((m) => m.text === text)!;

  const call = async (routeKey: string, request?: Partial<HttpCall>) => {
    const result = await moderation(httpEvent(routeKey, request));
    const text = result.body ?? '';
    return { status: result.statusCode, headers: result.headers ?? {}, text, body: text.startsWith('{') ? JSON.parse(text) : null };
  };
  const list = async (query: Record<string, string>) => {
    const { status, body } = await call('GET /moderation/messages', { query });
    expect(status).toBe(200);
    return body as { items: ModeratedMessage[]; nextCursor?: string; truncated?: boolean };
  };
  const texts = (items: ModeratedMessage[]) => items.map((item) => item.message.text);
  const act = (action: 'remove' | 'restore', message: ChatMessage, body?: unknown) =>
    call(`POST /moderation/messages/{roomId}/{messageId}/${action}`, {
      path: { roomId: message.roomId, messageId: message.id },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** The function over `client`, publishing into `published` unless `failPublish`. */
  const moderationDeps = (client: DynamoDBDocumentClient) => ({
    store: createModerationStore(client, TABLE),
    rooms: createRoomStore(client, TABLE),
    roomAdmin: createRoomAdminStore(client, TABLE),
    reports: createReportQueueStore(client, TABLE),
    authors: createAuthorDirectory(client, TABLE),
    handles: createHandleLookup(client, TABLE),
    publisher: {
      async publish(channel: string, events: unknown[]) {
        if (failPublish) throw new PublishFailedError('Event API unreachable');
        published.push({ channel, events });
      },
    },
    logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
    metrics: { count: (name: string, value: number) => void counted.push([name, value]), countByCode: () => {}, flush: () => {} },
    clock: Date.now,
    nextId: createMessageIdGenerator(randomBytes),
  });

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    ({ env, db } = table);
    const rooms = createRoomStore(db, TABLE);
    const authors = createAuthorDirectory(db, TABLE);
    moderation = createModeration(moderationDeps(db));
    const nextId = createMessageIdGenerator(randomBytes);
    const message = (roomId: string, author: Author, text: string, at: number): ChatMessage => ({
      id: nextId(at), roomId, text, author, createdAt: new Date(at).toISOString(), clientMsgId: `c-${seeded.length}`,
    });
    for (const roomId of ['general', 'random', 'big-room']) await rooms.create({ id: roomId, name: roomId, now: new Date(START).toISOString() });
    // One message per hour, alternating rooms and authors, then a big room of filler.
    const lines = [
      ['general', ada, 'Hello everyone'],
      ['random', bob, 'buy cheap stuff at spam.example'],
      ['general', bob, 'hello ada'],
      ['random', ada, 'Formula =1+1, "quoted", two\nlines'],
      ['general', ada, 'SPAM spam spam'],
      ['general', bob, 'last words'],
    ] as const;
    lines.forEach(([roomId, author, text], i) => seeded.push(message(roomId, author, text, START + i * 3_600_000)));
    seeded.push(message('big-room', ada, 'needle in the haystack', START + 10 * 3_600_000));
    for (let i = 0; i < BIG_ROOM_SIZE; i += 1) seeded.push(message('big-room', bob, `filler ${i}`, START + 11 * 3_600_000 + i));
    for (let i = 0; i < seeded.length; i += 25) {
      await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: seeded.slice(i, i + 25).map((m) => ({ PutRequest: { Item: toMessageItem(m) } })) } }));
    }
    // What persist-messages does with every batch: the room's last message time, which bounds each
    // room in the all-rooms search.
    for (const roomId of ['general', 'random', 'big-room']) {
      const last = seeded.filter((m) => m.roomId === roomId).map((m) => m.createdAt).sort().at(-1)!;
      await rooms.touch(roomId, last);
    }
    await authors.record(ada, new Date(START).toISOString());
    await authors.record(bob, new Date(START).toISOString());
  }, 180_000);

  afterAll(async () => {
    await table?.close();
  });

  it.each(ROUTES)('answers 403 to a member on %s', async (routeKey) => {
    const target = byText('Hello everyone');

    const { status, body } = await call(routeKey, { claims: member, path: { roomId: target.roomId, messageId: target.id }, body: '{"reason":"x"}' });

    expect(status).toBe(403);
    expect(body).toEqual({ message: expect.any(String) });
  });

  it('lists one room newest first, with its status', async () => {
    const { items, nextCursor } = await list({ roomId: 'general' });

    expect(texts(items)).toEqual(['last words', 'SPAM spam spam', 'hello ada', 'Hello everyone']);
    expect(items[0]).toEqual({ message: byText('last words'), status: 'visible' });
    expect(nextCursor).toBeUndefined();
  });

  it('lists every room merged newest first, and pages without gaps or duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: '100', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.message.id));
      cursor = page.nextCursor;
    } while (cursor);

    expect(seen).toEqual(seeded.map((m) => m.id).sort().reverse());
  });

  it.each([
    ['an author by display name, any case', { author: 'ada lovelace' }, ['needle in the haystack', 'SPAM spam spam', 'Formula =1+1, "quoted", two\nlines', 'Hello everyone']],
    ['an author by sub', { author: 'sub-ada', roomId: 'general' }, ['SPAM spam spam', 'Hello everyone']],
    ['a time range', { from: new Date(START + 3_600_000).toISOString(), to: new Date(START + 3 * 3_600_000).toISOString() }, ['Formula =1+1, "quoted", two\nlines', 'hello ada', 'buy cheap stuff at spam.example']],
    ['a text match, case-insensitive', { q: 'SPAM', roomId: 'general' }, ['SPAM spam spam']],
    ['a text match across rooms', { q: 'spam', to: new Date(START + 10 * 3_600_000).toISOString() }, ['SPAM spam spam', 'buy cheap stuff at spam.example']],
    ['everything combined', { roomId: 'general', author: 'BOB', from: new Date(START).toISOString(), to: new Date(START + 5 * 3_600_000).toISOString(), status: 'visible', q: 'o' }, ['last words', 'hello ada']],
  ])('filters by %s', async (_what, query, expected) => {
    expect(texts((await list(query)).items)).toEqual(expected);
  });

  it('cuts a text search off at the read budget, says so, and finds the match with the cursor', async () => {
    const first = await list({ roomId: 'big-room', q: 'needle' });

    expect(first.items).toEqual([]);
    expect(first.truncated).toBe(true);
    const second = await list({ roomId: 'big-room', q: 'needle', cursor: first.nextCursor! });
    expect(texts(second.items)).toEqual(['needle in the haystack']);
    expect(second.truncated).toBeUndefined();
  });

  /** Bob's message ids as his partition holds them now (other tests add to it). */
  async function bobsIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of paginateQuery({ client: db }, { TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': authorPk(bob.sub) } })) {
      ids.push(...(page.Items ?? []).map((item) => fromMessageItem(item).id));
    }
    return ids;
  }

  it('reads an author’s messages within the read budget per request, and pages through every one of them once', async () => {
    const readPerRequest: number[] = [];
    let read = 0;
    const measured = createDocumentClient(env);
    measured.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        read += (result.output as { Items?: unknown[] }).Items?.length ?? 0;
        return result;
      },
      { step: 'initialize', name: 'countItemsRead' },
    );
    const measuredModeration = createModeration(moderationDeps(measured));
    const expected = await bobsIds();
    const seen: string[] = [];
    const pages: ModeratedMessage[][] = [];
    let cursor: string | undefined;
    do {
      read = 0;
      const result = await measuredModeration(httpEvent('GET /moderation/messages', { query: { author: 'Bob', limit: '100', ...(cursor ? { cursor } : {}) } }));
      const page = JSON.parse(result.body ?? '') as { items: ModeratedMessage[]; nextCursor?: string };
      readPerRequest.push(read);
      pages.push(page.items);
      seen.push(...page.items.map((item) => item.message.id));
      cursor = page.nextCursor;
    } while (cursor);
    measured.destroy();

    expect(expected.length).toBeGreaterThan(MESSAGE_READ_BUDGET);
    // The budget, plus the author's name in the directory: the whole partition before this.
    expect(Math.max(...readPerRequest)).toBeLessThanOrEqual(MESSAGE_READ_BUDGET + 1);
    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen)).toEqual(new Set(expected));
    for (const items of pages) expect(items.map((item) => item.message.id)).toEqual(items.map((item) => item.message.id).sort().reverse());
  });

  it('cuts an author search off at the read budget, says so, and finds the match with the cursor', async () => {
    const first = await list({ author: 'Bob', q: 'last words' });

    expect(first.items).toEqual([]);
    expect(first.truncated).toBe(true);
    const second = await list({ author: 'Bob', q: 'last words', cursor: first.nextCursor! });
    expect(texts(second.items)).toEqual(['last words']);
    expect(second.truncated).toBeUndefined();
  });

  it('exports every message of an author past the read budget, paging internally', async () => {
    const expected = await bobsIds();

    const { status, body } = await call('GET /moderation/export', { query: { author: 'Bob', format: 'json' } });

    expect(status).toBe(200);
    expect((body.items as ModeratedMessage[]).map((item) => item.message.id).sort()).toEqual([...expected].sort());
    expect(body.truncated).toBeUndefined();
  });

  it('rejects an author cursor used with other filters, and a malformed one', async () => {
    const { nextCursor } = await list({ author: 'Bob', limit: '10' });

    const other = await call('GET /moderation/messages', { query: { author: 'Ada Lovelace', cursor: nextCursor! } });
    const malformed = await call('GET /moderation/messages', { query: { author: 'Bob', cursor: Buffer.from(JSON.stringify({ v: 1, k: 'messages', a: [-1, null] })).toString('base64url') } });

    expect(other).toMatchObject({ status: 400, body: { message: 'The cursor belongs to other filters' } });
    expect(malformed).toMatchObject({ status: 400, body: { message: 'Invalid cursor' } });
  });

  it('rejects a cursor used with other filters', async () => {
    const { nextCursor } = await list({ roomId: 'big-room', limit: '10' });

    const { status } = await call('GET /moderation/messages', { query: { roomId: 'general', cursor: nextCursor! } });

    expect(status).toBe(400);
  });

  it('removes a message once, publishes every time, audits once, and hides its text from history', async () => {
    const target = byText('buy cheap stuff at spam.example');
    published.length = 0;
    counted.length = 0;

    const first = await act('remove', target, { reason: 'spam' });
    const again = await act('remove', target, { reason: 'spam, again' });

    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      changed: true,
      item: { message: target, status: 'removed', removal: { by: { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' }, at: expect.any(String), reason: 'spam' } },
    });
    expect(again.body).toEqual({ changed: false, item: first.body.item });
    expect(counted).toEqual([['MessagesRemoved', 1]]);
    expect(published).toEqual([
      { channel: '/chat/rooms/random', events: [{ type: 'message.removed', roomId: 'random', id: target.id }] },
      { channel: '/chat/rooms/random', events: [{ type: 'message.removed', roomId: 'random', id: target.id }] },
    ]);
    const audit = (await call('GET /moderation/audit', { query: { roomId: 'random' } })).body.items as AuditEntry[];
    expect(audit).toEqual([
      { id: expect.any(String), at: first.body.item.removal.at, action: 'message.removed', roomId: 'random', messageId: target.id, messageAuthor: bob, moderator: first.body.item.removal.by, reason: 'spam' },
    ]);
    const history = await createHistoryHandler(env)(httpEvent('GET /rooms/{roomId}/messages', { path: { roomId: 'random' }, claims: member }));
    const historyItems = JSON.parse(history.body!).items;
    expect(historyItems).toContainEqual({ id: target.id, roomId: 'random', createdAt: target.createdAt, removed: true });
    expect(JSON.stringify(historyItems)).not.toContain('spam.example');
    expect(texts((await list({ status: 'removed' })).items)).toEqual(['buy cheap stuff at spam.example']);
    expect(texts((await list({ roomId: 'random', status: 'visible' })).items)).toEqual(['Formula =1+1, "quoted", two\nlines']);
  });

  it('does not re-broadcast a removed text when its author retries the publish', async () => {
    const persist = createPersistMessagesHandler(env);
    const { results } = await persist({ roomId: 'general', author: ada, messages: [{ eventId: 'e', clientMsgId: 'to-remove', text: 'oops' }] });
    await act('remove', results[0]!.message!, { reason: 'oops' });

    const retry = await persist({ roomId: 'general', author: ada, messages: [{ eventId: 'e', clientMsgId: 'to-remove', text: 'oops' }] });

    expect(retry.results[0]).toEqual({ eventId: 'e', error: 'MESSAGE_REMOVED: Message to-remove was removed by a moderator' });
  });

  it('restores a message once and publishes it back', async () => {
    const target = byText('SPAM spam spam');
    await act('remove', target, { reason: 'looks like spam' });
    published.length = 0;

    const first = await act('restore', target);
    const again = await act('restore', target, { reason: 'still fine' });

    expect(first.body).toEqual({ changed: true, item: { message: target, status: 'visible' } });
    expect(again.body.changed).toBe(false);
    expect(published.map((p) => p.events)).toEqual([[{ type: 'message.restored', message: target }], [{ type: 'message.restored', message: target }]]);
    const audit = (await call('GET /moderation/audit', { query: { roomId: 'general', moderator: 'morgan' } })).body.items as AuditEntry[];
    expect(audit.filter((e) => e.messageId === target.id).map((e) => [e.action, e.reason])).toEqual([
      ['message.restored', undefined],
      ['message.removed', 'looks like spam'],
    ]);
  });

  it('answers a publish failure after the change with 502, and a retry publishes', async () => {
    const target = byText('last words');
    failPublish = true;

    const failed = await act('remove', target, { reason: 'retry me' });
    failPublish = false;
    published.length = 0;
    const retried = await act('remove', target, { reason: 'retry me' });

    expect(failed.status).toBe(502);
    expect(failed.body.code).toBe('PUBLISH_FAILED');
    expect(retried.body.changed).toBe(false);
    expect(retried.body.item.status).toBe('removed');
    expect(published).toHaveLength(1);
  });

  it.each([
    ['an unknown message', 404, { roomId: 'general', messageId: '01HZX3JQ5V8D6K2M4N7P9R0STW' }, { reason: 'x' }],
    ['a reason over 500 characters', 400, undefined, { reason: 'x'.repeat(501) }],
    ['a missing reason', 400, undefined, {}],
    ['a reason that is not text', 400, undefined, { reason: 42 }],
    ['a malformed message id', 400, { roomId: 'general', messageId: 'nope' }, { reason: 'x' }],
  ])('refuses to remove %s with %i', async (_what, expected, path, body) => {
    const target = byText('hello ada');

    const { status } = await call('POST /moderation/messages/{roomId}/{messageId}/remove', {
      path: path ?? { roomId: target.roomId, messageId: target.id },
      body: JSON.stringify(body),
    });

    expect(status).toBe(expected);
  });

  it('exports the filtered messages as formula-safe CSV', async () => {
    const formula = byText('Formula =1+1, "quoted", two\nlines');
    const spam = byText('buy cheap stuff at spam.example');
    const removal = (await act('remove', spam, { reason: 'spam' })).body.item.removal;

    const { status, headers, text } = await call('GET /moderation/export', { query: { roomId: 'random', format: 'csv' } });

    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toMatch(/^attachment; filename="parley-messages-\d{8}T\d{6}Z\.csv"$/);
    expect(text).toBe(
      '\uFEFFid,roomId,createdAt,status,authorSub,authorHandle,authorDisplayName,authorModerator,text,removedAt,removedBySub,removedByHandle,removalReason\r\n' +
        `${formula.id},random,${formula.createdAt},visible,sub-ada,ada,Ada Lovelace,false,"Formula =1+1, ""quoted"", two\nlines",,,,\r\n` +
        `${spam.id},random,${spam.createdAt},removed,sub-bob,bob,Bob,false,buy cheap stuff at spam.example,${removal.at},sub-mod,morgan,${removal.reason}\r\n`,
    );
  });

  it('neutralizes a formula at the start of a CSV cell', async () => {
    await createRoomStore(db, TABLE).create({ id: 'formulas', name: 'formulas', now: new Date().toISOString() });
    const persist = createPersistMessagesHandler(env);
    await persist({ roomId: 'formulas', author: bob, messages: [{ eventId: 'e', clientMsgId: 'formula', text: '=HYPERLINK("http://evil","x")' }] });

    const { text } = await call('GET /moderation/export', { query: { roomId: 'formulas', format: 'csv' } });

    expect(text.split('\r\n')[1]).toContain(`,"'=HYPERLINK(""http://evil"",""x"")",`);
  });

  it('exports the whole filtered set as JSON, paging internally', async () => {
    const { status, headers, body } = await call('GET /moderation/export', { query: { roomId: 'big-room', format: 'json' } });

    expect(status).toBe(200);
    expect(headers['content-disposition']).toMatch(/\.json"$/);
    expect(body.kind).toBe('messages');
    expect(body.items).toHaveLength(BIG_ROOM_SIZE + 1);
    expect(body.truncated).toBeUndefined();
  });

  it('exports the audit log as CSV', async () => {
    await act('remove', byText('buy cheap stuff at spam.example'), { reason: 'spam' });

    const { text } = await call('GET /moderation/export', { query: { kind: 'audit', format: 'csv', roomId: 'random' } });

    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFid,at,action,roomId,messageId,messageAuthorSub,messageAuthorHandle,messageAuthorDisplayName,moderatorSub,moderatorHandle,moderatorDisplayName,reason,userSub,userHandle,userDisplayName,mutedUntil,roomName,previousRoomName',
    );
    expect(lines[1]).toMatch(/,message\.removed,random,.*,sub-bob,bob,Bob,sub-mod,morgan,Morgan,spam,,,,,,$/);
    expect(lines).toHaveLength(3);
  });

  it('lists, removes and restores a message stored in the old item layout', async () => {
    await createRoomStore(db, TABLE).create({ id: 'legacy', name: 'legacy', now: new Date().toISOString() });
    // From before handles too: the stored author has a username; the reader shows no handle.
    const old: ChatMessage = { id: createMessageIdGenerator(randomBytes)(START), roomId: 'legacy', text: 'from before', author: { ...ada, handle: '' }, createdAt: new Date(START - 5).toISOString(), clientMsgId: 'old-1' };
    const { pk, sk, gsi1pk, gsi1sk } = toMessageItem(old);
    const storedAuthor = { sub: ada.sub, username: ada.sub, displayName: ada.displayName };
    await db.send(new PutCommand({ TableName: TABLE, Item: { pk, sk, gsi1pk, gsi1sk, type: 'message', ...old, author: storedAuthor } }));

    const listed = await list({ roomId: 'legacy' });
    const byAuthor = await list({ roomId: 'legacy', author: 'Ada Lovelace' });
    const removed = await act('remove', old, { reason: 'old spam' });
    const removedList = await list({ roomId: 'legacy', status: 'removed' });
    const restored = await act('restore', old);

    expect(listed.items).toEqual([{ message: old, status: 'visible' }]);
    expect(byAuthor.items).toEqual(listed.items);
    expect(removed.body).toMatchObject({ changed: true, item: { message: old, status: 'removed' } });
    expect(removedList.items).toEqual([removed.body.item]);
    expect(restored.body).toEqual({ changed: true, item: { message: old, status: 'visible' } });
  });

  it('shows moderators the texts an edit replaced and the text of a deleted message', async () => {
    await createRoomStore(db, TABLE).create({ id: 'changes', name: 'changes', now: new Date().toISOString() });
    const persist = createPersistMessagesHandler(env);
    const post = async (clientMsgId: string, text: string) =>
      (await persist({ roomId: 'changes', author: ada, messages: [{ eventId: 'e', clientMsgId, text }] })).results[0]!.message!;
    const edited = await post('edited', 'first words');
    const deleted = await post('deleted', 'said in haste');
    const changes = [
      { eventId: 'a', type: 'edit' as const, messageId: edited.id, text: 'second words' },
      { eventId: 'b', type: 'edit' as const, messageId: edited.id, text: 'final words' },
      { eventId: 'c', type: 'delete' as const, messageId: deleted.id },
    ];
    await persist({ roomId: 'changes', author: ada, messages: [], changes });

    const { items } = await list({ roomId: 'changes' });

    expect(items[0]).toMatchObject({ message: { id: deleted.id, text: 'said in haste' }, status: 'visible', deletedAt: expect.any(String) });
    expect(items[1]).toMatchObject({ message: { id: edited.id, text: 'final words', editedAt: expect.any(String) }, status: 'visible' });
    expect(items[1]!.previousVersions?.map((v) => v.text)).toEqual(['first words', 'second words']);
  });

  it('searches, lists by author, exports and acts on an edited message by its current text', async () => {
    await createRoomStore(db, TABLE).create({ id: 'edits', name: 'edits', now: new Date().toISOString() });
    const persist = createPersistMessagesHandler(env);
    const { results } = await persist({ roomId: 'edits', author: ada, messages: [{ eventId: 'e', clientMsgId: 'edits-1', text: 'original wording' }] });
    const message = results[0]!.message!;
    await persist({ roomId: 'edits', author: ada, messages: [], changes: [{ eventId: 'a', type: 'edit', messageId: message.id, text: 'revised wording' }] });

    const current = await list({ roomId: 'edits', q: 'REVISED' });
    const original = await list({ roomId: 'edits', q: 'original' });
    const byAuthor = await list({ author: '@ada', roomId: 'edits' });
    const exported = await call('GET /moderation/export', { query: { roomId: 'edits', format: 'json' } });
    const removed = await act('remove', message, { reason: 'test' });

    expect(texts(current.items)).toEqual(['revised wording']);
    expect(original.items).toEqual([]);
    expect(byAuthor.items).toEqual(current.items);
    expect(current.items[0]!.previousVersions).toEqual([{ text: 'original wording', replacedAt: expect.any(String) }]);
    expect(exported.body.items).toEqual(current.items);
    expect(removed.body.item).toMatchObject({ message: { text: 'revised wording' }, status: 'removed', previousVersions: current.items[0]!.previousVersions });
  });

  it('pages through a room whose every message was edited, each page showing the current texts', async () => {
    await createRoomStore(db, TABLE).create({ id: 'all-edited', name: 'all-edited', now: new Date().toISOString() });
    const persist = createPersistMessagesHandler(env);
    for (let i = 0; i < 5; i += 1) {
      const { results } = await persist({ roomId: 'all-edited', author: ada, messages: [{ eventId: 'e', clientMsgId: `all-edited-${i}`, text: `draft ${i}` }] });
      await persist({ roomId: 'all-edited', author: ada, messages: [], changes: [{ eventId: 'a', type: 'edit', messageId: results[0]!.message!.id, text: `final ${i}` }] });
    }

    const shown: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ roomId: 'all-edited', limit: '2', ...(cursor ? { cursor } : {}) });
      shown.push(...texts(page.items));
      cursor = page.nextCursor;
    } while (cursor);

    expect(shown).toEqual(['final 4', 'final 3', 'final 2', 'final 1', 'final 0']);
  });

  it('answers 404 for an unknown route', async () => {
    expect((await call('DELETE /moderation/messages')).status).toBe(404);
  });

  it('reads no room without messages in the default search: 2,000 flooded rooms cost only the room list', async () => {
    const unflooded = await list({ limit: '50' });
    const flood = Array.from({ length: 2000 }, (_, i) => ({
      ...roomKey(`flood-${i}`),
      type: 'room',
      id: `flood-${i}`,
      name: `flood ${i}`,
      createdAt: new Date(START).toISOString(),
      createdBy: bob.sub,
    }));
    for (let i = 0; i < flood.length; i += 25) {
      await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: flood.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    const counting = createDocumentClient(env);
    const roomQueries: string[] = [];
    counting.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> };
        if (input.IndexName === 'gsi1') roomQueries.push(String(Object.values(input.ExpressionAttributeValues ?? {})[0]));
        return next(args);
      },
      { step: 'initialize' },
    );
    const flooded = createModeration(moderationDeps(counting));

    const result = await flooded(httpEvent('GET /moderation/messages', { claims: mod, query: { limit: '50' } }));
    const page = JSON.parse(result.body ?? '{}') as { items: ModeratedMessage[] };

    expect(page.items).toEqual(unflooded.items);
    expect(roomQueries.length).toBeGreaterThan(0);
    expect(roomQueries.filter((pk) => pk.startsWith('ROOM#flood-'))).toEqual([]);
  });
});
