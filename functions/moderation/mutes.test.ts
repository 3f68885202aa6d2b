import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Author, PersistRequest } from '../../core/messages.ts';
import type { AuditEntry, ModerationPage, Mute } from '../../core/moderation.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent as eventFor, type HttpCall } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createAuthorDirectory, recordingAuthors } from '../lib/author-directory.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { MESSAGE_ORDER_INDEX, roomTimelinePk } from '../lib/message-item.ts';
import { muteKey } from '../lib/mute-item.ts';
import { createRoomStore } from '../lib/room-store.ts';
import { createRoomRegistry } from '../lib/room-registry.ts';
import { createMessageWriter } from '../persist-messages/message-writer.ts';
import { createMembershipReader } from '../lib/membership-reader.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { createRoomEpochReader } from '../lib/room-epoch-reader.ts';
import { createPersistMessages, type PersistMessages } from '../persist-messages/persist-messages.ts';
import { createChangeDeps } from '../persist-messages/change-applier.ts';
import { createRateLimiter, parseRateLimit } from '../lib/rate-limiter.ts';
import { type CreateRoom, createCreateRoom, privateRoomDeps } from '../create-room/create-room.ts';
import { DEFAULT_ROOM_LIMIT } from '../create-room/env.ts';
import { createSignalWindow } from '../throttle-signals/signal-window.ts';
import { createThrottleSignals, type ThrottleSignals } from '../throttle-signals/throttle-signals.ts';
import { createModeration, type HttpEvent, type Moderation, moderationStores } from './moderation.ts';

const TABLE = 'parley';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada Lovelace', moderator: false };
const bob: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };
const morgan = { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' };
// Access token claims as the HTTP API's JWT authorizer passes them on.
const modClaims = { sub: 'sub-mod', 'parley:handle': 'morgan', 'parley:display_name': 'Morgan', 'cognito:groups': '[moderators]' };
const memberClaims = { sub: 'sub-bob', 'parley:handle': 'bob', 'parley:display_name': 'Bob', 'cognito:groups': '[]' };
const HOUR = 3600;

function httpEvent(routeKey: string, call: Partial<HttpCall> = {}): HttpEvent {
  return eventFor(routeKey, { ...call, claims: call.claims ?? modClaims });
}

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('mutes on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let moderation: Moderation;
  let persist: PersistMessages;
  let throttleSignals: ThrottleSignals;
  let createRoom: CreateRoom;
  let now = Date.UTC(2026, 10, 30, 12);
  let clientMsg = 0;
  const counted: [string, number][] = [];

  const call = async (routeKey: string, request?: Partial<HttpCall>) => {
    const result = await moderation(httpEvent(routeKey, request));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
  };
  const mute = (body: unknown, claims?: Record<string, string>) => call('POST /moderation/mutes', { body, claims });
  const unmute = (sub: string, body?: unknown) => call('DELETE /moderation/mutes/{sub}', { path: { sub }, body });
  const active = async (query: Record<string, string> = {}) => (await call('GET /moderation/mutes', { query })).body as ModerationPage<Mute>;
  const audit = async (query: Record<string, string> = {}) => ((await call('GET /moderation/audit', { query })).body as ModerationPage<AuditEntry>).items;
  const publish = (author: Author, ...texts: string[]): Promise<{ results: { eventId: string; error?: string; message?: unknown }[] }> => {
    const request: PersistRequest = { roomId: 'general', author, messages: texts.map((text, i) => ({ eventId: `e-${i}`, clientMsgId: `m-${(clientMsg += 1)}`, text })) };
    return persist(request);
  };
  const postRoom = async (sub: string, name: string) => {
    const result = await createRoom(eventFor('POST /rooms', { body: { name }, claims: { sub, 'cognito:groups': '[members]' } }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
  };
  const roomTexts = async () => {
    const { Items = [] } = await db.send(
      new QueryCommand({ TableName: TABLE, IndexName: MESSAGE_ORDER_INDEX, KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': roomTimelinePk('general') } }),
    );
    return Items.length;
  };

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    ({ db } = table);
    const rooms = createRoomStore(db, TABLE);
    const authors = createAuthorDirectory(db, TABLE);
    const logger = createLogger({ serviceName: 'test', logLevel: 'SILENT' });
    const metrics = { count: (name: string, value: number) => void counted.push([name, value]), countByCode: () => {}, flush: () => {} };
    const clock = () => now;
    moderation = createModeration({
      ...moderationStores(db, TABLE),
      rooms,
      authors,
      publisher: { publish: async () => {} },
      logger,
      metrics,
      clock,
      nextId: createMessageIdGenerator(randomBytes),
    });
    persist = createPersistMessages({
      writer: recordingAuthors(createMessageWriter(db, TABLE), authors),
      rooms,
      rateLimiter: createRateLimiter(db, TABLE, 'off'),
      mutes: createMuteReader(db, TABLE),
      members: createMembershipReader(db, TABLE),
      publisher: { publish: async () => undefined },
      mentionStore: { store: async () => 0 },
      logger,
      metrics,
      clock,
      nextId: createMessageIdGenerator(randomBytes),
      ...createChangeDeps(db, TABLE),
    });
    throttleSignals = createThrottleSignals({
      window: createSignalWindow(db, TABLE),
      mutes: createMuteReader(db, TABLE),
      members: createMembershipReader(db, TABLE),
      epochs: createRoomEpochReader(db, TABLE),
      logger,
      clock,
    });
    createRoom = createCreateRoom({
      rooms: createRoomRegistry(db, TABLE),
      ...privateRoomDeps(db, TABLE),
      roomLimiter: createRateLimiter(db, TABLE, parseRateLimit(DEFAULT_ROOM_LIMIT), 'ROOMS'),
      mutes: createMuteReader(db, TABLE),
      logger,
      metrics,
      clock,
    });
    await rooms.create({ id: 'general', name: 'general', now: new Date(now).toISOString() });
    await publish(ada, 'hello from ada');
    await publish(bob, 'hello from bob');
    // Two members called Sam, known to the directory only (no message yet).
    await authors.record({ sub: 'sub-sam-1', handle: 'sam_1', displayName: 'Sam', moderator: false }, new Date(now).toISOString());
    await authors.record({ sub: 'sub-sam-2', handle: 'sam_2', displayName: 'Sam', moderator: false }, new Date(now).toISOString());
  }, 90_000);

  beforeEach(async () => {
    now += 10 * 24 * HOUR * 1000;
    counted.length = 0;
    for (const { user } of (await active()).items) await unmute(user.sub);
  });

  afterAll(async () => {
    await table?.close();
  });

  it.each([
    ['GET /moderation/mutes', {}],
    ['POST /moderation/mutes', { body: { author: 'Ada Lovelace', durationSeconds: 600, reason: 'x' } }],
    ['DELETE /moderation/mutes/{sub}', { path: { sub: 'sub-ada' } }],
  ])('answers 403 to a member on %s', async (routeKey, request) => {
    const { status, body } = await call(routeKey, { ...request, claims: memberClaims });

    expect(status).toBe(403);
    expect(body).toEqual({ message: 'Only moderators may use the moderation API' });
  });

  it('mutes an author by display name for a duration, lists the mute and audits it', async () => {
    const at = new Date(now).toISOString();
    const until = new Date(now + 600_000).toISOString();

    const { status, body } = await mute({ author: '  ada LOVELACE ', durationSeconds: 600, reason: 'flooding' });

    expect(status).toBe(200);
    expect(body).toEqual({ user: ada, until, at, by: morgan, reason: 'flooding' });
    expect((await active()).items).toEqual([body]);
    const [entry] = await audit();
    expect(entry).toEqual({ id: expect.any(String), at, action: 'user.muted', user: ada, until, moderator: morgan, reason: 'flooding' });
    expect(await audit({ moderator: 'morgan' })).toContainEqual(entry);
    expect((await audit({ roomId: 'general' })).filter((e) => e.action === 'user.muted')).toEqual([]);
    expect(counted).toEqual([['AuthorsMuted', 1]]);
  });

  it("fails every event of a muted author with MUTED and the end time, stores nothing, and leaves others alone", async () => {
    const { body } = await mute({ author: 'sub-ada', durationSeconds: 3600, reason: 'cool down' });
    const before = await roomTexts();

    const muted = await publish(ada, 'one', 'two');
    const other = await publish(bob, 'still here');

    const error = `MUTED: you are muted; retry after ${(body as Mute).until}`;
    expect(muted.results).toEqual([
      { eventId: 'e-0', error },
      { eventId: 'e-1', error },
    ]);
    expect(other.results[0]?.message).toMatchObject({ text: 'still here' });
    expect(await roomTexts()).toBe(before + 1);
    expect(counted).toContainEqual(['MessagesMuted', 2]);
  });

  it('drops every typing signal of a muted member, and lets them through again after the unmute', async () => {
    await mute({ author: 'Bob', durationSeconds: 3600, reason: 'typing storm' });

    const whileMuted = await throttleSignals({ authorSub: bob.sub, roomId: 'general', eventIds: ['t1'] });
    const others = await throttleSignals({ authorSub: ada.sub, roomId: 'general', eventIds: ['a1'] });
    await unmute(bob.sub);
    now += 5000;
    const afterwards = await throttleSignals({ authorSub: bob.sub, roomId: 'general', eventIds: ['t2'] });

    expect([whileMuted, others, afterwards]).toEqual([{ allowedIds: [] }, { allowedIds: ['a1'] }, { allowedIds: ['t2'] }]);
  });

  it('refuses a muted member’s new rooms with 403 MUTED and the end of the mute, until the unmute', async () => {
    const { body } = await mute({ author: 'Bob', durationSeconds: 3600, reason: 'room flood' });
    const name = `muted-${now}`;

    const refused = await postRoom(bob.sub, name);
    const existing = await postRoom(bob.sub, 'general');
    const others = await postRoom(ada.sub, `${name}-ada`);
    await unmute(bob.sub);
    const afterwards = await postRoom(bob.sub, name);

    expect(refused).toEqual({ status: 403, body: { message: `You are muted until ${(body as Mute).until} and cannot create rooms until then` } });
    expect(existing.status).toBe(200);
    expect(others.status).toBe(201);
    expect(afterwards).toEqual({ status: 201, body: { id: name, name, kind: 'public', lastMessageAt: null } });
    expect(counted).toContainEqual(['RoomsRefusedMuted', 1]);
  });

  it('reads the mute with one eventually consistent read of 0.5 RCU per batch, muted or not', async () => {
    await mute({ author: 'Bob', durationSeconds: 60, reason: 'x' });
    const reader = createMuteReader(db, TABLE);

    const muted = await reader.status(bob.sub, now);
    const free = await reader.status(ada.sub, now);

    expect(muted).toEqual({ until: new Date(now + 60_000).toISOString(), consumedReadUnits: 0.5 });
    expect(free).toEqual({ consumedReadUnits: 0.5 });
  });

  it('unmutes idempotently, audits it once, and the author can publish again', async () => {
    await mute({ author: 'Ada Lovelace', durationSeconds: 600, reason: 'flooding' });
    now += 1000;

    const first = await unmute('sub-ada', { reason: 'talked it over' });
    const again = await unmute('sub-ada');
    const published = await publish(ada, 'back again');

    expect(first).toEqual({ status: 200, body: { sub: 'sub-ada', changed: true } });
    expect(again).toEqual({ status: 200, body: { sub: 'sub-ada', changed: false } });
    expect((await active()).items).toEqual([]);
    const unmutes = (await audit()).filter((e) => e.action === 'user.unmuted' && e.at === new Date(now).toISOString());
    expect(unmutes).toEqual([{ id: expect.any(String), at: new Date(now).toISOString(), action: 'user.unmuted', user: ada, moderator: morgan, reason: 'talked it over' }]);
    expect(published.results[0]?.message).toMatchObject({ text: 'back again' });
    expect(counted.filter(([name]) => name.startsWith('Authors'))).toEqual([['AuthorsMuted', 1], ['AuthorsUnmuted', 1]]);
  });

  it('answers an unmute of someone not muted with changed false and audits nothing', async () => {
    const auditedBefore = (await audit()).length;

    const { status, body } = await unmute('sub-nobody');

    expect(status).toBe(200);
    expect(body).toEqual({ sub: 'sub-nobody', changed: false });
    expect(await audit()).toHaveLength(auditedBefore);
  });

  it('lets a mute end by itself: the author publishes again and the listing drops it', async () => {
    await mute({ author: 'Bob', durationSeconds: 60, reason: 'one minute' });

    now += 60_000;
    const published = await publish(bob, 'free again');

    expect(published.results[0]?.message).toMatchObject({ text: 'free again' });
    expect((await active()).items).toEqual([]);
    expect((await unmute('sub-bob')).body).toEqual({ sub: 'sub-bob', changed: false });
  });

  it('replaces a running mute when muting again, and keeps one item with a TTL a day after its end', async () => {
    await mute({ author: 'Bob', durationSeconds: 7 * 24 * HOUR, reason: 'a week' });
    const { body } = await mute({ author: 'Bob', durationSeconds: 120, reason: 'two minutes after all' });

    const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: muteKey('sub-bob') }));

    expect((await active()).items).toEqual([body]);
    expect(Item).toMatchObject({ until: (body as Mute).until, expiresAt: Math.ceil((now + 120_000) / 1000) + 24 * HOUR, gsi1pk: 'MUTES' });
  });

  it('lists running mutes ending soonest first, in pages', async () => {
    await mute({ author: 'sub-ada', durationSeconds: 3 * HOUR, reason: 'x' });
    await mute({ author: 'sub-bob', durationSeconds: HOUR, reason: 'x' });

    const first = await active({ limit: '1' });
    const second = await active({ limit: '1', cursor: first.nextCursor! });

    expect(first.items.map((m) => m.user.sub)).toEqual(['sub-bob']);
    expect(second.items.map((m) => m.user.sub)).toEqual(['sub-ada']);
    expect((await active()).items.map((m) => m.user.sub)).toEqual(['sub-bob', 'sub-ada']);
  });

  it('mutes a directory name that has no message yet, when it names one author', async () => {
    await createAuthorDirectory(db, TABLE).record({ sub: 'sub-quiet', handle: 'quinn', displayName: 'Quiet Quinn', moderator: false }, new Date(now).toISOString());

    const { status, body } = await mute({ author: 'quiet quinn', durationSeconds: 60, reason: 'x' });

    expect(status).toBe(200);
    expect((body as Mute).user).toEqual({ sub: 'sub-quiet', handle: '', displayName: 'quiet quinn', moderator: false });
  });

  it.each<[string, unknown, number, string | RegExp]>([
    ['no body', '', 400, 'Body must be JSON'],
    ['a non-object body', '[1]', 400, 'Body must be a JSON object'],
    ['no author', { durationSeconds: 60, reason: 'x' }, 400, 'author is required: an @handle, a display name or a sub'],
    ['a blank author', { author: '  ', durationSeconds: 60, reason: 'x' }, 400, 'author is required: an @handle, a display name or a sub'],
    ['a duration under a minute', { author: 'Bob', durationSeconds: 59, reason: 'x' }, 400, /^durationSeconds must be a whole number from 60/],
    ['a duration over 30 days', { author: 'Bob', durationSeconds: 30 * 24 * HOUR + 1, reason: 'x' }, 400, /^durationSeconds must be/],
    ['a fractional duration', { author: 'Bob', durationSeconds: 90.5, reason: 'x' }, 400, /^durationSeconds must be/],
    ['a duration as text', { author: 'Bob', durationSeconds: '600', reason: 'x' }, 400, /^durationSeconds must be/],
    ['no reason', { author: 'Bob', durationSeconds: 60 }, 400, 'A reason is required'],
    ['a reason over 500 characters', { author: 'Bob', durationSeconds: 60, reason: 'x'.repeat(501) }, 400, 'reason must be at most 500 characters'],
    ['an unknown author', { author: 'Nobody', durationSeconds: 60, reason: 'x' }, 404, 'No author is named "Nobody" or has that sub'],
    ['a name two authors share', { author: 'sam', durationSeconds: 60, reason: 'x' }, 400, '"sam" names 2 authors: sam (sub-sam-1), sam (sub-sam-2); mute one by its @handle or sub'],
  ])('refuses a mute with %s', async (_, body, status, message) => {
    const response = await mute(body);

    expect(response.status).toBe(status);
    expect(response.body.message).toMatch(message);
    expect((await active()).items).toEqual([]);
  });

  it('refuses a moderator muting themselves, a bad sub and a bad cursor with 400', async () => {
    await publish({ ...morgan, moderator: true }, 'a moderator says hi');

    expect(await mute({ author: 'sub-mod', durationSeconds: 60, reason: 'x' })).toEqual({ status: 400, body: { message: 'You cannot mute yourself' } });
    expect((await unmute('has space')).status).toBe(400);
    expect((await call('GET /moderation/mutes', { query: { cursor: 'bm90LWEtY3Vyc29y' } })).status).toBe(400);
  });

  it('exports mute actions in the audit CSV, in the user columns', async () => {
    await mute({ author: 'Bob', durationSeconds: 60, reason: 'csv' });

    const result = await moderation(httpEvent('GET /moderation/export', { query: { kind: 'audit', format: 'csv', moderator: 'sub-mod' } }));

    const [header, row] = (result.body ?? '').replace(/^\uFEFF/, '').split('\r\n');
    expect(header?.split(',').slice(-6, -2)).toEqual(['userSub', 'userHandle', 'userDisplayName', 'mutedUntil']);
    expect(row).toMatch(new RegExp(`,user\\.muted,,,,,,sub-mod,morgan,Morgan,csv,sub-bob,bob,Bob,${new Date(now + 60_000).toISOString()},,$`));
  });
});
