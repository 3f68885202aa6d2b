import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGapFillPage, checkMessagePage } from '../../core/history-api.ts';
import { minMessageIdAt } from '../../core/message-id.ts';
import type { Author, ChatMessage, PublishedChange } from '../../core/messages.ts';
import { checkMessageReactions } from '../../core/reactions.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { meteredClient } from '../../tests/support/capacity-meter.ts';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
import { seedMembersOnlyRoom } from '../../tests/support/members-only-room.ts';
/* eslint-enable no-restricted-imports */
import { createLogger } from '../lib/logger.ts';
import { handleItemKey, toProfileItem } from '../lib/profile-items.ts';
import { createRoomStore } from '../lib/room-store.ts';
import { createPersistMessagesHandler, type PersistMessages } from '../persist-messages/persist-messages.ts';
import { createHistory, createHistoryStores, createHistoryHandler, type History } from './history.ts';

const TABLE = 'parley';
const TYPICAL_TEXT = 'A typical chat line of about a hundred characters, give or take a few words here and there. 🙂';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const bob: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('history of edited, deleted and reacted messages on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let persist: PersistMessages;
  let history: History;
  let rooms = 0;

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
    persist = createPersistMessagesHandler(table.env);
    history = createHistoryHandler(table.env);
    for (const who of [ada, bob]) {
      const now = new Date().toISOString();
      await db.send(new PutCommand({ TableName: TABLE, Item: toProfileItem({ sub: who.sub, handle: who.handle, displayName: who.displayName, createdAt: now, updatedAt: now, changes: [] }) }));
      await db.send(new PutCommand({ TableName: TABLE, Item: { ...handleItemKey(who.handle), type: 'handle', sub: who.sub } }));
    }
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  const newRoom = async () => {
    const id = `history-changes-${(rooms += 1)}`;
    await createRoomStore(db, TABLE).create({ id, name: id, now: new Date().toISOString() });
    return id;
  };
  const post = async (roomId: string, author: Author, text: string, replyTo?: string, epoch?: string): Promise<ChatMessage> => {
    const { results } = await persist({ roomId, ...(epoch ? { epoch } : {}), author, messages: [{ eventId: 'm', clientMsgId: randomUUID(), text, ...(replyTo ? { replyTo } : {}) }] });
    return results[0]!.message!;
  };
  const change = async (roomId: string, author: Author, c: PublishedChange, epoch?: string) => {
    const { results } = await persist({ roomId, ...(epoch ? { epoch } : {}), author, messages: [], changes: [{ eventId: 'c', ...c }] });
    expect(results[0]!.error).toBeUndefined();
  };
  const get = async (routeKey: string, reader: Author, path: Record<string, string>, query?: Record<string, string>) => {
    const result = await history(httpEvent(routeKey, { path, query, claims: { sub: reader.sub } }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
  };
  const page = (roomId: string, reader: Author, query?: Record<string, string>) => get('GET /rooms/{roomId}/messages', reader, { roomId }, query);

  it('serves current text, editedAt, tombstones, replies, mentions and reactions with the reader’s own marked', async () => {
    const roomId = await newRoom();
    const first = await post(roomId, ada, 'first draft');
    const gone = await post(roomId, ada, 'regrettable');
    const reply = await post(roomId, bob, 'hey @ada', first.id);
    await change(roomId, ada, { type: 'edit', messageId: first.id, text: 'final text' });
    await change(roomId, ada, { type: 'delete', messageId: gone.id });
    await change(roomId, bob, { type: 'reaction', messageId: first.id, emoji: '🎉', add: true });
    await change(roomId, ada, { type: 'reaction', messageId: first.id, emoji: '👍', add: true });
    await change(roomId, bob, { type: 'reaction', messageId: first.id, emoji: '👍', add: true });

    const asAda = await page(roomId, ada);
    const asBob = await page(roomId, bob);

    expect(checkMessagePage(asAda.body, roomId).ok).toBe(true);
    const [replyItem, tombstone, edited] = asAda.body.items;
    expect(edited).toMatchObject({ id: first.id, text: 'final text', editedAt: expect.any(String) });
    expect(edited.reactions).toEqual([{ emoji: '🎉', count: 1, mine: false }, { emoji: '👍', count: 2, mine: true }]);
    expect(asBob.body.items[2].reactions).toEqual([{ emoji: '🎉', count: 1, mine: true }, { emoji: '👍', count: 2, mine: true }]);
    expect(tombstone).toEqual({ id: gone.id, roomId, createdAt: gone.createdAt, deleted: true });
    expect(replyItem).toMatchObject({ id: reply.id, replyTo: { id: first.id, author: ada, excerpt: 'first draft' }, mentions: [{ sub: ada.sub, handle: 'ada' }] });
  });

  it('serves an edit’s mentions instead of the original’s, and a message edited then deleted as a tombstone', async () => {
    const roomId = await newRoom();
    const mentioning = await post(roomId, ada, 'hi @bob');
    const doomed = await post(roomId, ada, 'first');
    await change(roomId, ada, { type: 'edit', messageId: mentioning.id, text: 'hi all' });
    await change(roomId, ada, { type: 'edit', messageId: doomed.id, text: 'second' });
    await change(roomId, ada, { type: 'delete', messageId: doomed.id });

    const { body } = await page(roomId, bob);

    expect(mentioning.mentions).toEqual([{ sub: bob.sub, handle: 'bob' }]);
    expect(body.items[0]).toEqual({ id: doomed.id, roomId, createdAt: doomed.createdAt, deleted: true });
    expect(body.items[1]).toEqual({ ...mentioning, mentions: undefined, text: 'hi all', editedAt: expect.any(String) });
    expect('mentions' in body.items[1]).toBe(false);
  });

  it('brings a reader who was offline during an edit, a delete and a reaction up to date in the gap fill’s updates', async () => {
    const roomId = await newRoom();
    const edited = await post(roomId, ada, 'before');
    const deleted = await post(roomId, ada, 'to go');
    const reacted = await post(roomId, bob, 'nice');
    const anchor = await post(roomId, bob, 'the last message the reader saw');

    await change(roomId, ada, { type: 'edit', messageId: edited.id, text: 'after' });
    await change(roomId, ada, { type: 'delete', messageId: deleted.id });
    await change(roomId, ada, { type: 'reaction', messageId: reacted.id, emoji: '❤️', add: true });
    const fill = await page(roomId, ada, { after: anchor.id, changesFrom: edited.id });

    expect(checkGapFillPage(fill.body, roomId).ok).toBe(true);
    expect(fill.body.items).toEqual([]);
    const byId = Object.fromEntries((fill.body.updates ?? []).map((u: { id: string }) => [u.id, u]));
    expect(Object.keys(byId).sort()).toEqual([edited.id, deleted.id, reacted.id].sort());
    expect(byId[edited.id]).toMatchObject({ text: 'after', editedAt: expect.any(String) });
    expect(byId[deleted.id]).toEqual({ id: deleted.id, roomId, createdAt: deleted.createdAt, deleted: true });
    expect(byId[reacted.id]).toMatchObject({ text: 'nice', reactions: [{ emoji: '❤️', count: 1, mine: true }] });
  });

  it('carries in a gap fill the changes of the messages from changesFrom on, and only when asked', async () => {
    const roomId = await newRoom();
    const unheld = await post(roomId, ada, 'older than anything the reader holds');
    const held = await post(roomId, ada, 'the oldest message the reader holds');
    const anchor = await post(roomId, bob, 'the last message the reader saw');
    await change(roomId, ada, { type: 'edit', messageId: unheld.id, text: 'changed out of view' });
    await change(roomId, ada, { type: 'edit', messageId: held.id, text: 'changed in view' });

    const withChanges = await page(roomId, bob, { after: anchor.id, changesFrom: held.id });
    const without = await page(roomId, bob, { after: anchor.id });
    const backwards = await page(roomId, bob, { after: held.id, changesFrom: anchor.id });

    expect(withChanges.body.updates?.map((u: ChatMessage) => [u.id, u.text])).toEqual([[held.id, 'changed in view']]);
    expect(without.body.updates).toBeUndefined();
    expect(backwards).toEqual({ status: 400, body: { message: 'changesFrom must not be after after' } });
  });

  it('says who reacted, with current names, to members only', async () => {
    const roomId = await newRoom();
    const message = await post(roomId, ada, 'vote');
    await change(roomId, bob, { type: 'reaction', messageId: message.id, emoji: '👍', add: true });
    await change(roomId, ada, { type: 'reaction', messageId: message.id, emoji: '👍', add: true });
    const secret = await seedMembersOnlyRoom(db, TABLE, [ada]);
    const hidden = await post(secret.roomId, ada, 'members only', undefined, secret.epoch);
    const route = 'GET /rooms/{roomId}/messages/{messageId}/reactions';

    const who = await get(route, ada, { roomId, messageId: message.id });
    const outsider = await get(route, bob, { roomId: secret.roomId, messageId: hidden.id });
    const nobody = await get(route, bob, { roomId, messageId: (await post(roomId, ada, 'quiet')).id });

    expect(checkMessageReactions(who.body)).toEqual({
      ok: true,
      value: { items: [{ emoji: '👍', people: [{ sub: bob.sub, handle: 'bob', displayName: 'Bob' }, { sub: ada.sub, handle: 'ada', displayName: 'Ada' }] }] },
    });
    expect(outsider).toEqual({ status: 404, body: { message: `Room ${secret.roomId} not found` } });
    expect(nobody.body).toEqual({ items: [] });
  });
});

describe('history page budgets on dynamodb-local', () => {
  let table: LambdaTable;

  beforeAll(async () => {
    table = await startLambdaTable('dynamodb-local');
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  it('reads a 50-message page in one request of 2 RCU while nothing changed, at most 4 RCU when every message has reactions, and 5 when every one is reacted to and edited; a quiet gap fill reads the held messages’ overlays', async () => {
    const persist = createPersistMessagesHandler(table.env);
    const roomId = 'weekly-planning';
    await createRoomStore(table.db, TABLE).create({ id: roomId, name: roomId, now: new Date().toISOString() });
    const authors = Array.from({ length: 6 }, (_, i) => ({ sub: randomUUID(), handle: `member_${i}x`, displayName: `Member ${i}`.padEnd(12, '.'), moderator: false }));
    const ids: string[] = [];
    for (let i = 0; i < 51; i += 1) {
      const { results } = await persist({ roomId, author: authors[i % 6]!, messages: [{ eventId: 'm', clientMsgId: randomUUID(), text: TYPICAL_TEXT }] });
      ids.push(results[0]!.message!.id);
    }
    const meter = meteredClient(table.env);
    const history = createHistory({
      ...createHistoryStores(meter.client, TABLE),
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
    });
    const readPage = async () => {
      meter.reset();
      const result = await history(httpEvent('GET /rooms/{roomId}/messages', { path: { roomId }, query: { limit: '50' }, claims: { sub: authors[0]!.sub } }));
      return { units: meter.readUnits, requests: meter.readRequests, items: JSON.parse(result.body!).items as ChatMessage[] };
    };

    const plain = await readPage();
    for (const [i, id] of ids.entries()) {
      for (const emoji of ['👍', '🎉'].slice(0, 1 + (i % 2))) {
        await persist({ roomId, author: authors[(i + 1) % 6]!, messages: [], changes: [{ eventId: 'r', type: 'reaction', messageId: id, emoji, add: true }] });
      }
    }
    const reacted = await readPage();
    // A reconnect after that, when nothing changed while away: the first page of the gap fill
    // asks for the changes of the 51 messages held, and reads their overlays to find none.
    meter.reset();
    const quietFill = await history(httpEvent('GET /rooms/{roomId}/messages', { path: { roomId }, query: { after: minMessageIdAt(Date.now()), changesFrom: ids[0]! }, claims: { sub: authors[0]!.sub } }));
    const fill = { units: meter.readUnits, requests: meter.readRequests, body: JSON.parse(quietFill.body!) };
    for (const [i, id] of ids.entries()) {
      const edit = { eventId: 'e', type: 'edit' as const, messageId: id, text: TYPICAL_TEXT.replace('typical', 'usual') };
      await persist({ roomId, author: authors[i % 6]!, messages: [], changes: [edit] });
    }
    const reactedAndEdited = await readPage();

    expect(plain.items).toHaveLength(50);
    // One request: DynamoDB bills each at least 0.5 RCU, so a second one, even finding nothing,
    // would make this page 2.5 there (DynamoDB Local bills an empty Query nothing).
    expect([plain.units, plain.requests]).toEqual([2, 1]);
    expect(reacted.items.every((m) => (m.reactions?.length ?? 0) > 0)).toBe(true);
    // The overlays come in the same partition: twice the entries, read in two Queries.
    expect(reacted.units).toBeLessThanOrEqual(4);
    expect(reacted.requests).toBe(2);
    expect(reactedAndEdited.items.every((m) => m.text.includes('usual') && m.editedAt !== undefined && (m.reactions?.length ?? 0) > 0)).toBe(true);
    expect(reactedAndEdited.units).toBeLessThanOrEqual(5);
    // The fill's overlay Query of the 51 held (~170 B each) is the one that reads anything here;
    // the empty page, the room lookup it makes, and the audit and late-note Queries bill 0.5 each
    // on DynamoDB.
    expect(fill.body.updates).toBeUndefined();
    expect([fill.units, fill.requests]).toEqual([2, 5]);
  }, 60_000);
});
