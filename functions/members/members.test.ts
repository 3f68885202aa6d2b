import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from '../../core/profile.ts';
import { isValidEpoch } from '../../core/channels.ts';
import type { Room } from '../../core/rooms.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createCreateRoom, privateRoomDeps } from '../create-room/create-room.ts';
import { createHistory, createHistoryStores } from '../history/history.ts';
import { auditRoomPk } from '../lib/audit-keys.ts';
import { createHandleLookup } from '../lib/handle-lookup.ts';
import type { HttpHandler } from '../lib/http-handler.ts';
import { createLogger } from '../lib/logger.ts';
import { memberKey } from '../lib/member-item.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { handleItem, toProfileItem } from '../lib/profile-items.ts';
import { createRateLimiter, parseRateLimit } from '../lib/rate-limiter.ts';
import { toMuteItem } from '../lib/mute-item.ts';
import { roomKey } from '../lib/room-item.ts';
import { newEpoch } from '../lib/room-codes.ts';
import { createRoomMembers } from '../lib/room-members.ts';
import { createRoomRegistry } from '../lib/room-registry.ts';
import { createRoomStore } from '../lib/room-store.ts';
import { createPersistMessagesHandler } from '../persist-messages/persist-messages.ts';
import { createMembers } from './members.ts';
import { createPeople } from './people.ts';

const TABLE = 'parley';
const silent = () => createLogger({ serviceName: 'test', logLevel: 'SILENT' });
const metrics = { count: () => undefined, countByCode: () => undefined, flush: () => undefined };

interface Person {
  sub: string;
  handle: string;
  displayName: string;
  moderator?: boolean;
}

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('private rooms, members and DMs on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let members: HttpHandler;
  let membersLimited: HttpHandler;
  let createRoom: HttpHandler;
  let history: HttpHandler;
  const published: { channel: string; events: unknown[] }[] = [];
  let people = 0;

  /** A new account with a profile and a handle, as the profile writer stores them. */
  async function person(name: string, moderator = false): Promise<Person> {
    people += 1;
    const sub = `sub-${name.toLowerCase()}-${people}-${randomBytes(3).toString('hex')}`;
    const handle = `${name.toLowerCase()}_${people}`;
    const at = '2026-12-01T00:00:00.000Z';
    await db.send(new PutCommand({ TableName: TABLE, Item: toProfileItem({ sub, handle, displayName: name, createdAt: at, updatedAt: at, changes: [] }) }));
    await db.send(new PutCommand({ TableName: TABLE, Item: handleItem(handle, sub) }));
    return { sub, handle, displayName: name, moderator };
  }

  function claims(who: Person): Record<string, string> {
    return { sub: who.sub, [HANDLE_CLAIM]: who.handle, [DISPLAY_NAME_CLAIM]: who.displayName, 'cognito:groups': who.moderator ? '[moderators]' : '[members]' };
  }

  async function call(handler: HttpHandler, who: Person, routeKey: string, options: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown } = {}) {
    const result = await handler(httpEvent(routeKey, { ...options, claims: claims(who) }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as Record<string, unknown> };
  }

  const ref = (who: Person) => ({ sub: who.sub, handle: who.handle, displayName: who.displayName });

  async function privateRoom(owner: Person, name = 'Ops'): Promise<Room> {
    const created = await call(createRoom, owner, 'POST /rooms', { body: { name, kind: 'private' } });
    expect(created.status).toBe(201);
    return created.body as unknown as Room;
  }

  async function roomItem(roomId: string) {
    return (await db.send(new GetCommand({ TableName: TABLE, Key: roomKey(roomId), ConsistentRead: true }))).Item;
  }

  async function listAll(who: Person): Promise<Room[]> {
    const rooms: Room[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(history, who, 'GET /rooms', cursor === undefined ? {} : { query: { cursor } });
      expect(page.status).toBe(200);
      rooms.push(...(page.body.items as Room[]));
      cursor = page.body.nextCursor as string | undefined;
    } while (cursor !== undefined);
    return rooms;
  }

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
    const membersWith = (roomLimit: string) =>
      createMembers({
        rooms: createRoomMembers(db, TABLE),
        handles: createHandleLookup(db, TABLE),
        people: createPeople(db, TABLE),
        mutes: createMuteReader(db, TABLE),
        roomLimiter: createRateLimiter(db, TABLE, parseRateLimit(roomLimit), 'ROOMS'),
        publisher: { publish: async (channel, events) => void published.push({ channel, events }) },
        logger: silent(),
        metrics,
        clock: Date.now,
        nextId: createMessageIdGenerator((length) => randomBytes(length)),
        newEpoch: () => newEpoch(),
      });
    members = membersWith('off');
    membersLimited = membersWith('1/3600');
    createRoom = createCreateRoom({
      rooms: createRoomRegistry(db, TABLE),
      ...privateRoomDeps(db, TABLE),
      roomLimiter: createRateLimiter(db, TABLE, 'off', 'ROOMS'),
      mutes: createMuteReader(db, TABLE),
      logger: silent(),
      metrics,
      clock: Date.now,
    });
    history = createHistory({
      ...createHistoryStores(db, TABLE),
      logger: silent(),
      metrics,
    });
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });

  beforeEach(() => {
    published.length = 0;
  });

  it('creates a private room with a fresh id, an epoch and its creator as owner, in one go, each time anew', async () => {
    const alice = await person('Alice');

    const first = await privateRoom(alice, 'Ops');
    const second = await privateRoom(alice, 'Ops');

    expect(first).toEqual({ id: expect.stringMatching(/^p-[0-9a-hjkmnp-tv-z]{26}$/), name: 'Ops', kind: 'private', lastMessageAt: null, epoch: expect.any(String) });
    expect(isValidEpoch(first.epoch)).toBe(true);
    expect(second.id).not.toBe(first.id);
    expect(await roomItem(first.id)).toMatchObject({ id: first.id, epoch: first.epoch, createdBy: alice.sub });
    expect((await db.send(new GetCommand({ TableName: TABLE, Key: memberKey(first.id, alice.sub) }))).Item).toMatchObject({
      role: 'owner',
      handle: alice.handle,
      gsi2pk: `MEMBEROF#${alice.sub}`,
      gsi2sk: first.id,
    });
  });

  it('refuses a kind other than public or private', async () => {
    const alice = await person('Alice');

    const refused = await call(createRoom, alice, 'POST /rooms', { body: { name: 'Ops', kind: 'dm' } });

    expect(refused).toEqual({ status: 400, body: { message: "kind must be 'public' or 'private' (a direct message is POST /dms)", field: 'kind' } });
  });

  it('lets any member invite by handle, audits and announces it on the current channel, and answers 200 unchanged the second time', async () => {
    const [alice, bob, carol] = [await person('Alice'), await person('Bob'), await person('Carol')];
    const room = await privateRoom(alice);

    const byOwner = await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: bob.handle } });
    const byMember = await call(members, bob, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: `@${carol.handle.toUpperCase()}` } });
    const again = await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: carol.handle } });
    const list = await call(members, carol, 'GET /rooms/{roomId}/members', { path: { roomId: room.id } });

    expect(byOwner).toEqual({ status: 200, body: { member: { ...ref(bob), role: 'member' }, added: true } });
    expect(byMember.status).toBe(200);
    expect(again).toEqual({ status: 200, body: { member: { ...ref(carol), role: 'member' }, added: false } });
    expect(list.body.items).toEqual([
      { ...ref(alice), role: 'owner' },
      { ...ref(bob), role: 'member' },
      { ...ref(carol), role: 'member' },
    ]);
    expect(published).toEqual([
      { channel: `/chat/rooms/${room.id}/${room.epoch}`, events: [{ type: 'member.added', roomId: room.id, member: ref(bob), by: ref(alice) }] },
      { channel: `/chat/rooms/${room.id}/${room.epoch}`, events: [{ type: 'member.added', roomId: room.id, member: ref(carol), by: ref(bob) }] },
    ]);
    const { Items = [] } = await db.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': auditRoomPk(room.id) } }));
    expect(Items.map((item) => [item.action, item.member.handle, item.moderator.handle])).toEqual([
      ['member.added', bob.handle, alice.handle],
      ['member.added', carol.handle, bob.handle],
    ]);
  });

  it('says which handle is unknown, and refuses invitations to public rooms and by bad handles', async () => {
    const alice = await person('Alice');
    const room = await privateRoom(alice);

    const unknown = await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: 'nobody_here' } });
    const bad = await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: 'no spaces' } });
    const publicRoom = await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: 'lobby' }, body: { handle: alice.handle } });
    const publicList = await call(members, alice, 'GET /rooms/{roomId}/members', { path: { roomId: 'lobby' } });

    expect(unknown).toEqual({ status: 404, body: { message: 'Nobody has the handle @nobody_here', field: 'handle' } });
    expect(bad).toEqual({ status: 400, body: { message: 'handle may contain only letters a–z, digits and _', field: 'handle' } });
    expect(publicRoom).toEqual({ status: 400, body: { message: 'Public rooms have no members: anyone signed in may read and post in them' } });
    expect(publicList.status).toBe(400);
  });

  it('answers a non-member exactly what a room that does not exist answers, on every door', async () => {
    const [alice, mallory] = [await person('Alice'), await person('Mallory')];
    const room = await privateRoom(alice);
    const missing = 'p-0000000000000000000000zzzz';
    const doors = (roomId: string) => [
      call(history, mallory, 'GET /rooms/{roomId}', { path: { roomId } }),
      call(history, mallory, 'GET /rooms/{roomId}/messages', { path: { roomId } }),
      call(history, mallory, 'GET /rooms/{roomId}/messages', { path: { roomId }, query: { after: '01KB0000000000000000000000' } }),
      call(members, mallory, 'GET /rooms/{roomId}/members', { path: { roomId } }),
      call(members, mallory, 'POST /rooms/{roomId}/members', { path: { roomId }, body: { handle: mallory.handle } }),
      call(members, mallory, 'DELETE /rooms/{roomId}/members/{sub}', { path: { roomId, sub: alice.sub } }),
    ];
    const persist = createPersistMessagesHandler(table.env);
    await persist({ roomId: room.id, epoch: room.epoch, author: { ...ref(alice), moderator: false }, messages: [{ eventId: 'e', clientMsgId: 'c', text: 'secret' }] } as never);

    const real = await Promise.all(doors(room.id));
    const none = await Promise.all(doors(missing));

    expect(real.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(JSON.stringify(real).replaceAll(room.id, 'ROOM')).toBe(JSON.stringify(none).replaceAll(missing, 'ROOM'));
    expect(await call(members, alice, 'GET /rooms/{roomId}/members', { path: { roomId: room.id } })).toMatchObject({ status: 200 });
  });

  it('lets the owner remove a member, rotating the epoch after announcing it on the old channel; the removed member is out everywhere', async () => {
    const [alice, bob, carol] = [await person('Alice'), await person('Bob'), await person('Carol')];
    const room = await privateRoom(alice);
    for (const who of [bob, carol]) await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: who.handle } });
    published.length = 0;

    const byMember = await call(members, carol, 'DELETE /rooms/{roomId}/members/{sub}', { path: { roomId: room.id, sub: bob.sub } });
    const removed = await call(members, alice, 'DELETE /rooms/{roomId}/members/{sub}', { path: { roomId: room.id, sub: bob.sub } });
    const after = await call(history, carol, 'GET /rooms/{roomId}', { path: { roomId: room.id } });

    expect(byMember).toEqual({ status: 403, body: { message: "Only the room's owner or a moderator may remove members" } });
    expect(removed).toEqual({ status: 200, body: { removed: ref(bob) } });
    expect(published).toEqual([{ channel: `/chat/rooms/${room.id}/${room.epoch}`, events: [{ type: 'member.removed', roomId: room.id, member: ref(bob), by: ref(alice) }] }]);
    expect(after.body.epoch).not.toBe(room.epoch);
    expect(isValidEpoch(after.body.epoch)).toBe(true);
    expect((await call(history, bob, 'GET /rooms/{roomId}', { path: { roomId: room.id } })).status).toBe(404);
    expect((await listAll(bob)).map((r) => r.id)).not.toContain(room.id);
  });

  it('lets anyone leave, and passes ownership to the oldest remaining member when the owner leaves', async () => {
    const [alice, bob, carol] = [await person('Alice'), await person('Bob'), await person('Carol')];
    const room = await privateRoom(alice);
    for (const who of [bob, carol]) await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: who.handle } });

    const carolLeaves = await call(members, carol, 'DELETE /rooms/{roomId}/members/{sub}', { path: { roomId: room.id, sub: carol.sub } });
    const aliceLeaves = await call(members, alice, 'DELETE /rooms/{roomId}/members/{sub}', { path: { roomId: room.id, sub: alice.sub } });
    const list = await call(members, bob, 'GET /rooms/{roomId}/members', { path: { roomId: room.id } });

    expect(carolLeaves).toEqual({ status: 200, body: { removed: ref(carol) } });
    expect(aliceLeaves.status).toBe(200);
    expect(list.body.items).toEqual([{ ...ref(bob), role: 'owner' }]);
    expect(published.filter((p) => (p.events[0] as { type: string }).type === 'member.removed').map((p) => (p.events[0] as { by: { sub: string } }).by.sub)).toEqual([carol.sub, alice.sub]);
  });

  it('lets a moderator who is not a member remove one, and still answers them 404 on the room itself', async () => {
    const [alice, bob, mod] = [await person('Alice'), await person('Bob'), await person('Morgan', true)];
    const room = await privateRoom(alice);
    await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: bob.handle } });

    const removed = await call(members, mod, 'DELETE /rooms/{roomId}/members/{sub}', { path: { roomId: room.id, sub: bob.sub } });

    expect(removed).toEqual({ status: 200, body: { removed: ref(bob) } });
    expect((await call(history, mod, 'GET /rooms/{roomId}', { path: { roomId: room.id } })).status).toBe(404);
    expect((await listAll(mod)).map((r) => r.id)).not.toContain(room.id);
  });

  it('opens one DM per pair, from either side, at once or later, and refuses a DM with yourself', async () => {
    const [alice, bob] = [await person('Alice'), await person('Bob')];

    const [fromAlice, fromBob] = await Promise.all([
      call(members, alice, 'POST /dms', { body: { handle: bob.handle } }),
      call(members, bob, 'POST /dms', { body: { handle: alice.handle } }),
    ]);
    const later = await call(members, bob, 'POST /dms', { body: { handle: alice.handle } });
    const self = await call(members, alice, 'POST /dms', { body: { handle: alice.handle } });

    expect([fromAlice.status, fromBob.status].sort()).toEqual([200, 201]);
    expect(fromAlice.body.id).toBe(fromBob.body.id);
    expect(fromAlice.body).toMatchObject({ kind: 'dm', peer: ref(bob), epoch: later.body.epoch });
    expect(later).toMatchObject({ status: 200, body: { id: fromAlice.body.id, peer: ref(alice) } });
    expect(self).toEqual({ status: 400, body: { message: 'A direct message needs someone else: that handle is yours', field: 'handle' } });
    const dmMembers = await call(members, alice, 'GET /rooms/{roomId}/members', { path: { roomId: fromAlice.body.id as string } });
    expect((dmMembers.body.items as { sub: string }[]).map((m) => m.sub).sort()).toEqual([alice.sub, bob.sub].sort());
    expect((await call(members, alice, 'DELETE /rooms/{roomId}/members/{sub}', { path: { roomId: fromAlice.body.id as string, sub: alice.sub } })).status).toBe(400);
  });

  it('lists a member’s private rooms and DMs (with epoch and peer) before the public rooms, and none of them to anyone else', async () => {
    const [alice, bob, eve, mod] = [await person('Alice'), await person('Bob'), await person('Eve'), await person('Morgan', true)];
    const room = await privateRoom(alice, 'Plans');
    const dm = (await call(members, alice, 'POST /dms', { body: { handle: bob.handle } })).body as unknown as Room;
    const open = (await call(createRoom, alice, 'POST /rooms', { body: { name: `Open ${people}` } })).body as unknown as Room;

    const [forAlice, forBob, forEve, forMod] = [await listAll(alice), await listAll(bob), await listAll(eve), await listAll(mod)];

    expect(forAlice.slice(0, 2)).toEqual([
      { ...dm, peer: ref(bob) },
      { id: room.id, name: 'Plans', kind: 'private', lastMessageAt: null, epoch: room.epoch },
    ]);
    expect(forAlice.slice(2).every((r) => r.kind === 'public')).toBe(true);
    expect(forAlice.map((r) => r.id)).toContain(open.id);
    expect(forBob.find((r) => r.id === dm.id)).toMatchObject({ peer: ref(alice) });
    expect(forBob.map((r) => r.id)).not.toContain(room.id);
    for (const other of [forEve, forMod]) {
      expect(other.map((r) => r.id)).toContain(open.id);
      expect(other.some((r) => r.kind !== 'public')).toBe(false);
    }
  });

  it('pages a member’s own rooms and then the public ones, every room once', { timeout: 60_000 }, async () => {
    const alice = await person('Alice');
    const own = [];
    for (let i = 0; i < 105; i += 1) own.push((await privateRoom(alice, `Own ${i}`)).id);
    const publicIds = (await createRoomStore(db, TABLE).list()).filter((r) => r.kind === 'public' && !r.archived).map((r) => r.id);

    const pages: Room[][] = [];
    let cursor: string | undefined;
    do {
      const page = await call(history, alice, 'GET /rooms', cursor === undefined ? {} : { query: { cursor } });
      pages.push(page.body.items as Room[]);
      cursor = page.body.nextCursor as string | undefined;
    } while (cursor !== undefined);

    const ids = pages.flat().map((r) => r.id);
    expect(ids).toEqual([...own.sort(), ...publicIds]);
    expect(pages[0]).toHaveLength(100);
  });

  it('refuses a muted member’s invitations and new DMs with 403 until the mute ends, and counts new DMs against the new-room limit', async () => {
    const [alice, bob, carol, dave] = [await person('Alice'), await person('Bob'), await person('Carol'), await person('Dave')];
    const room = await privateRoom(alice);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const by = { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' };
    await db.send(new PutCommand({ TableName: TABLE, Item: toMuteItem({ user: { ...ref(alice), moderator: false }, until, at: new Date().toISOString(), by, reason: 'spam' }, 'a1') }));

    const invite = await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: bob.handle } });
    const dm = await call(members, alice, 'POST /dms', { body: { handle: bob.handle } });
    const first = await call(membersLimited, carol, 'POST /dms', { body: { handle: bob.handle } });
    const second = await call(membersLimited, carol, 'POST /dms', { body: { handle: dave.handle } });
    const existing = await call(membersLimited, carol, 'POST /dms', { body: { handle: bob.handle } });

    expect(invite).toEqual({ status: 403, body: { message: `You are muted until ${until} and cannot add members until then` } });
    expect(dm).toEqual({ status: 403, body: { message: `You are muted until ${until} and cannot start direct messages until then` } });
    expect([first.status, second.status, existing.status]).toEqual([201, 429, 200]);
    expect(second.body.message).toMatch(/^You can create at most 1 new room per hour; try again in \d+ min$/);
  });

  it('removes two members at once: both go, each removal rotates the epoch, and neither is lost to the other', async () => {
    const [alice, bob, carol] = [await person('Alice'), await person('Bob'), await person('Carol')];
    const room = await privateRoom(alice);
    for (const who of [bob, carol]) await call(members, alice, 'POST /rooms/{roomId}/members', { path: { roomId: room.id }, body: { handle: who.handle } });
    published.length = 0;

    const answers = await Promise.all([bob, carol].map((who) => call(members, alice, 'DELETE /rooms/{roomId}/members/{sub}', { path: { roomId: room.id, sub: who.sub } })));
    const list = await call(members, alice, 'GET /rooms/{roomId}/members', { path: { roomId: room.id } });
    const channels = published.map((p) => p.channel);

    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(list.body.items).toEqual([{ ...ref(alice), role: 'owner' }]);
    expect(new Set(channels).size).toBe(2);
    expect(channels).toContain(`/chat/rooms/${room.id}/${room.epoch}`);
    expect(channels).not.toContain(`/chat/rooms/${room.id}/${(await roomItem(room.id))?.epoch}`);
  });
});

