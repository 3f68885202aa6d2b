import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud
import type { DynamoEngine } from 'appsync-events-local';
import { type LambdaTable, startLambdaTable, TABLE } from '../../tests/support/lambda-table.ts';
import { NameConflictError, RateLimitedError } from './errors.ts';
import { handleCandidates } from './profile-creation.ts';
import { handleItemKey, nameKeyItemKey } from './profile-items.ts';
import { createProfileStore, NAME_HOLD_MS, type ProfileStore, type StoredProfile } from './profile-store.ts';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const HOUR = 3600_000;
const noAudit = () => undefined;

describe('handleCandidates', () => {
  it('tries the base, then 2–9, then random digits, then member, and never a reserved handle', () => {
    const random = () => 0.5;

    expect(handleCandidates('alice', random).slice(0, 10)).toEqual(['alice', 'alice2', 'alice3', 'alice4', 'alice5', 'alice6', 'alice7', 'alice8', 'alice9', 'alice55000']);
    expect(handleCandidates('mod', random)[0]).toBe('mod2');
    expect(handleCandidates('mod_team', random).every((handle) => handle.startsWith('member'))).toBe(true);
  });
});

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('profile store on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let store: ProfileStore;
  let accounts = 0;
  const newSub = () => `sub-${engine}-${(accounts += 1)}`;
  const item = async (key: { pk: string; sk: string }) => (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

  /** A fresh account, `<base><n>@…`, named as asked through an update. */
  async function account(names: { handle: string; displayName: string }): Promise<StoredProfile> {
    const created = await store.ensure(newSub(), `${names.handle}-start@parley.test`);
    return (await store.update(created, names, NOW - 2 * 24 * HOUR, noAudit)).profile;
  }

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
    store = createProfileStore(db, TABLE, { clock: () => NOW });
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });

  it('creates a profile once, however many first sign-ins race', async () => {
    const sub = newSub();

    const profiles = await Promise.all(Array.from({ length: 6 }, () => store.ensure(sub, 'racer@parley.test', 'Racer')));

    expect(new Set(profiles.map((profile) => JSON.stringify(profile))).size).toBe(1);
    expect(profiles[0]).toMatchObject({ sub, handle: 'racer', displayName: 'Racer', changes: [] });
  });

  it('gives accounts that share an email name distinct handles, even at once', async () => {
    const profiles = await Promise.all(Array.from({ length: 5 }, (_, i) => store.ensure(newSub(), `twin@host${i}.test`)));

    expect(profiles.map((profile) => profile.handle).sort()).toEqual(['twin', 'twin2', 'twin3', 'twin4', 'twin5']);
  });

  describe('refuses a name that is, or looks like, another account’s', () => {
    let bob: StoredProfile;

    beforeAll(async () => {
      await account({ handle: 'alice', displayName: 'Alice' });
      // A handle and a display name that have nothing in common.
      await account({ handle: 'quinn_z', displayName: 'Dana' });
      bob = await account({ handle: 'bob', displayName: 'Bob' });
    });

    it.each([
      ['Alice', 'displayName'],
      ['Аlice', 'displayName'], // Cyrillic А (the zero-width space is gone before the store sees it)
      ['ALICE', 'displayName'],
      ['AIice', 'displayName'], // capital I
      ['a1ice', 'displayName'],
    ] as const)('display name %s', async (displayName, field) => {
      const error = await refusal(store.update(bob, { displayName }, NOW, noAudit));

      expect(error).toBeInstanceOf(NameConflictError);
      expect(error).toMatchObject({ field, message: `"${displayName}" is taken: it is, or looks like, another member's name or handle` });
      expect(await store.get(bob.sub)).toMatchObject({ displayName: 'Bob' });
    });

    it('a display name that is, or looks like, a handle whose display name is another, and a handle that looks like a display name', async () => {
      const asHandle = await refusal(store.update(bob, { displayName: 'quinn_z' }, NOW, noAudit));
      const lookalike = await refusal(store.update(bob, { displayName: 'Qu\u0456nn_Z' }, NOW, noAudit)); // a Cyrillic і
      const handleAsName = await refusal(store.update(bob, { handle: 'dana' }, NOW, noAudit));

      expect(asHandle).toMatchObject({ field: 'displayName', message: `"quinn_z" is taken: it is, or looks like, another member's name or handle` });
      expect(lookalike).toMatchObject({ field: 'displayName', message: `"Qu\u0456nn_Z" is taken: it is, or looks like, another member's name or handle` });
      expect(handleAsName).toMatchObject({ field: 'handle', message: "@dana is taken: it is, or looks like, another member's name or handle" });
      expect(await store.get(bob.sub)).toMatchObject({ displayName: 'Bob', handle: 'bob' });
    });

    it('the exact handle, and one that looks like it', async () => {
      const exact = await refusal(store.update(bob, { handle: 'alice' }, NOW, noAudit));
      const lookalike = await refusal(store.update(bob, { handle: 'a1ice' }, NOW, noAudit));

      expect(exact).toMatchObject({ field: 'handle', message: '@alice is taken' });
      expect(lookalike).toMatchObject({ field: 'handle', message: "@a1ice is taken: it is, or looks like, another member's name or handle" });
    });

    it('a reserved name or handle, with its own message', async () => {
      const name = await refusal(store.update(bob, { displayName: 'Morgan (mod)' }, NOW, noAudit));
      const handle = await refusal(store.update(bob, { handle: 'supp0rt' }, NOW, noAudit));

      expect(name).toMatchObject({ field: 'displayName', message: expect.stringMatching(/^"Morgan \(mod\)" is reserved/) });
      expect(handle).toMatchObject({ field: 'handle', message: expect.stringMatching(/^@supp0rt is reserved/) });
    });

    it('and writes nothing, the audit entry included, when it refuses', async () => {
      const audit = { pk: `AUDIT#USER#${bob.sub}`, sk: 'refused-change' };

      await refusal(store.update(bob, { displayName: 'Bobby', handle: 'alice' }, NOW, () => ({ ...audit, type: 'audit' })));

      expect(await item(audit)).toBeUndefined();
      expect(await item(nameKeyItemKey('bobby'))).toBeUndefined();
      expect(await store.get(bob.sub)).toMatchObject({ handle: 'bob', displayName: 'Bob' });
    });
  });

  it('renames in one transaction with the audit entry, and holds the old names for the token lifetime', async () => {
    const carol = await account({ handle: 'carol', displayName: 'Carol' });
    const dave = await account({ handle: 'dave', displayName: 'Dave' });
    const audit = { pk: `AUDIT#USER#${carol.sub}`, sk: 'rename-1' };

    const { profile, previous } = await store.update(carol, { handle: 'caz', displayName: 'Caz' }, NOW, (before, after) => ({ ...audit, before, after: after.handle }));

    expect(profile).toMatchObject({ handle: 'caz', displayName: 'Caz', updatedAt: new Date(NOW).toISOString() });
    expect(previous).toEqual({ handle: 'carol', displayName: 'Carol' });
    expect(await item(audit)).toMatchObject({ before: { handle: 'carol', displayName: 'Carol' }, after: 'caz' });
    const heldUntil = new Date(NOW + NAME_HOLD_MS).toISOString();
    expect(await item(handleItemKey('carol'))).toMatchObject({ sub: carol.sub, heldUntil });
    expect(await item(nameKeyItemKey('carol'))).toMatchObject({ sub: carol.sub, heldUntil });
    expect(await item(handleItemKey('caz'))).toEqual({ ...handleItemKey('caz'), type: 'handle', sub: carol.sub });
    const taken = await refusal(store.update(dave, { handle: 'carol' }, NOW + NAME_HOLD_MS - 1000, noAudit));
    expect(taken).toMatchObject({ field: 'handle', message: '@carol is taken' });
    const free = await store.update(dave, { handle: 'carol', displayName: 'Carol' }, NOW + NAME_HOLD_MS + 1000, noAudit);
    expect(free.profile).toMatchObject({ handle: 'carol', displayName: 'Carol' });
    expect(await item(nameKeyItemKey('carol'))).toMatchObject({ sub: dave.sub, field: 'handle' });
  });

  it('gives a member back their own held name at once', async () => {
    const erin = await account({ handle: 'erin', displayName: 'Erin' });
    const renamed = (await store.update(erin, { handle: 'erin_x', displayName: 'Erin X' }, NOW, noAudit)).profile;

    const back = await store.update(renamed, { handle: 'erin', displayName: 'Erin' }, NOW + 1000, noAudit);

    expect(back.profile).toMatchObject({ handle: 'erin', displayName: 'Erin' });
    expect(await item(nameKeyItemKey('erin'))).toEqual({ ...nameKeyItemKey('erin'), type: 'name-key', sub: erin.sub, name: 'erin', field: 'handle' });
  });

  it('answers a change to the same names without writing or counting it', async () => {
    const frank = await account({ handle: 'frank', displayName: 'Frank' });

    const same = await store.update(frank, { handle: 'frank', displayName: 'Frank' }, NOW, () => ({ pk: 'X', sk: 'never' }));

    expect(same).toEqual({ profile: frank });
    expect(await item({ pk: 'X', sk: 'never' })).toBeUndefined();
  });

  it(`allows 5 changes in a rolling day and refuses the 6th with the time until the oldest leaves the window`, async () => {
    let grace = await account({ handle: 'grace', displayName: 'Grace' });
    for (let i = 1; i <= 5; i += 1) grace = (await store.update(grace, { displayName: `Grace ${i}` }, NOW + i * HOUR, noAudit)).profile;

    const sixth = await refusal(store.update(grace, { displayName: 'Grace 6' }, NOW + 6 * HOUR, noAudit));
    const later = await store.update(grace, { displayName: 'Grace 6' }, NOW + 25 * HOUR + 1, noAudit);

    expect(sixth).toBeInstanceOf(RateLimitedError);
    expect(sixth).toMatchObject({ retryAfterSeconds: 19 * 3600, message: 'You can change your name at most 5 times a day; try again in 19 h' });
    expect(later.profile.changes).toHaveLength(5);
  });

  it('applies two concurrent renames one after the other, leaving no claim behind', async () => {
    const heidi = await account({ handle: 'heidi', displayName: 'Heidi' });

    const results = await Promise.all([
      store.update(heidi, { displayName: 'Heidi One' }, NOW, noAudit),
      store.update(heidi, { displayName: 'Heidi Two' }, NOW + 1, noAudit),
    ]);

    const final = (await store.get(heidi.sub))!;
    expect(results.map((result) => result.profile.displayName).sort()).toEqual(['Heidi One', 'Heidi Two']);
    // The account's first naming was two days ago, outside the window: these two count.
    expect(final.changes).toHaveLength(2);
    const loser = final.displayName === 'Heidi One' ? 'heidi two' : 'heidi one';
    expect(await item(nameKeyItemKey(loser))).toMatchObject({ sub: heidi.sub, heldUntil: expect.any(String) });
  });
});
