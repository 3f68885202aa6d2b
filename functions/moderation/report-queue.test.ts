import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Author, ChatMessage } from '../../core/messages.ts';
import type { AuditEntry, ModerationPage } from '../../core/moderation.ts';
import { checkReportQueuePage, checkResolveReportResult, type ReportQueuePage, reportIdOf } from '../../core/reports.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
import { seedMembersOnlyRoom } from '../../tests/support/members-only-room.ts';
/* eslint-enable no-restricted-imports */
import { createLogger } from '../lib/logger.ts';
import { createMembershipReader } from '../lib/membership-reader.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { toMessageItem } from '../lib/message-item.ts';
import { createReportStore } from '../reports/report-store.ts';
import { createReportsApi, type ReportsApi } from '../reports/reports.ts';
import { createModeration, type Moderation, moderationStores } from './moderation.ts';

const TABLE = 'parley';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const modClaims = { sub: 'sub-mod', 'parley:handle': 'morgan', 'parley:display_name': 'Morgan', 'cognito:groups': '[moderators]' };
const morgan = { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' };
const member = (name: string) => ({ sub: `sub-${name}`, 'parley:handle': name, 'parley:display_name': name.toUpperCase(), 'cognito:groups': '[]' });
const silent = () => ({ logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }), metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined } });
const nextId = createMessageIdGenerator(randomBytes);

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('the report queue on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let moderation: Moderation;
  let reports: ReportsApi;
  const published: { channel: string; events: unknown[] }[] = [];

  const call = async (routeKey: string, request: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown; claims?: Record<string, string> } = {}) => {
    const result = await moderation(httpEvent(routeKey, { ...request, claims: request.claims ?? modClaims }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as Record<string, unknown> };
  };
  const queue = async (query: Record<string, string> = {}): Promise<ReportQueuePage> => {
    const { status, body } = await call('GET /moderation/reports', { query });
    expect(status).toBe(200);
    const checked = checkReportQueuePage(body);
    if (!checked.ok) throw new Error(checked.error);
    return checked.value;
  };
  const resolve = (reportId: string, body: unknown) => call('POST /moderation/reports/{reportId}/resolve', { path: { reportId }, body });
  const report = async (message: ChatMessage, name: string, reason = 'spam') => {
    const result = await reports(httpEvent('POST /reports', { body: { roomId: message.roomId, messageId: message.id, reason }, claims: member(name) }));
    return result.statusCode;
  };
  const stored = async (roomId: string, text: string): Promise<ChatMessage> => {
    const message = { id: nextId(Date.now()), roomId, text, author: ada, createdAt: new Date().toISOString(), clientMsgId: randomUUID() };
    await db.send(new PutCommand({ TableName: TABLE, Item: toMessageItem(message) }));
    return message;
  };
  const roomAudit = async (roomId: string) => ((await call('GET /moderation/audit', { query: { roomId } })).body as unknown as ModerationPage<AuditEntry>).items;
  let rooms = 0;
  const newRoomId = () => `reports-${engine}-${(rooms += 1)}`;

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
    moderation = createModeration({
      ...moderationStores(db, TABLE),
      publisher: { publish: async (channel, events) => void published.push({ channel, events }) },
      ...silent(),
      clock: Date.now,
      nextId,
    });
    reports = createReportsApi({ store: createReportStore(db, TABLE), members: createMembershipReader(db, TABLE), nextId, ...silent(), clock: Date.now });
    // DynamoDB Local's first transaction takes seconds (its JVM warming up): not in a test's 5 s.
    await report(await stored('warm-up', 'warm-up'), 'bob');
  }, 120_000);

  beforeEach(async () => {
    published.length = 0;
    // Each test starts from an empty open queue: resolve whatever earlier tests left open.
    for (const item of (await queue({ limit: '50' })).items) await resolve(item.id, { action: 'dismiss' });
  });

  afterAll(async () => {
    await table?.close();
  });

  it('lists a reported message once, with its reporters and reasons, its count and the ten messages before it, oldest first', async () => {
    const roomId = newRoomId();
    const before = [];
    for (let i = 0; i < 12; i += 1) before.push(await stored(roomId, `line ${i}`));
    const target = await stored(roomId, 'buy pills');

    expect(await report(target, 'bob', 'spam')).toBe(201);
    expect(await report(target, 'cyd', 'scam link')).toBe(201);

    const { items } = await queue();
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({ id: reportIdOf(roomId, target.id), roomId, messageId: target.id, status: 'open', count: 2 });
    expect(item?.message?.message.text).toBe('buy pills');
    expect(item?.context.map((entry) => entry.message.text)).toEqual(before.slice(2).map((message) => message.text));
    expect(item?.reports.map((entry) => [entry.reporter.handle, entry.reason]).sort()).toEqual([['bob', 'spam'], ['cyd', 'scam link']]);
  });

  it('serves the open queue oldest first, in pages', async () => {
    const roomId = newRoomId();
    const messages = [await stored(roomId, 'one'), await stored(roomId, 'two'), await stored(roomId, 'three')];
    for (const message of messages) await report(message, 'bob');

    const first = await queue({ limit: '2' });
    const second = await queue({ limit: '2', cursor: first.nextCursor! });

    expect(first.items.map((item) => item.message?.message.text)).toEqual(['one', 'two']);
    expect(second.items.map((item) => item.message?.message.text)).toEqual(['three']);
    expect(second.nextCursor).toBeUndefined();
    expect((await call('GET /moderation/reports', { query: { status: 'resolved', cursor: first.nextCursor! } })).status).toBe(400);
  });

  it('removes a reported message through the removal path: removed, broadcast, audited twice, and the report resolved', async () => {
    const roomId = newRoomId();
    const target = await stored(roomId, 'abuse');
    await report(target, 'bob');
    const reportId = reportIdOf(roomId, target.id);

    const answer = await resolve(reportId, { action: 'remove', reason: 'harassment' });
    const again = await resolve(reportId, { action: 'remove', reason: 'harassment' });

    expect(answer.status).toBe(200);
    const result = checkResolveReportResult(answer.body);
    expect(result.ok && result.value).toMatchObject({ id: reportId, status: 'resolved', changed: true, resolution: { action: 'remove', by: morgan, reason: 'harassment' } });
    expect(again).toMatchObject({ status: 200, body: { changed: false } });
    expect(published).toEqual([{ channel: `/chat/rooms/${roomId}`, events: [{ type: 'message.removed', roomId, id: target.id }] }]);
    expect((await roomAudit(roomId)).map((entry) => [entry.action, entry.reason])).toEqual([
      ['report.resolved', 'harassment'],
      ['message.removed', 'harassment'],
    ]);
    expect((await queue()).items.map((item) => item.id)).not.toContain(reportId);
    const resolved = await queue({ status: 'resolved' });
    expect(resolved.items[0]).toMatchObject({ id: reportId, status: 'resolved', message: { status: 'removed' }, resolution: { action: 'remove' } });
    expect(await report(target, 'cyd')).toBe(404);
  });

  it('dismisses a report: the message stays, one report.dismissed entry, a repeat changes nothing, and removing it then is a 409', async () => {
    const roomId = newRoomId();
    const target = await stored(roomId, 'fine actually');
    await report(target, 'bob');
    const reportId = reportIdOf(roomId, target.id);

    const answer = await resolve(reportId, { action: 'dismiss' });
    const again = await resolve(reportId, { action: 'dismiss' });
    const remove = await resolve(reportId, { action: 'remove' });

    expect(answer).toMatchObject({ status: 200, body: { changed: true, resolution: { action: 'dismiss' } } });
    expect(again).toMatchObject({ status: 200, body: { changed: false } });
    expect(remove).toEqual({ status: 409, body: { message: `Report ${reportId} is already resolved: dismissed` } });
    expect(published).toEqual([]);
    expect((await roomAudit(roomId)).map((entry) => entry.action)).toEqual(['report.dismissed']);
    expect((await roomAudit(roomId))[0]).toMatchObject({ reportId, reports: 1, messageId: target.id, messageAuthor: ada, moderator: morgan });
  });

  it('opens a dismissed report again when another member reports the message', async () => {
    const roomId = newRoomId();
    const target = await stored(roomId, 'again');
    await report(target, 'bob');
    await resolve(reportIdOf(roomId, target.id), { action: 'dismiss' });

    expect(await report(target, 'cyd')).toBe(201);

    expect((await queue()).items).toEqual([expect.objectContaining({ id: reportIdOf(roomId, target.id), status: 'open', count: 2 })]);
  });

  it('answers 403 to a member, 404 to an unknown report and 400 to a malformed one', async () => {
    const target = await stored(newRoomId(), 'x');

    expect(await call('GET /moderation/reports', { claims: member('bob') })).toEqual({ status: 403, body: { message: 'Only moderators may use the moderation API' } });
    expect((await resolve(reportIdOf(target.roomId, target.id), { action: 'dismiss' })).status).toBe(404);
    expect(await resolve('nope', { action: 'dismiss' })).toEqual({ status: 400, body: { message: 'Invalid report id' } });
    expect(await resolve(reportIdOf(target.roomId, target.id), { action: 'ban' })).toEqual({ status: 400, body: { message: "action must be 'dismiss' or 'remove'" } });
    expect(await call('GET /moderation/reports', { query: { status: 'pending' } })).toEqual({ status: 400, body: { message: 'status must be open or resolved' } });
  });

  it('records one room.read per private room a queue page shows, and none for public rooms', async () => {
    const bobAuthor = { sub: 'sub-bob', handle: 'bob', displayName: 'BOB', moderator: false };
    const room = await seedMembersOnlyRoom(db, TABLE, [ada, bobAuthor]);
    const first = await stored(room.roomId, 'secret one');
    const second = await stored(room.roomId, 'secret two');
    await report(first, 'bob');
    await report(second, 'bob');
    const publicRoom = newRoomId();
    await report(await stored(publicRoom, 'public'), 'bob');

    const items = (await queue()).items;

    expect(items.filter((item) => item.roomId === room.roomId)).toHaveLength(2);
    const reads = (await roomAudit(room.roomId)).filter((entry) => entry.action === 'room.read');
    expect(reads).toEqual([expect.objectContaining({ action: 'room.read', roomId: room.roomId, moderator: morgan })]);
    expect((await roomAudit(publicRoom)).map((entry) => entry.action)).toEqual([]);
  });

  it('removes a reported DM message, the one DM message moderators may act on, live on the DM’s current channel', async () => {
    const bobAuthor = { sub: 'sub-bob', handle: 'bob', displayName: 'BOB', moderator: false };
    const dm = await seedMembersOnlyRoom(db, TABLE, [ada, bobAuthor], { kind: 'dm' });
    const reported = await stored(dm.roomId, 'threat');
    const other = await stored(dm.roomId, 'unreported');
    await report(reported, 'bob');

    const removed = await resolve(reportIdOf(dm.roomId, reported.id), { action: 'remove', reason: 'threat' });
    const direct = await call('POST /moderation/messages/{roomId}/{messageId}/remove', { path: { roomId: dm.roomId, messageId: other.id }, body: { reason: 'x' } });

    expect(removed).toMatchObject({ status: 200, body: { changed: true } });
    expect(published).toEqual([{ channel: `/chat/rooms/${dm.roomId}/${dm.epoch}`, events: [{ type: 'message.removed', roomId: dm.roomId, id: reported.id }] }]);
    expect(direct.status).toBe(404);
  });
});
