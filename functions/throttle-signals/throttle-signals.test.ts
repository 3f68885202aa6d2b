import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
import { BadRequestError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { toMuteItem } from '../lib/mute-item.ts';
import { parseEventError } from '../../core/event-errors.ts';
import type { Author } from '../../core/messages.ts';
import { randomEpoch, removeMember, seedMembersOnlyRoom } from '../../tests/support/members-only-room.ts';
import { createMembershipReader, type MembershipReader } from '../lib/membership-reader.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { createRoomEpochReader } from '../lib/room-epoch-reader.ts';
import { createSignalWindow, signalKey } from './signal-window.ts';
import { createThrottleSignals, createThrottleSignalsHandler, type ThrottleSignals } from './throttle-signals.ts';

const TABLE = 'parley';
const START = Date.parse('2026-03-01T12:00:00.000Z');

describe('throttle-signals on dynalite', () => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let env: Record<string, string> & { AWS_REGION: string };
  let subCounter = 0;
  const newSub = () => `sub-${(subCounter += 1)}`;

  /** The function with a clock the test moves. */
  function throttleAt(clock: { now: number }, members: MembershipReader = createMembershipReader(db, TABLE)): ThrottleSignals {
    return createThrottleSignals({
      window: createSignalWindow(db, TABLE),
      mutes: createMuteReader(db, TABLE),
      members,
      epochs: createRoomEpochReader(db, TABLE),
      logger: createLogger({ serviceName: 'throttle-signals', logLevel: 'SILENT' }),
      clock: () => clock.now,
    });
  }

  beforeAll(async () => {
    table = await startLambdaTable('dynalite');
    ({ env, db } = table);
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  it('allows the first signal of a user and records when', async () => {
    const sub = newSub();
    const clock = { now: START };

    const result = await throttleAt(clock)({ authorSub: sub, roomId: 'lobby', eventIds: ['e1'] });

    expect(result).toEqual({ allowedIds: ['e1'] });
    const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: signalKey(sub) }));
    expect(Item).toEqual({ ...signalKey(sub), at: START, expiresAt: START / 1000 + 2 + 60 });
  });

  it('drops a second signal within 2 s and allows one after 2 s', async () => {
    const sub = newSub();
    const clock = { now: START };
    const throttle = throttleAt(clock);

    const first = await throttle({ authorSub: sub, roomId: 'lobby', eventIds: ['e1'] });
    clock.now = START + 1999;
    const tooSoon = await throttle({ authorSub: sub, roomId: 'lobby', eventIds: ['e2'] });
    clock.now = START + 2000;
    const after = await throttle({ authorSub: sub, roomId: 'lobby', eventIds: ['e3'] });

    expect([first, tooSoon, after]).toEqual([{ allowedIds: ['e1'] }, { allowedIds: [] }, { allowedIds: ['e3'] }]);
  });

  it('measures the window from the last allowed signal, not from a dropped one', async () => {
    const sub = newSub();
    const clock = { now: START };
    const throttle = throttleAt(clock);

    await throttle({ authorSub: sub, roomId: 'lobby', eventIds: ['e1'] });
    clock.now = START + 1500;
    await throttle({ authorSub: sub, roomId: 'lobby', eventIds: ['e2'] });
    clock.now = START + 2100;
    const result = await throttle({ authorSub: sub, roomId: 'lobby', eventIds: ['e3'] });

    expect(result).toEqual({ allowedIds: ['e3'] });
  });

  it('keeps the windows of two users independent', async () => {
    const [ada, bob] = [newSub(), newSub()];
    const throttle = throttleAt({ now: START });

    const results = [
      await throttle({ authorSub: ada, roomId: 'lobby', eventIds: ['a1'] }),
      await throttle({ authorSub: bob, roomId: 'lobby', eventIds: ['b1'] }),
      await throttle({ authorSub: ada, roomId: 'lobby', eventIds: ['a2'] }),
    ];

    expect(results).toEqual([{ allowedIds: ['a1'] }, { allowedIds: ['b1'] }, { allowedIds: [] }]);
  });

  it('lets only the first event of a batch of 3 through', async () => {
    const throttle = throttleAt({ now: START });

    const result = await throttle({ authorSub: newSub(), roomId: 'lobby', eventIds: ['e1', 'e2', 'e3'] });

    expect(result).toEqual({ allowedIds: ['e1'] });
  });

  it('lets exactly one of concurrent signals of one user through', async () => {
    const sub = newSub();
    const throttle = throttleAt({ now: START });

    const results = await Promise.all(['e1', 'e2', 'e3'].map((id) => throttle({ authorSub: sub, roomId: 'lobby', eventIds: [id] })));

    expect(results.flatMap((r) => r.allowedIds)).toHaveLength(1);
  });

  it('answers an empty batch without writing', async () => {
    const sub = newSub();

    const result = await throttleAt({ now: START })({ authorSub: sub, roomId: 'lobby', eventIds: [] });

    expect(result).toEqual({ allowedIds: [] });
    expect((await db.send(new GetCommand({ TableName: TABLE, Key: signalKey(sub) }))).Item).toBeUndefined();
  });

  it('drops every typing signal of a muted author until the mute ends, and leaves others alone', async () => {
    const [muted, other] = [newSub(), newSub()];
    const clock = { now: START };
    const throttle = throttleAt(clock);
    const until = new Date(START + 60_000).toISOString();
    const by = { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' };
    await db.send(new PutCommand({ TableName: TABLE, Item: toMuteItem({ user: { sub: muted, handle: 'muted_one', displayName: 'Muted', moderator: false }, until, at: new Date(START).toISOString(), by, reason: 'x' }, 'audit-1') }));

    const whileMuted = [];
    for (let at = START; at < START + 60_000; at += 15_000) {
      clock.now = at;
      whileMuted.push(await throttle({ authorSub: muted, roomId: 'lobby', eventIds: [`m${at}`] }));
    }
    const others = await throttle({ authorSub: other, roomId: 'lobby', eventIds: ['o1'] });
    clock.now = START + 60_000;
    const afterwards = await throttle({ authorSub: muted, roomId: 'lobby', eventIds: ['after'] });

    expect(whileMuted).toEqual(Array(4).fill({ allowedIds: [] }));
    expect(others).toEqual({ allowedIds: ['o1'] });
    expect(afterwards).toEqual({ allowedIds: ['after'] });
  });

  describe('private rooms and DMs', () => {
    const person = (sub: string): Author => ({ sub, handle: sub.replace('-', '_'), displayName: sub, moderator: false });

    it.each(['private', 'dm'] as const)('lets a member\'s signal through in a %s room on its current epoch', async (kind) => {
      const [ada, bob] = [person(newSub()), person(newSub())];
      const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada, bob], { kind });

      const result = await throttleAt({ now: START })({ authorSub: bob.sub, roomId, epoch, eventIds: ['e1', 'e2'] });

      expect(result).toEqual({ allowedIds: ['e1'] });
    });

    it('fails a non-member\'s signals with NOT_FOUND, as for a room that does not exist', async () => {
      const [ada, stranger] = [person(newSub()), person(newSub())];
      const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada]);
      const throttle = throttleAt({ now: START });

      const refused = await throttle({ authorSub: stranger.sub, roomId, epoch, eventIds: ['e1', 'e2'] });
      const unknown = await throttle({ authorSub: ada.sub, roomId: `p-${'0'.repeat(26)}`, epoch, eventIds: ['e3'] });

      expect(refused).toEqual({ allowedIds: [], error: `NOT_FOUND: Room ${roomId} does not exist; create it with POST /rooms` });
      expect(parseEventError(unknown.error)?.code).toBe('NOT_FOUND');
    });

    it('fails a removed member\'s signals with NOT_FOUND and a stale member\'s with ROOM_MOVED, which pass on the new epoch', async () => {
      const [ada, bob, cy] = [person(newSub()), person(newSub()), person(newSub())];
      const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada, bob, cy]);
      const next = await removeMember(db, TABLE, roomId, cy.sub);
      const clock = { now: START };
      const throttle = throttleAt(clock);

      const removed = await throttle({ authorSub: cy.sub, roomId, epoch, eventIds: ['c1'] });
      const stale = await throttle({ authorSub: bob.sub, roomId, epoch, eventIds: ['b1'] });
      clock.now = START + 2000;
      const current = await throttle({ authorSub: bob.sub, roomId, epoch: next, eventIds: ['b2'] });

      expect(parseEventError(removed.error)?.code).toBe('NOT_FOUND');
      expect(stale).toEqual({ allowedIds: [], error: `ROOM_MOVED: Room ${roomId} has a new channel; read the room again and send there` });
      expect(current).toEqual({ allowedIds: ['b2'] });
    });

    it('fails a member\'s signal on an epoch the room never had with ROOM_MOVED', async () => {
      const ada = person(newSub());
      const { roomId } = await seedMembersOnlyRoom(db, TABLE, [ada]);

      const result = await throttleAt({ now: START })({ authorSub: ada.sub, roomId, epoch: randomEpoch(), eventIds: ['e1'] });

      expect(parseEventError(result.error)?.code).toBe('ROOM_MOVED');
    });

    it('reads no membership for a public room', async () => {
      const real = createMembershipReader(db, TABLE);
      const counting = { reads: 0, status: (roomId: string, sub: string) => ((counting.reads += 1), real.status(roomId, sub)) };

      const result = await throttleAt({ now: START }, counting)({ authorSub: newSub(), roomId: 'lobby', eventIds: ['e1'] });

      expect(result).toEqual({ allowedIds: ['e1'] });
      expect(counting.reads).toBe(0);
    });

    it.each([
      ['no epoch for a private room', `p-${'0'.repeat(26)}`, undefined],
      ['an epoch for a public room', 'lobby', '0123456789'],
      ['no room', undefined, undefined],
    ])('fails a request with %s loudly', async (_case, roomId, epoch) => {
      await expect(throttleAt({ now: START })({ authorSub: newSub(), roomId, epoch, eventIds: ['e1'] })).rejects.toBeInstanceOf(BadRequestError);
    });

    it('measures the room epoch read: 0.5 RCU', async () => {
      const ada = person(newSub());
      const { roomId, epoch } = await seedMembersOnlyRoom(db, TABLE, [ada]);

      const read = await createRoomEpochReader(db, TABLE).read(roomId);

      expect(read).toEqual({ exists: true, epoch, consumedReadUnits: 0.5 });
    });
  });

  it('fails a malformed request loudly', async () => {
    await expect(throttleAt({ now: START })({ eventIds: ['e1'] })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('runs from its environment with the real clock', async () => {
    const throttle = createThrottleSignalsHandler(env);

    const result = await throttle({ authorSub: newSub(), roomId: 'lobby', eventIds: ['e1'] });

    expect(result).toEqual({ allowedIds: ['e1'] });
  });
});
