import { randomBytes, randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Author, PersistRequest, PersistResult, PublishedChange } from '../../core/messages.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { meteredClient } from '../../tests/support/capacity-meter.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
import { randomEpoch, seedMembersOnlyRoom } from '../../tests/support/members-only-room.ts';
/* eslint-enable no-restricted-imports */
import { lateAnnouncementPk } from '../lib/audit-keys.ts';
import { createLogger } from '../lib/logger.ts';
import { createMembershipReader } from '../lib/membership-reader.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { createMessageLookup } from '../lib/message-lookup.ts';
import { overlayTimelineSk, roomTimelinePk } from '../lib/message-item.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { handleItemKey } from '../lib/profile-items.ts';
import { createRateLimiter } from '../lib/rate-limiter.ts';
import { overlayKey } from '../lib/overlay-item.ts';
import { createRoomStore, roomKey } from '../lib/room-store.ts';
import { createChangeDeps } from './change-applier.ts';
import { createMessageWriter } from './message-writer.ts';
import { createPersistMessages, createPersistMessagesHandler, type PersistMessages } from './persist-messages.ts';

const TABLE = 'parley';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const bob: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };
const MISSING = '01JF8Z5Y6Q7R8S9T0V1W2X3Y4Z';

type Change = NonNullable<PersistRequest['changes']>[number];

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('persist-messages changes on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let persist: PersistMessages;
  let rooms = 0;

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
    persist = createPersistMessagesHandler(table.env);
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...handleItemKey('bob'), type: 'handle', sub: bob.sub } }));
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  const newRoom = async () => {
    const id = `changes-${(rooms += 1)}`;
    await createRoomStore(db, TABLE).create({ id, name: id, now: new Date().toISOString() });
    return id;
  };

  async function post(roomId: string, author: Author, text: string, replyTo?: string, epoch?: string): Promise<PersistResult> {
    const message = { eventId: 'm', clientMsgId: randomUUID(), text, ...(replyTo ? { replyTo } : {}) };
    const { results } = await persist({ roomId, ...(epoch ? { epoch } : {}), author, messages: [message] });
    return results[0]!;
  }

  async function change(roomId: string, author: Author, ...changes: PublishedChange[]): Promise<PersistResult[]> {
    const { results } = await persist({ roomId, author, messages: [], changes: changes.map((c, i) => ({ eventId: `c${i}`, ...c }) as Change) });
    return results;
  }

  /**
   * How many writes changed the message's overlay (`v`), and whether the last one is findable by
   * a page (gsi1, beside its message) and by a gap fill (`w`, when it changed).
   */
  async function writes(roomId: string, id: string): Promise<number> {
    const item = await overlay(roomId, id);
    expect(item).toMatchObject({ gsi1pk: roomTimelinePk(roomId), gsi1sk: overlayTimelineSk(id), w: expect.any(Number) });
    return item?.v as number;
  }

  /** The room's `LATE#` notes: a change writes none (its overlay is what a gap fill reads). */
  async function lateNotes(roomId: string): Promise<number> {
    const { Items = [] } = await db.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': lateAnnouncementPk(roomId) } }));
    return Items.length;
  }

  async function stored(roomId: string, id: string) {
    return (await createMessageLookup(db, TABLE)(roomId, id))!;
  }

  async function overlay(roomId: string, id: string) {
    const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: overlayKey(roomId, id), ConsistentRead: true }));
    return Item;
  }

  it('edits the author’s message once, keeps the replaced text for moderators and re-resolves mentions', async () => {
    const roomId = await newRoom();
    const { message } = await post(roomId, ada, 'hello @nobody_here');

    const first = await change(roomId, ada, { type: 'edit', messageId: message!.id, text: 'hello @bob' });
    const again = await change(roomId, ada, { type: 'edit', messageId: message!.id, text: 'hello @bob' });

    expect(first[0]!.change).toMatchObject({ type: 'message.edited', message: { id: message!.id, text: 'hello @bob', mentions: [{ sub: bob.sub, handle: 'bob' }] } });
    expect(first[0]!.change?.type === 'message.edited' && first[0]!.change.message.editedAt).toEqual(expect.any(String));
    expect(again[0]!.change).toEqual(first[0]!.change);
    // The message item stays as first stored (the original); the edit is on its overlay, whose
    // first replaced version stands for the message item's text.
    const item = await stored(roomId, message!.id);
    expect([item.t, item.e, item.pv]).toEqual(['hello @nobody_here', undefined, undefined]);
    expect(await overlay(roomId, message!.id)).toMatchObject({ t: 'hello @bob', e: expect.any(String), n: [{ s: bob.sub, h: 'bob' }], pv: [{ at: expect.any(String) }] });
    expect(await writes(roomId, message!.id)).toBe(1);
  });

  it('refuses an edit or delete of someone else’s message with NOT_AUTHOR, and changes of unknown messages with MESSAGE_NOT_FOUND', async () => {
    const roomId = await newRoom();
    const { message } = await post(roomId, ada, 'mine');

    const results = await change(
      roomId,
      bob,
      { type: 'edit', messageId: message!.id, text: 'yours now' },
      { type: 'delete', messageId: message!.id },
      { type: 'reaction', messageId: MISSING, emoji: '👍', add: true },
      { type: 'delete', messageId: MISSING },
    );

    expect(results.map((r) => r.error?.split(':')[0])).toEqual(['NOT_AUTHOR', 'NOT_AUTHOR', 'MESSAGE_NOT_FOUND', 'MESSAGE_NOT_FOUND']);
    expect((await stored(roomId, message!.id)).t).toBe('mine');
    expect(await overlay(roomId, message!.id)).toBeUndefined();
  });

  it('deletes once, then refuses edits, reactions and replies with MESSAGE_DELETED', async () => {
    const roomId = await newRoom();
    const { message } = await post(roomId, ada, 'oops');

    const deleted = await change(roomId, ada, { type: 'delete', messageId: message!.id }, { type: 'delete', messageId: message!.id });
    const after = await change(roomId, ada, { type: 'edit', messageId: message!.id, text: 'fixed' }, { type: 'reaction', messageId: message!.id, emoji: '👍', add: true });
    const reply = await post(roomId, bob, 'what was it?', message!.id);

    expect(deleted.map((r) => r.change)).toEqual([
      { type: 'message.deleted', roomId, id: message!.id },
      { type: 'message.deleted', roomId, id: message!.id },
    ]);
    expect([...after, reply].map((r) => r.error?.split(':')[0])).toEqual(['MESSAGE_DELETED', 'MESSAGE_DELETED', 'MESSAGE_DELETED']);
    const item = await stored(roomId, message!.id);
    expect([item.t, item.x, typeof (await overlay(roomId, message!.id))?.x]).toEqual(['oops', undefined, 'string']);
    expect(await writes(roomId, message!.id)).toBe(1);
  });

  it('refuses changes and replies to a message a moderator removed with MESSAGE_REMOVED', async () => {
    const roomId = await newRoom();
    const { message } = await post(roomId, ada, 'bad');
    const item = await stored(roomId, message!.id);
    await db.send(new UpdateCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET #s = :r', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':r': 'removed' } }));

    const results = await change(roomId, ada, { type: 'edit', messageId: message!.id, text: 'good' }, { type: 'delete', messageId: message!.id }, { type: 'reaction', messageId: message!.id, emoji: '👍', add: true });
    const reply = await post(roomId, bob, 're', message!.id);

    expect([...results, reply].map((r) => r.error?.split(':')[0])).toEqual(['MESSAGE_REMOVED', 'MESSAGE_REMOVED', 'MESSAGE_REMOVED', 'MESSAGE_REMOVED']);
  });

  it('counts a reaction once per account and emoji, and takes it back', async () => {
    const roomId = await newRoom();
    const { message } = await post(roomId, ada, 'react to me');
    const react = (author: Author, emoji: string, add: boolean) => change(roomId, author, { type: 'reaction', messageId: message!.id, emoji, add });

    const counts = [];
    for (const [author, emoji, add] of [[ada, '👍', true], [ada, '👍', true], [bob, '👍', true], [bob, '👩🏽‍💻', true], [ada, '👍', false], [ada, '👍', false]] as const) {
      const [result] = await react(author, emoji, add);
      counts.push(result!.change?.type === 'reaction.changed' ? [result!.change.emoji, result!.change.count] : result!.error);
    }

    expect(counts).toEqual([['👍', 1], ['👍', 1], ['👍', 2], ['👩🏽‍💻', 1], ['👍', 1], ['👍', 1]]);
    expect((await overlay(roomId, message!.id))?.r).toEqual([{ e: '👍', s: [bob.sub] }, { e: '👩🏽‍💻', s: [bob.sub] }]);
    expect(await writes(roomId, message!.id)).toBe(4);
  });

  it('refuses an emoji that is not exactly one RGI emoji, and a 21st emoji on a message, with BAD_REQUEST', async () => {
    const roomId = await newRoom();
    const { message } = await post(roomId, ada, 'many');
    const twenty = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂'];
    for (const emoji of twenty) await change(roomId, ada, { type: 'reaction', messageId: message!.id, emoji, add: true });

    const results = await change(
      roomId,
      bob,
      { type: 'reaction', messageId: message!.id, emoji: '🤗', add: true },
      { type: 'reaction', messageId: message!.id, emoji: '👍👍', add: true },
      { type: 'reaction', messageId: message!.id, emoji: '\u00e9', add: true },
      { type: 'reaction', messageId: message!.id, emoji: '😀', add: true },
    );

    expect(results.map((r) => r.error ?? r.change?.type)).toEqual([
      'BAD_REQUEST: a message takes at most 20 different emoji',
      'BAD_REQUEST: emoji must be exactly one emoji',
      'BAD_REQUEST: emoji must be exactly one emoji',
      'reaction.changed',
    ]);
  });

  it('stores a reply with its original’s author and a 140-code-point excerpt, and refuses a reply to a message not in the room', async () => {
    const roomId = await newRoom();
    const other = await newRoom();
    const long = '😀'.repeat(150);
    const { message } = await post(roomId, ada, long);
    const elsewhere = await post(other, ada, 'elsewhere');

    const reply = await post(roomId, bob, 'indeed', message!.id);
    const stray = await post(roomId, bob, 'hm', elsewhere.message!.id);

    expect(reply.message?.replyTo).toEqual({ id: message!.id, author: ada, excerpt: '😀'.repeat(140) });
    expect(stray.error?.split(':')[0]).toBe('MESSAGE_NOT_FOUND');
    expect((await stored(roomId, reply.message!.id)).r).toMatchObject({ i: message!.id, s: ada.sub });
  });

  it('loses no version and no reaction when an edit and two reactions land at once', async () => {
    const roomId = await newRoom();
    const { message } = await post(roomId, ada, 'v1');
    await change(roomId, ada, { type: 'edit', messageId: message!.id, text: 'v2' });

    const results = await Promise.all([
      change(roomId, ada, { type: 'edit', messageId: message!.id, text: 'v3' }),
      change(roomId, bob, { type: 'reaction', messageId: message!.id, emoji: '👍', add: true }),
      change(roomId, ada, { type: 'reaction', messageId: message!.id, emoji: '🎉', add: true }),
    ]);

    expect(results.map(([r]) => r!.error ?? r!.change?.type)).toEqual(['message.edited', 'reaction.changed', 'reaction.changed']);
    const item = await overlay(roomId, message!.id);
    expect(item).toMatchObject({ t: 'v3', v: 4, pv: [{ at: expect.any(String) }, { t: 'v2', at: expect.any(String) }] });
    expect(item?.r).toEqual(expect.arrayContaining([{ e: '👍', s: [bob.sub] }, { e: '🎉', s: [ada.sub] }]));
    expect(await writes(roomId, message!.id)).toBe(4);
    expect(await lateNotes(roomId)).toBe(0);
  });

  it('quotes the original’s current text in a reply, and refuses a reply to a message deleted after an edit', async () => {
    const roomId = await newRoom();
    const { message } = await post(roomId, ada, 'draft');
    await change(roomId, ada, { type: 'edit', messageId: message!.id, text: 'final' });

    const reply = await post(roomId, bob, 'agreed', message!.id);
    await change(roomId, ada, { type: 'delete', messageId: message!.id });
    const late = await post(roomId, bob, 'wait', message!.id);

    expect(reply.message?.replyTo).toEqual({ id: message!.id, author: ada, excerpt: 'final' });
    expect(late.error?.split(':')[0]).toBe('MESSAGE_DELETED');
  });

  it('stores the mentions of handles that exist, once each', async () => {
    const roomId = await newRoom();

    const { message } = await post(roomId, ada, '@bob @bob hi @unknown_person, mail bob@example.com');

    expect(message?.mentions).toEqual([{ sub: bob.sub, handle: 'bob' }]);
  });

  it('applies membership, epoch and archive rules to changes as to messages', async () => {
    const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada]);
    const { message } = await post(roomId, ada, 'private', undefined, epoch);
    const outsider = await persist({ roomId, epoch, author: bob, messages: [], changes: [{ eventId: 'r', type: 'reaction', messageId: message!.id, emoji: '👍', add: true }] });
    const stale = await persist({ roomId, epoch: randomEpoch(), author: ada, messages: [], changes: [{ eventId: 'd', type: 'delete', messageId: message!.id }] });
    const publicRoom = await newRoom();
    const kept = await post(publicRoom, ada, 'kept');
    await db.send(new UpdateCommand({ TableName: TABLE, Key: roomKey(publicRoom), UpdateExpression: 'SET archivedAt = :at', ExpressionAttributeValues: { ':at': new Date().toISOString() } }));
    const archived = await change(publicRoom, ada, { type: 'edit', messageId: kept.message!.id, text: 'changed' });

    expect([outsider.results[0]!.error, stale.results[0]!.error, archived[0]!.error].map((e) => e?.split(':')[0])).toEqual(['NOT_FOUND', 'ROOM_MOVED', 'ROOM_ARCHIVED']);
  });

  it('counts changes against the author’s rate limit', async () => {
    const roomId = await newRoom();
    const limited = createPersistMessagesHandler({ ...table.env, RATE_LIMIT: '2/60' });
    const { results: [first] } = await limited({ roomId, author: ada, messages: [{ eventId: 'm', clientMsgId: randomUUID(), text: 'one' }] });

    const { results } = await limited({
      roomId,
      author: ada,
      messages: [],
      changes: [
        { eventId: 'a', type: 'reaction', messageId: first!.message!.id, emoji: '👍', add: true },
        { eventId: 'b', type: 'reaction', messageId: first!.message!.id, emoji: '🎉', add: true },
      ],
    });

    expect(results.map((r) => r.error?.split(':')[0] ?? r.change?.type)).toEqual(['reaction.changed', 'RATE_LIMITED']);
  });
});

describe('persist-messages change budgets on dynamodb-local (it counts index writes, as DynamoDB bills them)', () => {
  let table: LambdaTable;

  beforeAll(async () => {
    table = await startLambdaTable('dynamodb-local');
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  it('a reaction, an edit and a delete each write 2 units: the message’s overlay item and its copy in gsi1', async () => {
    const meter = meteredClient(table.env);
    const metered = createPersistMessages({
      writer: createMessageWriter(meter.client, TABLE),
      rooms: createRoomStore(meter.client, TABLE),
      rateLimiter: createRateLimiter(meter.client, TABLE, 'off'),
      mutes: createMuteReader(meter.client, TABLE),
      members: createMembershipReader(meter.client, TABLE),
      publisher: { publish: async () => undefined },
      mentionStore: { store: async () => 0 },
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: Date.now,
      nextId: createMessageIdGenerator(randomBytes),
      ...createChangeDeps(meter.client, TABLE),
    });
    const roomId = 'budget-room';
    await createRoomStore(table.db, TABLE).create({ id: roomId, name: roomId, now: new Date().toISOString() });
    const text = 'A typical line of a conversation, about a hundred characters long, give or take a few words here.';
    const { results: [posted] } = await metered({ roomId, author: ada, messages: [{ eventId: 'm', clientMsgId: randomUUID(), text }] });
    const units = async (c: PublishedChange) => {
      meter.reset();
      const { results } = await metered({ roomId, author: ada, messages: [], changes: [{ eventId: 'c', ...c } as Change] });
      expect(results[0]!.error).toBeUndefined();
      return { writes: meter.writeUnits, reads: meter.readUnits };
    };
    const id = posted!.message!.id;

    const react = await units({ type: 'reaction', messageId: id, emoji: '👍', add: true });
    const unreact = await units({ type: 'reaction', messageId: id, emoji: '👍', add: false });
    const edit = await units({ type: 'edit', messageId: id, text: text.replace('typical', 'usual') });
    const del = await units({ type: 'delete', messageId: id });

    // The change itself: the overlay item and its gsi1 copy (1 + 1, under 1 KB), which a gap fill
    // finds by when it changed: no separate note. The message item is not written, so its gsi1
    // copy is not either. The rate limit is off here (1 per batch).
    expect([react.writes, unreact.writes]).toEqual([2, 2]);
    expect([edit.writes, del.writes]).toEqual([2, 2]);
    // The message lookup (0.5), the room (1, consistent), the mute (0.5), the overlay (≤ 1, consistent).
    expect([react.reads, edit.reads, del.reads].every((units) => units <= 3)).toBe(true);
  });
});
