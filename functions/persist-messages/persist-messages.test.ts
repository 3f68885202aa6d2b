import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventError } from '../../core/event-errors.ts';
import type { Author, PersistRequest } from '../../core/messages.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
import { randomEpoch, removeMember, seedMembersOnlyRoom } from '../../tests/support/members-only-room.ts';
/* eslint-enable no-restricted-imports */
import { BadRequestError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { dynamoItemSize } from '../lib/item-size.ts';
import { fromMessageItem, MESSAGE_ORDER_INDEX, roomTimelinePk, toMessageItem } from '../lib/message-item.ts';
import type { MetricsSink } from '../lib/metrics.ts';
import { createMembershipReader, type MembershipReader } from '../lib/membership-reader.ts';
import { createRoomStore, roomKey } from '../lib/room-store.ts';
import { createMessageWriter } from './message-writer.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { createRateLimiter } from '../lib/rate-limiter.ts';
import { createPersistMessages, createPersistMessagesHandler, type PersistMessages } from './persist-messages.ts';
import { createChangeDeps } from './change-applier.ts';

const TABLE = 'parley';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const bob: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };

function request(roomId: string, author: Author, messages: { clientMsgId: string; text: string }[], epoch?: string): PersistRequest {
  return { roomId, ...(epoch === undefined ? {} : { epoch }), author, messages: messages.map((m, i) => ({ eventId: `event-${i}`, ...m })) };
}

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('persist-messages on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let persist: PersistMessages;
  let roomCounter = 0;
  /** A room created as POST /rooms creates it; publishing needs one. */
  const newRoom = async () => {
    const id = `room-${(roomCounter += 1)}`;
    await createRoomStore(db, TABLE).create({ id, name: id, now: new Date().toISOString() });
    return id;
  };
  let env: Record<string, string> & { AWS_REGION: string };

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    ({ env, db } = table);
    persist = createPersistMessagesHandler(env);
  }, 90_000);

  afterAll(async () => {
    await table?.close();
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
    return Items.map(fromMessageItem);
  }

  it('stores a batch in batch order and returns the stored messages', async () => {
    const roomId = await newRoom();
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

  it('stores the text and the names beside the keys, and nothing the keys hold', async () => {
    const roomId = await newRoom();

    const { results } = await persist(request(roomId, ada, [{ clientMsgId: 'compact', text: 'small' }]));

    const stored = results[0]!.message!;
    const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: { pk: `AUTHOR#${ada.sub}`, sk: `MSG#${roomId}#compact` } }));
    expect(Item).toEqual({
      pk: `AUTHOR#${ada.sub}`,
      sk: `MSG#${roomId}#compact`,
      gsi1pk: `ROOM#${roomId}`,
      gsi1sk: `MSG#${stored.id}`,
      t: 'small',
      h: 'ada',
      d: 'Ada',
    });
    expect(fromMessageItem(Item!)).toEqual(stored);
  });

  it('returns the original message when the same author retries a clientMsgId, storing it once', async () => {
    const roomId = await newRoom();
    const first = await persist(request(roomId, ada, [{ clientMsgId: 'retry-me', text: 'hello' }]));

    const retry = await persist(request(roomId, ada, [{ clientMsgId: 'retry-me', text: 'hello' }]));

    expect(retry.results[0]!.message).toEqual(first.results[0]!.message);
    expect(await roomTimeline(roomId)).toHaveLength(1);
  });

  it('stores a clientMsgId repeated within one batch once', async () => {
    const roomId = await newRoom();

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
    const roomId = await newRoom();
    const adas = await persist(request(roomId, ada, [{ clientMsgId: 'shared-id', text: 'from ada' }]));

    const bobs = await persist(request(roomId, bob, [{ clientMsgId: 'shared-id', text: 'from bob' }]));

    expect(bobs.results[0]!.message).toMatchObject({ text: 'from bob', author: bob });
    expect(bobs.results[0]!.message!.id).not.toBe(adas.results[0]!.message!.id);
    expect((await roomTimeline(roomId)).map((item) => item.text)).toEqual(['from ada', 'from bob']);
  });

  it('fails only the event whose write fails', async () => {
    const roomId = await newRoom();
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
      ['event-1', undefined, 'INTERNAL: Message not stored; please retry'],
      ['event-2', 'also fine', undefined],
    ]);
    expect((await roomTimeline(roomId)).map((item) => item.text)).toEqual(['fine', 'also fine']);
  });

  it('fails every event for a room that was never created, storing nothing', async () => {
    const { results } = await persist(request('never-created', ada, [{ clientMsgId: 'c-1', text: 'hello?' }]));

    expect(results).toEqual([
      { eventId: 'event-0', error: 'NOT_FOUND: Room never-created does not exist; create it with POST /rooms' },
    ]);
    expect(await roomTimeline('never-created')).toEqual([]);
    const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: roomKey('never-created') }));
    expect(Item).toBeUndefined();
  });

  it('keeps lastMessageAt from moving backwards, and still stores the messages', async () => {
    const roomId = await newRoom();
    const rooms = createRoomStore(db, TABLE);
    await rooms.touch(roomId, '2999-01-01T00:00:00.000Z');

    const { results } = await persist(request(roomId, ada, [{ clientMsgId: 'late', text: 'late' }]));

    expect(results[0]?.message?.text).toBe('late');
    expect((await rooms.get(roomId))?.lastMessageAt).toBe('2999-01-01T00:00:00.000Z');
  });

  it('fails the events over the rate limit with RATE_LIMITED and the end of the window, per author, counting across batches', async () => {
    const roomId = await newRoom();
    // A fixed clock in the middle of a minute: the limit's window is the whole minute, and a wall
    // clock could cross into the next one between two batches and start a fresh count.
    const windowStart = Math.floor(Date.now() / 60_000) * 60_000;
    const limited = createPersistMessages({
      writer: createMessageWriter(db, TABLE),
      rooms: createRoomStore(db, TABLE),
      rateLimiter: createRateLimiter(db, TABLE, { count: 3, seconds: 60 }),
      mutes: createMuteReader(db, TABLE),
      members: createMembershipReader(db, TABLE),
      publisher: { publish: async () => undefined },
      mentionStore: { store: async () => 0 },
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: () => windowStart + 30_000,
      nextId: createMessageIdGenerator(randomBytes),
      ...createChangeDeps(db, TABLE),
    });
    const batch = (author: Author, from: number, count: number) =>
      request(roomId, author, Array.from({ length: count }, (_, i) => ({ clientMsgId: `rl-${from + i}`, text: `m${from + i}` })));

    const first = await limited(batch(ada, 0, 2));
    const second = await limited(batch(ada, 2, 2));
    const third = await limited(batch(ada, 4, 1));
    const bobs = await limited(batch(bob, 0, 3));

    const results = [...first.results, ...second.results, ...third.results];
    // The fixed window's end: the next whole minute after the refused publish.
    const retryAt = new Date(windowStart + 60_000).toISOString();
    expect(results.map((r) => r.error ?? r.message?.text)).toEqual([
      'm0',
      'm1',
      'm2',
      `RATE_LIMITED: more than 3 messages in 60 s; retry after ${retryAt}`,
      `RATE_LIMITED: more than 3 messages in 60 s; retry after ${retryAt}`,
    ]);
    expect(bobs.results.every((r) => r.message !== undefined)).toBe(true);
    expect((await roomTimeline(roomId)).map((item) => item.text)).toEqual(['m0', 'm1', 'm2', 'm0', 'm1', 'm2']);
  });

  it('measures the write units of the rate-limit counter', async () => {
    const limiter = createRateLimiter(db, TABLE, { count: 20, seconds: 10 });

    const admission = await limiter.admit(randomUUID(), 5, Date.now());

    expect(admission).toEqual({ allowed: 5, consumedWriteUnits: 1 });
  });

  it('rejects a malformed request as a whole', async () => {
    await expect(persist({ roomId: 'Not A Room', author: ada, messages: [] })).rejects.toBeInstanceOf(BadRequestError);
  });

  it.each([
    ['a username instead of a handle', { sub: 'sub-ada', username: 'ada', displayName: 'Ada', moderator: false }],
    ['no moderator flag', { sub: 'sub-ada', handle: 'ada', displayName: 'Ada' }],
    ['an empty display name', { ...ada, displayName: '' }],
  ])('rejects an author with %s', async (_case, author) => {
    const roomId = await newRoom();

    await expect(persist({ roomId, author: author as Author, messages: [] })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('stores a moderator\'s message with the moderator mark', async () => {
    const roomId = await newRoom();
    const morgan: Author = { sub: 'sub-morgan', handle: 'morgan', displayName: 'Morgan', moderator: true };

    const { results } = await persist(request(roomId, morgan, [{ clientMsgId: 'mod-1', text: 'by a moderator' }]));

    const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: { pk: `AUTHOR#${morgan.sub}`, sk: `MSG#${roomId}#mod-1` } }));
    expect(Item).toMatchObject({ h: 'morgan', d: 'Morgan', m: true });
    expect(results[0]!.message!.author).toEqual(morgan);
  });

  it('counts stored, deduplicated and rejected messages', async () => {
    const counts: Record<string, number> = {};
    const metrics: MetricsSink = {
      count: (name, value) => void (counts[name] = (counts[name] ?? 0) + value),
      countByCode: (name, code, value) => void (counts[`${name}/${code}`] = (counts[`${name}/${code}`] ?? 0) + value),
      flush: () => undefined,
    };
    const withMetrics = createPersistMessages({
      writer: createMessageWriter(db, TABLE),
      rooms: createRoomStore(db, TABLE),
      rateLimiter: createRateLimiter(db, TABLE, 'off'),
      mutes: createMuteReader(db, TABLE),
      members: createMembershipReader(db, TABLE),
      publisher: { publish: async () => undefined },
      mentionStore: { store: async () => 0 },
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics,
      clock: Date.now,
      nextId: createMessageIdGenerator(randomBytes),
      ...createChangeDeps(db, TABLE),
    });
    const roomId = await newRoom();
    await withMetrics(request(roomId, ada, [{ clientMsgId: 'm-1', text: 'one' }]));

    await withMetrics(
      request(roomId, ada, [
        { clientMsgId: 'm-1', text: 'one' },
        { clientMsgId: 'm-2', text: 'two' },
        { clientMsgId: 'm-3', text: 'x'.repeat(410 * 1024) },
      ]),
    );

    // DynamoDB refuses the oversized item, so that event fails as INTERNAL, counted under its code.
    expect(counts).toEqual({ MessagesStored: 2, MessagesDeduplicated: 1, MessagesRejected: 1, MessagesRateLimited: 0, 'EventsFailed/INTERNAL': 1 });
  });

  describe('private rooms and DMs', () => {
    const cy: Author = { sub: 'sub-cy', handle: 'cy', displayName: 'Cy', moderator: false };
    /** The real reader, counting its reads: a public room must cost none. */
    function countingReader(): MembershipReader & { reads: number } {
      const real = createMembershipReader(db, TABLE);
      const reader = { reads: 0, status: (roomId: string, sub: string) => ((reader.reads += 1), real.status(roomId, sub)) };
      return reader;
    }
    function persistWith(members: MembershipReader): PersistMessages {
      return createPersistMessages({
        writer: createMessageWriter(db, TABLE),
        rooms: createRoomStore(db, TABLE),
        rateLimiter: createRateLimiter(db, TABLE, 'off'),
        mutes: createMuteReader(db, TABLE),
        members,
        publisher: { publish: async () => undefined },
        mentionStore: { store: async () => 0 },
        logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
        metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
        clock: Date.now,
        nextId: createMessageIdGenerator(randomBytes),
        ...createChangeDeps(db, TABLE),
      });
    }

    it.each(['private', 'dm'] as const)('stores a member\'s messages in a %s room on its current epoch, reading the membership once per batch', async (kind) => {
      const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada, bob], { kind });
      const members = countingReader();

      const { results } = await persistWith(members)(
        request(roomId, bob, [{ clientMsgId: 'p-1', text: 'one' }, { clientMsgId: 'p-2', text: 'two' }], epoch),
      );

      expect(results.map((r) => r.message?.text ?? r.error)).toEqual(['one', 'two']);
      expect(members.reads).toBe(1);
      expect((await roomTimeline(roomId)).map((m) => m.text)).toEqual(['one', 'two']);
    });

    it('fails a non-member\'s events exactly as an unknown room\'s, storing nothing and leaving the room untouched', async () => {
      const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada, bob]);
      const rooms = createRoomStore(db, TABLE);
      const before = await db.send(new GetCommand({ TableName: TABLE, Key: roomKey(roomId), ConsistentRead: true }));

      const { results } = await persist(request(roomId, cy, [{ clientMsgId: 'x-1', text: 'let me in' }, { clientMsgId: 'x-2', text: 'please' }], epoch));
      const unknown = await persist(request('no-such-room', cy, [{ clientMsgId: 'x-1', text: 'let me in' }]));

      expect(results).toEqual([
        { eventId: 'event-0', error: `NOT_FOUND: Room ${roomId} does not exist; create it with POST /rooms` },
        { eventId: 'event-1', error: `NOT_FOUND: Room ${roomId} does not exist; create it with POST /rooms` },
      ]);
      expect(results[0]!.error!.replace(roomId, '<id>')).toBe(unknown.results[0]!.error!.replace('no-such-room', '<id>'));
      expect(await roomTimeline(roomId)).toEqual([]);
      const after = await db.send(new GetCommand({ TableName: TABLE, Key: roomKey(roomId), ConsistentRead: true }));
      expect(after.Item).toEqual(before.Item);
      expect((await rooms.get(roomId))?.lastMessageAt).toBeNull();
    });

    it('fails a removed member\'s events with NOT_FOUND, on the old epoch and on the new one', async () => {
      const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada, bob, cy]);
      const next = await removeMember(db, TABLE, roomId, cy.sub);

      const onOld = await persist(request(roomId, cy, [{ clientMsgId: 'r-1', text: 'still here?' }], epoch));
      const onNew = await persist(request(roomId, cy, [{ clientMsgId: 'r-2', text: 'guessed it' }], next));

      expect(parseEventError(onOld.results[0]!.error)?.code).toBe('NOT_FOUND');
      expect(parseEventError(onNew.results[0]!.error)?.code).toBe('NOT_FOUND');
      expect(await roomTimeline(roomId)).toEqual([]);
    });

    it('fails a member\'s events on a stale epoch with ROOM_MOVED, then stores them on the new one', async () => {
      const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada, bob, cy]);
      const next = await removeMember(db, TABLE, roomId, cy.sub);

      const stale = await persist(request(roomId, bob, [{ clientMsgId: 'm-1', text: 'hello' }], epoch));
      const moved = await persist(request(roomId, bob, [{ clientMsgId: 'm-1', text: 'hello' }], next));

      expect(stale.results).toEqual([
        { eventId: 'event-0', error: `ROOM_MOVED: Room ${roomId} has a new channel; read the room again and send there` },
      ]);
      expect(moved.results[0]?.message?.text).toBe('hello');
      expect((await roomTimeline(roomId)).map((m) => m.text)).toEqual(['hello']);
    });

    it('fails a member\'s events on an epoch the room never had with ROOM_MOVED', async () => {
      const { roomId } = await seedMembersOnlyRoom(db, TABLE, [ada]);

      const { results } = await persist(request(roomId, ada, [{ clientMsgId: 'g-1', text: 'guess' }], randomEpoch()));

      expect(parseEventError(results[0]!.error)?.code).toBe('ROOM_MOVED');
      expect(await roomTimeline(roomId)).toEqual([]);
    });

    it('reads no membership for a public room', async () => {
      const roomId = await newRoom();
      const members = countingReader();

      const { results } = await persistWith(members)(request(roomId, ada, [{ clientMsgId: 'pub-1', text: 'public' }]));

      expect(results[0]?.message?.text).toBe('public');
      expect(members.reads).toBe(0);
    });

    it.each([
      ['no epoch for a private room', `p-${'0'.repeat(26)}`, undefined],
      ['no epoch for a DM', `d-${'0'.repeat(26)}`, undefined],
      ['an epoch for a public room', 'lobby', '0123456789'],
      ['a malformed epoch', `p-${'0'.repeat(26)}`, 'not-epoch!'],
    ])('rejects a request with %s as a whole', async (_case, roomId, epoch) => {
      await expect(persist({ roomId, ...(epoch === undefined ? {} : { epoch }), author: ada, messages: [] })).rejects.toBeInstanceOf(BadRequestError);
    });

    it('measures the membership read: 0.5 RCU, member or not', async () => {
      const { roomId } = await seedMembersOnlyRoom(db, TABLE, [ada]);
      const reader = createMembershipReader(db, TABLE);

      const [member, stranger] = await Promise.all([reader.status(roomId, ada.sub), reader.status(roomId, bob.sub)]);

      expect(member).toEqual({ member: true, consumedReadUnits: 0.5 });
      expect(stranger).toEqual({ member: false, consumedReadUnits: 0.5 });
    });

    it('measures the room update with its epoch condition: 1 WCU, as a public room\'s', async () => {
      const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada]);

      const touched = await createRoomStore(db, TABLE).touch(roomId, new Date().toISOString(), epoch);

      expect(touched).toMatchObject({ exists: true, moved: false, advanced: true, consumedWriteUnits: 1 });
    });
  });

  it('measures the write units of a typical message and of the room update', async () => {
    const writer = createMessageWriter(db, TABLE);
    const roomId = await newRoom();
    const now = Date.now();
    const message = {
      id: createMessageIdGenerator(randomBytes)(now),
      roomId,
      text: 'A typical chat line of about a hundred characters, give or take a few words here and there. 🙂',
      author: { sub: randomUUID(), handle: 'ada_lovelace', displayName: 'Ada Lovelace', moderator: false },
      createdAt: new Date(now).toISOString(),
      clientMsgId: randomUUID(),
    };

    const stored = await writer.writeOnce(message);
    const touched = await createRoomStore(db, TABLE).touch(roomId, message.createdAt);

    // ~270 B, under 1 KB: 1 WCU for the table item and 1 for its gsi1 copy. DynamoDB Local counts
    // the gsi1 write in TOTAL, as DynamoDB does; dynalite reports the table only.
    expect(dynamoItemSize(toMessageItem(message))).toBeLessThan(1024);
    expect(stored.consumedWriteUnits).toBe(engine === 'dynamodb-local' ? 2 : 1);
    expect(touched.consumedWriteUnits).toBe(1);
  });
});
