import { BatchWriteCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import type { Author, ChatMessage } from '../../core/messages.ts';
import type { AuditEntry, ModeratedMessage } from '../../core/moderation.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent, type HttpCall } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
import { removeMember, seedMembersOnlyRoom, type SeededRoom } from '../../tests/support/members-only-room.ts';
/* eslint-enable no-restricted-imports */
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { toMessageItem } from '../lib/message-item.ts';
import { roomKey } from '../lib/room-item.ts';
import { createRoomRegistry } from '../lib/room-registry.ts';
import { roomKeyItemKey, roomNameKeys } from '../lib/room-keys.ts';
import { createRoomStore } from '../lib/room-store.ts';
import { createPersistMessagesHandler } from '../persist-messages/persist-messages.ts';
import { createReportsHandler } from '../reports/reports.ts';
import { createModeration, type Moderation, moderationStores } from './moderation.ts';

const TABLE = 'parley';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const bob: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };
const claimsOf = (author: Author, groups = '[]') => ({
  sub: author.sub,
  username: author.sub,
  'parley:handle': author.handle,
  'parley:display_name': author.displayName,
  'cognito:groups': groups,
});
const MOD = claimsOf({ sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan', moderator: true }, '[moderators]');

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('moderators and members-only rooms on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let moderation: Moderation;
  let privateRoom: SeededRoom;
  let otherPrivate: SeededRoom;
  let dm: SeededRoom;
  const published: { channel: string; events: unknown[] }[] = [];
  const stored: ChatMessage[] = [];

  const call = async (routeKey: string, request: Partial<HttpCall> = {}) => {
    const result = await moderation(httpEvent(routeKey, { ...request, claims: request.claims ?? MOD }));
    const text = result.body ?? '';
    return { status: result.statusCode, text, body: text.startsWith('{') ? JSON.parse(text) : null };
  };
  const list = async (query: Record<string, string>) => {
    const { status, body } = await call('GET /moderation/messages', { query });
    expect(status).toBe(200);
    return (body as { items: ModeratedMessage[] }).items;
  };
  const roomsOf = (items: ModeratedMessage[]) => [...new Set(items.map((item) => item.message.roomId))].sort();
  const reads = async (roomId: string) => {
    const { body } = await call('GET /moderation/audit', { query: { roomId } });
    return (body.items as AuditEntry[]).filter((entry) => entry.action === 'room.read');
  };
  const post = async (roomId: string, author: Author, text: string, epoch?: string) => {
    const persist = createPersistMessagesHandler(table.env);
    const { results } = await persist({ roomId, ...(epoch ? { epoch } : {}), author, messages: [{ eventId: 'e', clientMsgId: randomUUID(), text }] });
    const message = results[0]!.message!;
    stored.push(message);
    return message;
  };
  const act = (action: 'remove' | 'restore', message: ChatMessage) =>
    call(`POST /moderation/messages/{roomId}/{messageId}/${action}`, { path: { roomId: message.roomId, messageId: message.id }, body: { reason: 'test' } });

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
    moderation = createModeration({
      ...moderationStores(db, TABLE),
      publisher: { publish: async (channel, events) => void published.push({ channel, events }) },
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: Date.now,
      nextId: createMessageIdGenerator(randomBytes),
    });
    await createRoomStore(db, TABLE).create({ id: 'town-square', name: 'Town square', now: new Date().toISOString() });
    privateRoom = await seedMembersOnlyRoom(db, TABLE, [ada, bob], { name: 'Plans' });
    otherPrivate = await seedMembersOnlyRoom(db, TABLE, [bob], { name: 'Notes' });
    dm = await seedMembersOnlyRoom(db, TABLE, [ada, bob], { kind: 'dm' });
    await post('town-square', ada, 'secret in public');
    await post(privateRoom.roomId, ada, 'secret plan one', privateRoom.epoch);
    await post(privateRoom.roomId, bob, 'secret plan two', privateRoom.epoch);
    await post(otherPrivate.roomId, bob, 'a note', otherPrivate.epoch);
    await post(dm.roomId, ada, 'secret between two', dm.epoch);
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  it('lists public and private rooms\' messages in the all-rooms search and never a DM\'s, auditing each private room shown once', async () => {
    const before = (await reads(privateRoom.roomId)).length;

    const items = await list({});

    expect(roomsOf(items)).toEqual([otherPrivate.roomId, privateRoom.roomId, 'town-square'].sort());
    expect(items.map((item) => item.message.text)).not.toContain('secret between two');
    const entries = await reads(privateRoom.roomId);
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ action: 'room.read', roomId: privateRoom.roomId, moderator: { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' } });
    expect(await reads('town-square')).toEqual([]);
    expect(await reads(dm.roomId)).toEqual([]);
  });

  it('finds no DM message by text or by author, and audits only the private rooms the answer shows', async () => {
    const [otherBefore, before] = [(await reads(otherPrivate.roomId)).length, (await reads(privateRoom.roomId)).length];

    const byText = await list({ q: 'secret' });
    const byAuthor = await list({ author: '@ada' });

    expect(byText.map((item) => item.message.text).sort()).toEqual(['secret in public', 'secret plan one', 'secret plan two']);
    expect(byAuthor.map((item) => item.message.text).sort()).toEqual(['secret in public', 'secret plan one']);
    expect(await reads(privateRoom.roomId)).toHaveLength(before + 2);
    expect(await reads(otherPrivate.roomId)).toHaveLength(otherBefore);
  });

  it('audits a read of one private room even when it shows nothing', async () => {
    const before = (await reads(privateRoom.roomId)).length;

    const items = await list({ roomId: privateRoom.roomId, q: 'no such words' });

    expect(items).toEqual([]);
    expect(await reads(privateRoom.roomId)).toHaveLength(before + 1);
  });

  it.each([
    ['the messages', 'GET /moderation/messages', {}],
    ['the removed messages', 'GET /moderation/messages', { status: 'removed' }],
    ['an author\'s messages', 'GET /moderation/messages', { author: '@ada' }],
    ['an export', 'GET /moderation/export', {}],
  ])('answers a request for %s of a DM with 404', async (_case, routeKey, query) => {
    const { status, body } = await call(routeKey, { query: { ...query, roomId: dm.roomId } });

    expect(status).toBe(404);
    expect(body).toEqual({ message: `Room ${dm.roomId} not found` });
  });

  it('writes one audit entry per private room for a whole export, whatever its pages', async () => {
    // More than one of the export's internal pages (100 messages each).
    const nextId = createMessageIdGenerator(randomBytes);
    const notes = Array.from({ length: 120 }, (_, i): ChatMessage => {
      const at = Date.now() - 60_000 + i;
      return { id: nextId(at), roomId: otherPrivate.roomId, text: `note ${i}`, author: bob, createdAt: new Date(at).toISOString(), clientMsgId: randomUUID() };
    });
    for (let i = 0; i < notes.length; i += 25) {
      await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: notes.slice(i, i + 25).map((m) => ({ PutRequest: { Item: toMessageItem(m) } })) } }));
    }
    const before = (await reads(otherPrivate.roomId)).length;

    const { status, text } = await call('GET /moderation/export', { query: { roomId: otherPrivate.roomId, format: 'csv' } });

    expect(status).toBe(200);
    expect(text.split('\n').filter((line) => line.includes(otherPrivate.roomId))).toHaveLength(121);
    expect(await reads(otherPrivate.roomId)).toHaveLength(before + 1);
  });

  it('does not let a moderator remove an unreported DM message, as if it did not exist; a reported one they can, and it goes to the DM\'s channel', async () => {
    const dmMessage = stored.find((m) => m.text === 'secret between two')!;

    const unreported = await act('remove', dmMessage);
    const report = await createReportsHandler(table.env)(
      httpEvent('POST /reports', { body: { roomId: dm.roomId, messageId: dmMessage.id, reason: 'harassment' }, claims: claimsOf(bob) }),
    );
    const reported = await act('remove', dmMessage);

    expect(unreported).toMatchObject({ status: 404, body: { message: `Message ${dmMessage.id} not found in room ${dm.roomId}` } });
    expect(report.statusCode).toBe(201);
    expect(reported.status).toBe(200);
    expect(published.at(-1)).toEqual({ channel: roomChannel(dm.roomId, dm.epoch), events: [{ type: 'message.removed', roomId: dm.roomId, id: dmMessage.id }] });
    expect((await list({ status: 'removed' })).map((item) => item.message.id)).not.toContain(dmMessage.id);
  });

  it('broadcasts a removal and a restore in a private room on its current epoch, also after it rotated', async () => {
    const room = await seedMembersOnlyRoom(db, TABLE, [ada, bob]);
    const message = await post(room.roomId, ada, 'to be moderated', room.epoch);

    await act('remove', message);
    const next = await removeMember(db, TABLE, room.roomId, bob.sub);
    await act('restore', message);

    expect(published.slice(-2).map((p) => p.channel)).toEqual([roomChannel(room.roomId, room.epoch), roomChannel(room.roomId, next)]);
  });

  it('publishes a private room\'s room.updated on its epoch channel', async () => {
    const { status } = await call('POST /moderation/rooms/{roomId}/archive', { path: { roomId: privateRoom.roomId }, body: {} });

    expect(status).toBe(200);
    expect(published.at(-1)?.channel).toBe(roomChannel(privateRoom.roomId, privateRoom.epoch));
  });

  it('renames a private room without claiming its name\'s look-alike keys, so a public room of that name is a new room', async () => {
    const room = await seedMembersOnlyRoom(db, TABLE, [ada, bob], { name: 'Before' });
    const item = async (key: { pk: string; sk: string }) => (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;

    const renamed = await call('POST /moderation/rooms/{roomId}/rename', { path: { roomId: room.roomId }, body: { name: 'Quarterly Secrets', reason: 'clearer' } });

    expect(renamed.status).toBe(200);
    expect(renamed.body.room).toMatchObject({ id: room.roomId, name: 'Quarterly Secrets', kind: 'private' });
    expect(await item(roomKey(room.roomId))).toMatchObject({ name: 'Quarterly Secrets', moderation: { action: 'room.renamed', previousName: 'Before' } });
    for (const key of roomNameKeys('Quarterly Secrets')) expect(await item(roomKeyItemKey(key))).toBeUndefined();
    expect(await createRoomRegistry(db, TABLE).find('quarterly-secrets', 'Quarterly Secrets')).toBeNull();
  });

  it('refuses to rename a DM, which is named after the other person for each of the two', async () => {
    const renamed = await call('POST /moderation/rooms/{roomId}/rename', { path: { roomId: dm.roomId }, body: { name: 'Ours' } });

    expect(renamed).toMatchObject({ status: 400, body: { message: 'A direct message has no name to change' } });
  });
});
