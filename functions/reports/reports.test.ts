import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Author, ChatMessage } from '../../core/messages.ts';
import { reportIdOf } from '../../core/reports.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createLogger } from '../lib/logger.ts';
import { toMemberItem } from '../lib/member-item.ts';
import { createMembershipReader } from '../lib/membership-reader.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { REMOVED_STATUS, toMessageItem } from '../lib/message-item.ts';
import { reporterKey, reportQueueKey, reportQueuePk } from '../lib/report-items.ts';
import { createReportsApi, type ReportsApi } from './reports.ts';
import { createReportStore } from './report-store.ts';

const TABLE = 'parley';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const claimsOf = (sub: string, handle: string) => ({ sub, 'parley:handle': handle, 'parley:display_name': handle.toUpperCase(), 'cognito:groups': '[]' });
const bob = claimsOf('sub-bob', 'bob');
const cyd = claimsOf('sub-cyd', 'cyd');
const nextId = createMessageIdGenerator(randomBytes);

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('POST /reports on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let reports: ReportsApi;

  const report = async (body: unknown, claims: Record<string, string> = bob) => {
    const result = await reports(httpEvent('POST /reports', { body, claims }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as Record<string, unknown> };
  };
  const item = async (key: { pk: string; sk: string }) => (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
  /** A message by Ada, written as persist-messages stores it. */
  const stored = async (roomId: string, extra: Record<string, unknown> = {}): Promise<ChatMessage> => {
    const id = nextId(Date.now());
    const message = { id, roomId, text: 'buy now', author: ada, createdAt: new Date().toISOString(), clientMsgId: randomUUID() };
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...toMessageItem(message), ...extra } }));
    return message;
  };
  const privateRoomId = () => `p-${randomBytes(13).toString('hex').slice(0, 26).replace(/[ilou]/g, '0')}`;

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
    reports = createReportsApi({
      store: createReportStore(db, TABLE),
      members: createMembershipReader(db, TABLE),
      nextId,
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: Date.now,
    });
    // DynamoDB Local's first transaction takes seconds (its JVM warming up): not in a test's 5 s.
    await report({ roomId: 'warm-up', messageId: (await stored('warm-up')).id, reason: 'warm-up' });
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });

  it('records a report once per member: 201, then 200 with the first reason, and the queue counts the member once', async () => {
    const message = await stored('lobby');

    const first = await report({ roomId: 'lobby', messageId: message.id, reason: ' spam\u202E ' });
    const again = await report({ roomId: 'lobby', messageId: message.id, reason: 'something else' });

    const expected = { reportId: reportIdOf('lobby', message.id), roomId: 'lobby', messageId: message.id, reason: 'spam', at: expect.any(String) };
    expect(first).toEqual({ status: 201, body: expected });
    expect(again).toEqual({ status: 200, body: first.body });
    expect(await item(reportQueueKey('lobby', message.id))).toMatchObject({ count: 1, status: 'open', gsi1pk: reportQueuePk('open') });
    expect(await item(reporterKey('lobby', message.id, 'sub-bob'))).toMatchObject({ reporter: { sub: 'sub-bob', handle: 'bob', displayName: 'BOB' }, reason: 'spam' });
  });

  it('keeps one queue item per message, counting each member, at the first report’s place in the queue', async () => {
    const message = await stored('lobby');

    await report({ roomId: 'lobby', messageId: message.id, reason: 'spam' });
    const queued = await item(reportQueueKey('lobby', message.id));
    await report({ roomId: 'lobby', messageId: message.id, reason: 'scam' }, cyd);

    expect(await item(reportQueueKey('lobby', message.id))).toMatchObject({ count: 2, gsi1sk: queued?.gsi1sk, createdAt: queued?.createdAt });
    const { Items = [] } = await db.send(
      new QueryCommand({ TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk', ExpressionAttributeValues: { ':pk': reportQueuePk('open'), ':sk': queued?.gsi1sk } }),
    );
    expect(Items.map((found) => found.messageId)).toEqual([message.id]);
  });

  it('counts a member once when the same report arrives twice at the same time', async () => {
    const message = await stored('lobby');

    const answers = await Promise.all([1, 2, 3].map(() => report({ roomId: 'lobby', messageId: message.id, reason: 'spam' })));

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);
    expect(await item(reportQueueKey('lobby', message.id))).toMatchObject({ count: 1 });
  });

  it('answers 404, the same for each, for an unknown message, a removed one, one of another room, and a private room the caller is not in', async () => {
    const removed = await stored('lobby', { status: REMOVED_STATUS });
    const elsewhere = await stored('other-room');
    const roomId = privateRoomId();
    const secret = await stored(roomId);
    const unknown = nextId(Date.now());

    const answers = await Promise.all([
      report({ roomId: 'lobby', messageId: unknown, reason: 'x' }),
      report({ roomId: 'lobby', messageId: removed.id, reason: 'x' }),
      report({ roomId: 'lobby', messageId: elsewhere.id, reason: 'x' }),
      report({ roomId, messageId: secret.id, reason: 'x' }),
    ]);

    expect(answers).toEqual([
      { status: 404, body: { message: `Message ${unknown} not found in room lobby` } },
      { status: 404, body: { message: `Message ${removed.id} not found in room lobby` } },
      { status: 404, body: { message: `Message ${elsewhere.id} not found in room lobby` } },
      { status: 404, body: { message: `Message ${secret.id} not found in room ${roomId}` } },
    ]);
    expect(await item(reportQueueKey(roomId, secret.id))).toBeUndefined();
  });

  it('takes a member’s report of a private room’s message', async () => {
    const roomId = privateRoomId();
    const message = await stored(roomId);
    await db.send(
      new PutCommand({ TableName: TABLE, Item: toMemberItem({ roomId, sub: 'sub-bob', handle: 'bob', displayName: 'Bob', role: 'member', addedAt: 'now', addedBy: 'sub-ada' }) }),
    );

    const answer = await report({ roomId, messageId: message.id, reason: 'abuse' });

    expect(answer.status).toBe(201);
    expect(await item(reportQueueKey(roomId, message.id))).toMatchObject({ count: 1, roomId, messageId: message.id });
  });

  it.each([
    [{ roomId: 'lobby', messageId: 'nope', reason: 'x' }, 400, 'messageId must be a message id'],
    [{ roomId: 'lobby', reason: 'x' }, 400, 'messageId must be a message id'],
    ['{', 400, 'Body must be JSON'],
  ])('refuses a malformed body %j', async (body, status, message) => {
    expect(await report(body)).toEqual({ status, body: { message } });
  });

  it('refuses a report without a reason and one of the reporter’s own message', async () => {
    const message = await stored('lobby');

    expect(await report({ roomId: 'lobby', messageId: message.id, reason: ' \n ' })).toEqual({ status: 400, body: { message: 'A reason is required' } });
    expect(await report({ roomId: 'lobby', messageId: message.id, reason: 'me' }, claimsOf('sub-ada', 'ada'))).toEqual({
      status: 400,
      body: { message: 'You cannot report your own message' },
    });
    expect(await item(reportQueueKey('lobby', message.id))).toBeUndefined();
  });

  it('refuses a token without a Parley profile', async () => {
    const message = await stored('lobby');

    const answer = await report({ roomId: 'lobby', messageId: message.id, reason: 'x' }, { sub: 'sub-old', 'cognito:groups': '[]' });

    expect(answer.status).toBe(403);
  });
});
