import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { readEnv } from '../lib/env.ts';
import { ConfigurationError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { toMuteItem } from '../lib/mute-item.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { createRateLimiter, parseRateLimit } from '../lib/rate-limiter.ts';
import { createRoomRegistry } from '../lib/room-registry.ts';
import { roomKey } from '../lib/room-store.ts';
import { type CreateRoom, createCreateRoom, createCreateRoomHandler, privateRoomDeps } from './create-room.ts';
import { CreateRoomEnvSchema, DEFAULT_ROOM_LIMIT } from './env.ts';

const TABLE = 'parley';
/** 12:46:00.500 UTC: 839.5 s before the hour's window ends, so Retry-After is 840. */
const NOW = Date.parse('2026-11-30T12:46:00.500Z');
const LIMITED = 'You can create at most 10 new rooms per hour; try again in 14 min';

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('create-room on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let env: LambdaTable['env'];
  let members = 0;
  const newMember = () => `sub-member-${(members += 1)}`;
  let names = 0;
  const newName = () => `Room ${(names += 1)}`;

  /** The function with a clock the test moves and `ROOM_LIMIT` as given (the default otherwise). */
  function createRoomAt(clock: { now: number }, roomLimit = DEFAULT_ROOM_LIMIT, client = db): CreateRoom {
    return createCreateRoom({
      rooms: createRoomRegistry(client, TABLE),
      ...privateRoomDeps(client, TABLE),
      roomLimiter: createRateLimiter(client, TABLE, parseRateLimit(roomLimit), 'ROOMS'),
      mutes: createMuteReader(client, TABLE),
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: () => clock.now,
    });
  }

  async function post(handler: CreateRoom, sub: string | undefined, name: string) {
    const result = await handler(httpEvent('POST /rooms', { body: { name }, claims: sub === undefined ? {} : { sub, 'cognito:groups': '[members]' } }));
    return { status: result.statusCode, headers: result.headers ?? {}, body: JSON.parse(result.body ?? 'null') as { id?: string; message?: string } };
  }

  async function stored(roomId: string) {
    return (await db.send(new GetCommand({ TableName: TABLE, Key: roomKey(roomId), ConsistentRead: true }))).Item;
  }

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    ({ db, env } = table);
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });

  it('refuses the 11th new room of a member within the hour with 429, Retry-After and a message the app shows, and creates nothing', async () => {
    const member = newMember();
    const createRoom = createRoomAt({ now: NOW });
    const first = [];
    for (let i = 0; i < 10; i += 1) first.push((await post(createRoom, member, newName())).status);

    const name = newName();
    const refused = await post(createRoom, member, name);

    expect(first).toEqual(Array(10).fill(201));
    expect(refused).toEqual({
      status: 429,
      headers: expect.objectContaining({ 'retry-after': '840', 'content-type': 'application/json; charset=utf-8' }),
      body: { message: LIMITED },
    });
    expect(await stored(name.toLowerCase().replace(' ', '-'))).toBeUndefined();
  });

  it('does not count re-creating an existing room, however often, and returns it even over the limit', async () => {
    const member = newMember();
    const createRoom = createRoomAt({ now: NOW });
    await post(createRoom, member, 'Lobby Of Many');

    const again = [];
    for (let i = 0; i < 20; i += 1) again.push((await post(createRoom, member, '  lobby of   MANY ')).status);
    const more = [];
    for (let i = 0; i < 9; i += 1) more.push((await post(createRoom, member, newName())).status);
    const eleventh = await post(createRoom, member, newName());
    const overTheLimit = await post(createRoom, member, 'Lobby of many');

    expect(again).toEqual(Array(20).fill(200));
    expect(more).toEqual(Array(9).fill(201));
    expect(eleventh.status).toBe(429);
    expect(overTheLimit).toMatchObject({ status: 200, body: { id: 'lobby-of-many', name: 'Lobby Of Many' } });
  });

  it('counts each member on their own', async () => {
    const [ada, bob] = [newMember(), newMember()];
    const createRoom = createRoomAt({ now: NOW });
    for (let i = 0; i < 10; i += 1) await post(createRoom, ada, newName());

    const adaAgain = await post(createRoom, ada, newName());
    const bobFirst = await post(createRoom, bob, newName());

    expect([adaAgain.status, bobFirst.status]).toEqual([429, 201]);
  });

  it('lets the member create rooms again once the window ends, and still counts the refused attempts until then', async () => {
    const member = newMember();
    const clock = { now: NOW };
    const createRoom = createRoomAt(clock);
    for (let i = 0; i < 10; i += 1) await post(createRoom, member, newName());
    const refused = [await post(createRoom, member, newName())];
    clock.now = Date.parse('2026-11-30T12:59:59.999Z');
    refused.push(await post(createRoom, member, newName()));

    clock.now = Date.parse('2026-11-30T13:00:00.000Z');
    const next = await post(createRoom, member, newName());

    expect(refused.map((r) => [r.status, r.headers['retry-after']])).toEqual([
      [429, '840'],
      [429, '1'],
    ]);
    expect(next.status).toBe(201);
  });

  it('admits exactly 10 of 30 new rooms a member asks for at once', async () => {
    const member = newMember();
    const createRoom = createRoomAt({ now: NOW });

    const results = await Promise.all(Array.from({ length: 30 }, () => post(createRoom, member, newName())));

    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(20);
  });

  it('reads an existing room with one consistent GetItem per item (the room, its one key) and writes nothing; a new room adds the mute, the count and one transaction', async () => {
    const member = newMember();
    const sent: string[] = [];
    const recorded = createDocumentClient(env);
    recorded.middlewareStack.add(
      (next, context) => async (args) => {
        const consistent = (args.input as { ConsistentRead?: boolean }).ConsistentRead ? ' consistent' : '';
        sent.push(`${context.commandName}${consistent}`);
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    const createRoom = createRoomAt({ now: NOW }, DEFAULT_ROOM_LIMIT, recorded);
    await post(createRoom, member, 'Counted Once');

    const created = [...sent.splice(0)];
    await post(createRoom, member, 'Counted Once');
    recorded.destroy();

    expect(created.sort()).toEqual(['GetItemCommand', 'GetItemCommand consistent', 'GetItemCommand consistent', 'TransactWriteItemsCommand', 'UpdateItemCommand']);
    expect(sent).toEqual(['GetItemCommand consistent', 'GetItemCommand consistent']);
  });

  it('refuses a caller without a sub, whom no limit could count', async () => {
    const response = await post(createRoomAt({ now: NOW }), undefined, newName());

    expect(response).toMatchObject({ status: 403, body: { message: 'A room needs a signed-in creator' } });
  });

  it('reads ROOM_LIMIT from its environment: a limit of 2, and off', async () => {
    const [limited, unlimited] = [newMember(), newMember()];
    // A window of ~11.6 days: the real clock will not cross its end during the test.
    const two = createCreateRoomHandler({ ...env, ROOM_LIMIT: '2/999999' });
    const off = createCreateRoomHandler({ ...env, ROOM_LIMIT: 'off' });

    const withTwo = [];
    for (let i = 0; i < 3; i += 1) withTwo.push((await post(two, limited, newName())).status);
    const withOff = [];
    for (let i = 0; i < 15; i += 1) withOff.push((await post(off, unlimited, newName())).status);

    expect(withTwo).toEqual([201, 201, 429]);
    expect(withOff).toEqual(Array(15).fill(201));
  });

  it('refuses a malformed ROOM_LIMIT at cold start and leaves an unset one to the default of 10 per hour', () => {
    expect(() => createCreateRoomHandler({ ...env, ROOM_LIMIT: '10 per hour' })).toThrow(ConfigurationError);
    expect(readEnv(CreateRoomEnvSchema, { TABLE_NAME: TABLE }).ROOM_LIMIT).toBeUndefined();
    expect(DEFAULT_ROOM_LIMIT).toBe('10/3600');
  });

  it('refuses a muted member’s new room with 403 and the mute’s end, and still returns an existing room to them', async () => {
    const member = newMember();
    const until = new Date(NOW + 600_000).toISOString();
    const createRoom = createRoomAt({ now: NOW });
    await post(createRoom, member, 'Before The Mute');
    const by = { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' };
    const mute = { user: { sub: member, handle: 'member', displayName: 'Member', moderator: false }, until, at: new Date(NOW).toISOString(), by, reason: 'flooding' };
    await db.send(new PutCommand({ TableName: TABLE, Item: toMuteItem(mute, 'audit-1') }));

    const name = newName();
    const refused = await post(createRoom, member, name);
    const existing = await post(createRoom, member, 'Before The Mute');

    expect(refused).toEqual({
      status: 403,
      headers: expect.not.objectContaining({ 'retry-after': expect.anything() }),
      body: { message: `You are muted until ${until} and cannot create rooms until then` },
    });
    expect(existing.status).toBe(200);
    expect(await stored(name.toLowerCase().replace(' ', '-'))).toBeUndefined();
  });
});
