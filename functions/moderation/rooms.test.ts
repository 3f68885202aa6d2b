import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEventError } from '../../core/event-errors.ts';
import type { Author, PersistRequest } from '../../core/messages.ts';
import type { AuditEntry, ModerationPage, RoomActionResult } from '../../core/moderation.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent, type HttpCall } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createCreateRoom, type CreateRoom, privateRoomDeps } from '../create-room/create-room.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { createMembershipReader } from '../lib/membership-reader.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { createRateLimiter } from '../lib/rate-limiter.ts';
import { roomKeyItemKey } from '../lib/room-keys.ts';
import { createRoomRegistry } from '../lib/room-registry.ts';
import { createRoomStore, roomKey } from '../lib/room-store.ts';
import { createMessageWriter } from '../persist-messages/message-writer.ts';
import { createPersistMessages } from '../persist-messages/persist-messages.ts';
import { createChangeDeps } from '../persist-messages/change-applier.ts';
import { createModeration, type Moderation, moderationStores } from './moderation.ts';

const TABLE = 'parley';
const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const modClaims = { sub: 'sub-mod', 'parley:handle': 'morgan', 'parley:display_name': 'Morgan', 'cognito:groups': '[moderators]' };
const memberClaims = { sub: 'sub-ada', 'parley:handle': 'ada', 'parley:display_name': 'Ada', 'cognito:groups': '[]' };
const morgan = { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' };

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('room moderation on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let moderation: Moderation;
  let createRoom: CreateRoom;
  let rooms = 0;
  let messages = 0;
  const published: { channel: string; events: unknown[] }[] = [];

  const call = async (routeKey: string, request: Partial<HttpCall> = {}) => {
    const result = await moderation(httpEvent(routeKey, { ...request, claims: request.claims ?? modClaims }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as RoomActionResult & { message?: string } };
  };
  const rename = (roomId: string, body: unknown, claims?: Record<string, string>) => call('POST /moderation/rooms/{roomId}/rename', { path: { roomId }, body, claims });
  const archive = (roomId: string, body?: unknown) => call('POST /moderation/rooms/{roomId}/archive', { path: { roomId }, body });
  const unarchive = (roomId: string, body?: unknown) => call('POST /moderation/rooms/{roomId}/unarchive', { path: { roomId }, body });
  const audit = async (roomId: string) => ((await call('GET /moderation/audit', { query: { roomId } })).body as unknown as ModerationPage<AuditEntry>).items;
  const post = async (name: string) => {
    const result = await createRoom(httpEvent('POST /rooms', { body: { name }, claims: { sub: 'sub-ada', 'cognito:groups': '[]' } }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as { id: string; name: string } };
  };
  const item = async (key: { pk: string; sk: string }) => (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
  const persistWith = (client: DynamoDBDocumentClient) =>
    createPersistMessages({
      writer: createMessageWriter(client, TABLE),
      rooms: createRoomStore(client, TABLE),
      rateLimiter: createRateLimiter(client, TABLE, 'off'),
      mutes: createMuteReader(client, TABLE),
      members: createMembershipReader(client, TABLE),
      publisher: { publish: async () => undefined },
      mentionStore: { store: async () => 0 },
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: Date.now,
      nextId: createMessageIdGenerator(randomBytes),
      ...createChangeDeps(db, TABLE),
    });
  const batch = (roomId: string, count: number): PersistRequest => ({
    roomId,
    author: ada,
    messages: Array.from({ length: count }, (_, i) => ({ eventId: `e-${i}`, clientMsgId: `c-${(messages += 1)}`, text: `hello ${i}` })),
  });
  /** A new room of its own for each test, created as members create them. */
  const newRoom = async (name = `Room ${(rooms += 1)}`) => (await post(name)).body;

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
    createRoom = createCreateRoom({
      rooms: createRoomRegistry(db, TABLE),
      ...privateRoomDeps(db, TABLE),
      roomLimiter: createRateLimiter(db, TABLE, 'off', 'ROOMS'),
      mutes: createMuteReader(db, TABLE),
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: Date.now,
    });
  }, 120_000);

  beforeEach(() => {
    published.length = 0;
  });

  afterAll(async () => {
    await table?.close();
  });

  it.each([
    ['POST /moderation/rooms/{roomId}/rename', { name: 'Taken Over' }],
    ['POST /moderation/rooms/{roomId}/archive', {}],
    ['POST /moderation/rooms/{roomId}/unarchive', {}],
  ])('answers 403 to a member on %s and changes nothing', async (routeKey, body) => {
    const room = await newRoom();

    const refused = await call(routeKey, { path: { roomId: room.id }, body, claims: memberClaims });

    expect(refused).toEqual({ status: 403, body: { message: 'Only moderators may use the moderation API' } });
    expect(await item(roomKey(room.id))).toMatchObject({ name: room.name });
    expect((await item(roomKey(room.id)))?.archivedAt).toBeUndefined();
    expect(published).toEqual([]);
  });

  it('renames a room in place: same id, the new name cleaned, its keys swapped, one audit entry, and the room published', async () => {
    const room = await newRoom('Helpdesk');

    const renamed = await rename(room.id, { name: 'Help\u200B Desk\u202E', reason: 'clearer' });

    const expected = { id: 'helpdesk', name: 'Help Desk', kind: 'public', lastMessageAt: null };
    expect(renamed).toEqual({ status: 200, body: { room: expected, changed: true } });
    expect(await item(roomKey('helpdesk'))).toMatchObject({ name: 'Help Desk', nameKeys: ['help desk'] });
    expect(await item(roomKeyItemKey('helpdesk'))).toBeUndefined();
    expect(await item(roomKeyItemKey('help desk'))).toMatchObject({ roomId: 'helpdesk' });
    expect(await audit('helpdesk')).toEqual([
      { id: expect.any(String), at: expect.any(String), action: 'room.renamed', roomId: 'helpdesk', name: 'Help Desk', previousName: 'Helpdesk', moderator: morgan, reason: 'clearer' },
    ]);
    expect(published).toEqual([{ channel: '/chat/rooms/helpdesk', events: [{ type: 'room.updated', room: expected }] }]);
  });

  it('frees the old name’s look-alike keys for a new room, keeps its id (so its link and its exact name still lead here), and gives the new name’s look-alikes the renamed room', async () => {
    const room = await newRoom('Old Sign');
    await rename(room.id, { name: 'New Sign' });

    const oldName = await post('Old Sign');
    const oldLookAlike = await post('Оld Sign');
    const newLookAlike = await post('Nеw Sign');

    const renamed = { id: 'old-sign', name: 'New Sign', kind: 'public', lastMessageAt: null };
    expect(oldName).toEqual({ status: 200, body: renamed });
    expect(oldLookAlike).toEqual({ status: 201, body: { id: 'ld-sign', name: 'Оld Sign', kind: 'public', lastMessageAt: null } });
    expect(newLookAlike).toEqual({ status: 200, body: renamed });
  });

  it('refuses with 409 a name that looks like another room’s, by key or by id, and changes nothing', async () => {
    const lobby = await newRoom('Grand Lobby');
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...roomKey('keyless-hall'), type: 'room', id: 'keyless-hall', name: 'Keyless Hall', createdAt: new Date().toISOString() } }));
    const room = await newRoom('Side Room');

    // A Cyrillic о: a look-alike that no normalization folds.
    const byKey = await rename(room.id, { name: 'Grand L\u043Ebby' });
    const byId = await rename(room.id, { name: 'keyless hall!' });

    expect(byKey).toEqual({ status: 409, body: { message: `“Grand L\u043Ebby” looks like the room “Grand Lobby” (${lobby.id}); choose another name` } });
    expect(byId).toEqual({ status: 409, body: { message: '“keyless hall!” looks like the room “Keyless Hall” (keyless-hall); choose another name' } });
    expect(await item(roomKey(room.id))).toMatchObject({ name: 'Side Room' });
    expect(await audit(room.id)).toEqual([]);
    expect(published).toEqual([]);
  });

  it('lets a room take a look-alike of its own name', async () => {
    // A Cyrillic о, so the room's id is its own (`l-unge`).
    const room = await newRoom('L\u043Eunge');

    const renamed = await rename(room.id, { name: 'Lounge' });

    expect(renamed.body).toEqual({ room: { id: 'l-unge', name: 'Lounge', kind: 'public', lastMessageAt: null }, changed: true });
    expect(await item(roomKeyItemKey('lounge'))).toMatchObject({ roomId: 'l-unge' });
  });

  it.each([
    ['only invisible characters', { name: '\u200B\u202E' }, 'name is empty after removing spaces, controls and invisible characters'],
    ['no name', { reason: 'x' }, 'name must be a string'],
    ['a reason too long', { name: 'Fine', reason: 'x'.repeat(501) }, 'reason must be at most 500 characters'],
  ])('refuses a rename with %s with 400', async (_what, body, message) => {
    const room = await newRoom();

    expect(await rename(room.id, body)).toEqual({ status: 400, body: { message } });
  });

  it('answers 404 for a room that does not exist', async () => {
    expect((await rename('no-such-room', { name: 'Anything' })).status).toBe(404);
    expect((await archive('no-such-room')).status).toBe(404);
    expect((await unarchive('no-such-room')).status).toBe(404);
  });

  it('renames to the same name without a change or a second audit entry, and publishes again', async () => {
    const room = await newRoom('Twice');
    await rename(room.id, { name: 'Twice Over' });

    const again = await rename(room.id, { name: 'Twice Over' });

    expect(again.body.changed).toBe(false);
    expect((await audit(room.id)).map((entry) => entry.action)).toEqual(['room.renamed']);
    expect(published.map((p) => p.events)).toEqual([
      [{ type: 'room.updated', room: { id: room.id, name: 'Twice Over', kind: 'public', lastMessageAt: null } }],
      [{ type: 'room.updated', room: { id: room.id, name: 'Twice Over', kind: 'public', lastMessageAt: null } }],
    ]);
  });

  it('archives a room: read-only with ROOM_ARCHIVED, out of the room list, history kept; unarchiving undoes it; each audited once', async () => {
    const room = await newRoom();
    const persist = persistWith(db);
    await persist(batch(room.id, 1));

    const archived = await archive(room.id, { reason: 'event over' });
    const again = await archive(room.id);
    const refused = await persist(batch(room.id, 2));
    const listed = (await createRoomStore(db, TABLE).page(undefined, 1000)).items.map((r) => r.id);
    const unarchived = await unarchive(room.id);
    const accepted = await persist(batch(room.id, 1));

    expect(archived.body).toEqual({ room: { ...room, lastMessageAt: expect.any(String), archived: true }, changed: true });
    expect(again.body.changed).toBe(false);
    expect(refused.results.map((r) => parseEventError(r.error))).toEqual([
      { code: 'ROOM_ARCHIVED', detail: `Room ${room.id} is archived; it is read-only` },
      { code: 'ROOM_ARCHIVED', detail: `Room ${room.id} is archived; it is read-only` },
    ]);
    expect(listed).not.toContain(room.id);
    expect(unarchived.body).toEqual({ room: { ...room, lastMessageAt: expect.any(String) }, changed: true });
    expect(accepted.results[0]?.message).toBeDefined();
    expect((await audit(room.id)).map((entry) => [entry.action, entry.reason])).toEqual([
      ['room.unarchived', undefined],
      ['room.archived', 'event over'],
    ]);
    expect(published.map((p) => (p.events[0] as { room: { archived?: boolean } }).room.archived)).toEqual([true, true, undefined]);
  });

  it('refuses publishes to an archived room inside the persist path’s one room update: no read of the room per batch unless it is refused', async () => {
    const room = await newRoom();
    const sent: string[] = [];
    const recorded = createDocumentClient(table.env);
    recorded.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(`${context.commandName}${(args.input as { ConsistentRead?: boolean }).ConsistentRead ? ' consistent' : ''}`);
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    const persist = persistWith(recorded);

    await persist(batch(room.id, 3));
    const open = sent.splice(0).sort();
    await archive(room.id);
    await persist(batch(room.id, 3));
    recorded.destroy();

    // The mute, the room's update, one put per message (the rate limit is off here).
    expect(open).toEqual(['GetItemCommand', 'PutItemCommand', 'PutItemCommand', 'PutItemCommand', 'UpdateItemCommand']);
    expect(sent.sort()).toEqual(['GetItemCommand', 'GetItemCommand consistent', 'UpdateItemCommand']);
  });
});
