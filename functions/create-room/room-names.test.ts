import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createLogger } from '../lib/logger.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { createRateLimiter, parseRateLimit } from '../lib/rate-limiter.ts';
import { roomKeyItemKey } from '../lib/room-keys.ts';
import { createRoomRegistry } from '../lib/room-registry.ts';
import { roomKey, ROOMS_PK } from '../lib/room-store.ts';
import { type CreateRoom, createCreateRoom, privateRoomDeps } from './create-room.ts';

const TABLE = 'parley';
const NOW = Date.parse('2026-12-07T10:00:00.000Z');

/**
 * Look-alikes of "Lobby": a Cyrillic о and a digit zero (slugs of their own), a Roman numeral Ⅼ
 * (stored as "Lobby" itself when it comes first) and capitals.
 */
const LOOK_ALIKES = ['Lоbby', 'L0bby', 'Ⅼobby', 'LOBBY'];

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('room names on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let members = 0;
  const newMember = () => `sub-namer-${(members += 1)}`;

  function createRoomWith(roomLimit = 'off'): CreateRoom {
    return createCreateRoom({
      rooms: createRoomRegistry(db, TABLE),
      ...privateRoomDeps(db, TABLE),
      roomLimiter: createRateLimiter(db, TABLE, parseRateLimit(roomLimit), 'ROOMS'),
      mutes: createMuteReader(db, TABLE),
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: () => NOW,
    });
  }

  async function post(handler: CreateRoom, name: unknown, sub = newMember()) {
    const result = await handler(httpEvent('POST /rooms', { body: { name }, claims: { sub, 'cognito:groups': '[members]' } }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as { id?: string; name?: string; message?: string } };
  }

  const item = async (key: { pk: string; sk: string }) => (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;

  async function roomIds(): Promise<string[]> {
    const { Items = [] } = await db.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ROOMS_PK }, ConsistentRead: true }));
    return Items.map((room) => room.id as string);
  }

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });

  it('stores a name without its bidi override, its id from what is left', async () => {
    const created = await post(createRoomWith(), 'a\u202Egnp.exe');

    expect(created).toEqual({ status: 201, body: { id: 'agnp-exe', name: 'agnp.exe', kind: 'public', lastMessageAt: null } });
    expect(await item(roomKey('agnp-exe'))).toMatchObject({ name: 'agnp.exe', nameKeys: ['agnp.exe'] });
  });

  it('returns the existing “Announcements” for “Ann\\u200Bouncements”, and stores the name cleaned when it is new', async () => {
    const createRoom = createRoomWith();
    const first = await post(createRoom, 'Ann\u200Bouncements');

    const again = await post(createRoom, 'Ann\u200Bouncements');
    const plain = await post(createRoom, 'Announcements');

    expect(first).toMatchObject({ status: 201, body: { id: 'announcements', name: 'Announcements' } });
    expect([again, plain]).toEqual([
      { status: 200, body: first.body },
      { status: 200, body: first.body },
    ]);
  });

  it('returns “Lobby” unchanged for every look-alike, whatever its slug, and creates no second room', async () => {
    const createRoom = createRoomWith();
    await post(createRoom, 'Lobby');
    const before = await roomIds();

    const answers = [];
    for (const name of LOOK_ALIKES) answers.push(await post(createRoom, name));

    expect(answers).toEqual(LOOK_ALIKES.map(() => ({ status: 200, body: { id: 'lobby', name: 'Lobby', kind: 'public', lastMessageAt: null } })));
    expect(await roomIds()).toEqual(before);
    expect(await item(roomKey('lobby'))).toMatchObject({ name: 'Lobby' });
    expect(await item(roomKeyItemKey('lobby'))).toMatchObject({ type: 'room-key', roomId: 'lobby' });
  });

  it('stores a first “Ⅼibrary” (a Roman numeral Ⅼ) as “Library”, so the id it takes carries the name it reads as', async () => {
    const createRoom = createRoomWith();

    const first = await post(createRoom, '\u216Cibrary');
    const later = [await post(createRoom, 'Library'), await post(createRoom, 'L\u0456brary')];

    expect(first).toEqual({ status: 201, body: { id: 'library', name: 'Library', kind: 'public', lastMessageAt: null } });
    expect(later).toEqual(later.map(() => ({ status: 200, body: { id: 'library', name: 'Library', kind: 'public', lastMessageAt: null } })));
    expect(await item(roomKey('library'))).toMatchObject({ name: 'Library' });
  });

  it('holds both keys of a name whose two foldings differ, so each one finds the room', async () => {
    const createRoom = createRoomWith();
    await post(createRoom, 'AIex');

    const byEither = [await post(createRoom, 'Aіex'), await post(createRoom, 'Alex')];

    expect(await item(roomKey('aiex'))).toMatchObject({ nameKeys: ['aiex', 'alex'] });
    expect(byEither.map((answer) => [answer.status, answer.body.id])).toEqual([
      [200, 'aiex'],
      [200, 'aiex'],
    ]);
  });

  it('ends with one room when two look-alikes with different ids are created at once, again and again', async () => {
    const createRoom = createRoomWith();
    const rounds = [];
    for (let round = 0; round < 5; round += 1) {
      const [latin, cyrillic] = [`Race ${round} Lobby`, `Race ${round} Lоbby`];
      const answers = await Promise.all([post(createRoom, latin), post(createRoom, cyrillic)]);
      const ids = await roomIds();
      rounds.push({
        statuses: answers.map((answer) => answer.status).sort(),
        sameRoom: answers[0]!.body.id === answers[1]!.body.id,
        rooms: [`race-${round}-lobby`, `race-${round}-l-bby`].filter((id) => ids.includes(id)).length,
      });
    }

    expect(rounds).toEqual(Array(5).fill({ statuses: [200, 201], sameRoom: true, rooms: 1 }));
  });

  it('does not count a look-alike that returned an existing room against the new-room limit', async () => {
    const member = newMember();
    const createRoom = createRoomWith('2/999999');
    await post(createRoom, 'Solo', member);

    const lookAlikes = [await post(createRoom, 'Ѕolo', member), await post(createRoom, 'SOLO', member), await post(createRoom, 'S0lo', member)];
    const second = await post(createRoom, 'Duo', member);
    const third = await post(createRoom, 'Trio', member);

    expect(lookAlikes.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect([second.status, third.status]).toEqual([201, 429]);
  });

  it.each([
    ['only invisible characters', '\u200B\u202E\u3164', 'name is empty after removing spaces, controls and invisible characters'],
    ['51 code points', 'x'.repeat(51), 'name must be at most 50 characters (it has 51)'],
    ['no letter or digit', '!!!', 'name must contain a letter or digit (a–z, 0–9, accented or not)'],
    ['a number', 7, 'name must be a string'],
  ])('refuses a name of %s with 400 and the rule, and creates nothing', async (_what, name, message) => {
    const before = await roomIds();

    const refused = await post(createRoomWith(), name);

    expect(refused).toEqual({ status: 400, body: { message } });
    expect(await roomIds()).toEqual(before);
  });

  describe('a room created before key items existed', () => {
    const legacy = (id: string, name: string) => ({ ...roomKey(id), type: 'room', id, name, createdAt: new Date(NOW).toISOString() });

    it('is found by its id, gets its keys then, and from then on stops look-alikes with other ids too', async () => {
      await db.send(new PutCommand({ TableName: TABLE, Item: legacy('legacy-hall', 'Legacy Hall') }));
      const createRoom = createRoomWith();

      const sameSlug = await post(createRoom, 'legacy   HALL');
      const lookAlike = await post(createRoom, 'Lеgacy Hall');

      expect(sameSlug).toEqual({ status: 200, body: { id: 'legacy-hall', name: 'Legacy Hall', kind: 'public', lastMessageAt: null } });
      expect(lookAlike).toEqual(sameSlug);
      expect(await item(roomKey('legacy-hall'))).toMatchObject({ nameKeys: ['legacy hall'] });
      expect(await roomIds()).not.toContain('l-gacy-hall');
    });

    it('does not stop a look-alike with another id before anyone asked for it by its own', async () => {
      await db.send(new PutCommand({ TableName: TABLE, Item: legacy('old-annex', 'Old Annex') }));

      const lookAlike = await post(createRoomWith(), 'Оld Annex');

      expect(lookAlike).toMatchObject({ status: 201, body: { id: 'ld-annex', name: 'Оld Annex' } });
    });
  });
});
