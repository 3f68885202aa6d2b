import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
import { BadRequestError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { toMuteItem } from '../lib/mute-item.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
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
  function throttleAt(clock: { now: number }): ThrottleSignals {
    return createThrottleSignals({
      window: createSignalWindow(db, TABLE),
      mutes: createMuteReader(db, TABLE),
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

    const result = await throttleAt(clock)({ authorSub: sub, eventIds: ['e1'] });

    expect(result).toEqual({ allowedIds: ['e1'] });
    const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: signalKey(sub) }));
    expect(Item).toEqual({ ...signalKey(sub), at: START, expiresAt: START / 1000 + 2 + 60 });
  });

  it('drops a second signal within 2 s and allows one after 2 s', async () => {
    const sub = newSub();
    const clock = { now: START };
    const throttle = throttleAt(clock);

    const first = await throttle({ authorSub: sub, eventIds: ['e1'] });
    clock.now = START + 1999;
    const tooSoon = await throttle({ authorSub: sub, eventIds: ['e2'] });
    clock.now = START + 2000;
    const after = await throttle({ authorSub: sub, eventIds: ['e3'] });

    expect([first, tooSoon, after]).toEqual([{ allowedIds: ['e1'] }, { allowedIds: [] }, { allowedIds: ['e3'] }]);
  });

  it('measures the window from the last allowed signal, not from a dropped one', async () => {
    const sub = newSub();
    const clock = { now: START };
    const throttle = throttleAt(clock);

    await throttle({ authorSub: sub, eventIds: ['e1'] });
    clock.now = START + 1500;
    await throttle({ authorSub: sub, eventIds: ['e2'] });
    clock.now = START + 2100;
    const result = await throttle({ authorSub: sub, eventIds: ['e3'] });

    expect(result).toEqual({ allowedIds: ['e3'] });
  });

  it('keeps the windows of two users independent', async () => {
    const [ada, bob] = [newSub(), newSub()];
    const throttle = throttleAt({ now: START });

    const results = [
      await throttle({ authorSub: ada, eventIds: ['a1'] }),
      await throttle({ authorSub: bob, eventIds: ['b1'] }),
      await throttle({ authorSub: ada, eventIds: ['a2'] }),
    ];

    expect(results).toEqual([{ allowedIds: ['a1'] }, { allowedIds: ['b1'] }, { allowedIds: [] }]);
  });

  it('lets only the first event of a batch of 3 through', async () => {
    const throttle = throttleAt({ now: START });

    const result = await throttle({ authorSub: newSub(), eventIds: ['e1', 'e2', 'e3'] });

    expect(result).toEqual({ allowedIds: ['e1'] });
  });

  it('lets exactly one of concurrent signals of one user through', async () => {
    const sub = newSub();
    const throttle = throttleAt({ now: START });

    const results = await Promise.all(['e1', 'e2', 'e3'].map((id) => throttle({ authorSub: sub, eventIds: [id] })));

    expect(results.flatMap((r) => r.allowedIds)).toHaveLength(1);
  });

  it('answers an empty batch without writing', async () => {
    const sub = newSub();

    const result = await throttleAt({ now: START })({ authorSub: sub, eventIds: [] });

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
      whileMuted.push(await throttle({ authorSub: muted, eventIds: [`m${at}`] }));
    }
    const others = await throttle({ authorSub: other, eventIds: ['o1'] });
    clock.now = START + 60_000;
    const afterwards = await throttle({ authorSub: muted, eventIds: ['after'] });

    expect(whileMuted).toEqual(Array(4).fill({ allowedIds: [] }));
    expect(others).toEqual({ allowedIds: ['o1'] });
    expect(afterwards).toEqual({ allowedIds: ['after'] });
  });

  it('fails a malformed request loudly', async () => {
    await expect(throttleAt({ now: START })({ eventIds: ['e1'] })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('runs from its environment with the real clock', async () => {
    const throttle = createThrottleSignalsHandler(env);

    const result = await throttle({ authorSub: newSub(), eventIds: ['e1'] });

    expect(result).toEqual({ allowedIds: ['e1'] });
  });
});
