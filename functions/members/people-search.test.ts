import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from '../../core/profile.ts';
import { PEOPLE_SEARCH_LIMIT } from '../../core/people.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable, TABLE } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createHandleLookup } from '../lib/handle-lookup.ts';
import type { HttpHandler } from '../lib/http-handler.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { handleItem, handleItemKey, profileKey } from '../lib/profile-items.ts';
import { createProfileStore, type ProfileStore, type StoredProfile } from '../lib/profile-store.ts';
import { createRateLimiter } from '../lib/rate-limiter.ts';
import { newEpoch } from '../lib/room-codes.ts';
import { createRoomMembers } from '../lib/room-members.ts';
import { createMembers } from './members.ts';
import { createPeople } from './people.ts';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const noAudit = () => undefined;

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('GET /people on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let members: HttpHandler;
  let profiles: ProfileStore;
  let accounts = 0;

  /** An account as its first sign-in creates it (the pre-token-generation path), handle from the email. */
  function signUp(emailName: string, name?: string): Promise<StoredProfile> {
    accounts += 1;
    return profiles.ensure(`sub-${engine}-${accounts}-${randomBytes(3).toString('hex')}`, `${emailName}@parley.test`, name);
  }

  async function search(who: StoredProfile, q: string | undefined) {
    const claims = { sub: who.sub, [HANDLE_CLAIM]: who.handle, [DISPLAY_NAME_CLAIM]: who.displayName, 'cognito:groups': '[members]' };
    const result = await members(httpEvent('GET /people', { ...(q === undefined ? {} : { query: { q } }), claims }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as { items?: unknown[]; message?: string } };
  }

  const handles = (body: { items?: unknown[] }) => (body.items as { handle: string }[]).map((person) => person.handle);

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
    profiles = createProfileStore(db, TABLE, { clock: () => NOW });
    members = createMembers({
      rooms: createRoomMembers(db, TABLE),
      handles: createHandleLookup(db, TABLE),
      people: createPeople(db, TABLE),
      mutes: createMuteReader(db, TABLE),
      roomLimiter: createRateLimiter(db, TABLE, 'off', 'ROOMS'),
      publisher: { publish: async () => undefined },
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: () => NOW,
      nextId: createMessageIdGenerator((length) => randomBytes(length)),
      newEpoch: () => newEpoch(),
    });
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });

  it('finds accounts by the start of their handle, in handle order, with their names, never the caller', async () => {
    const caller = await signUp('kestrel');
    await signUp('kestrel', 'Kes Two');
    await signUp('kestrels_fan');
    await signUp('kite');

    const found = await search(caller, '@KEST');

    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      { sub: expect.any(String), handle: 'kestrel2', displayName: 'Kes Two' },
      { sub: expect.any(String), handle: 'kestrels_fan', displayName: 'kestrels_fan' },
    ]);
  });

  it(`answers at most ${PEOPLE_SEARCH_LIMIT}, the first in handle order, still full when the caller is among them`, async () => {
    const caller = await signUp('lark');
    const others = await Promise.all(Array.from({ length: PEOPLE_SEARCH_LIMIT + 2 }, (_, i) => signUp(`lark_${String(i).padStart(2, '0')}`)));

    const found = await search(caller, 'la');

    expect(handles(found.body)).toEqual(others.map((person) => person.handle).slice(0, PEOPLE_SEARCH_LIMIT));
  });

  it('finds a renamed account under its new handle only: the released one is held, not searchable', async () => {
    const caller = await signUp('plover');
    const renamed = await signUp('petrel_old');
    await profiles.update(renamed, { handle: 'petrel_new' }, NOW, noAudit);

    expect(handles((await search(caller, 'petrel')).body)).toEqual(['petrel_new']);
    expect((await db.send(new GetCommand({ TableName: TABLE, Key: handleItemKey('petrel_old') }))).Item).toMatchObject({ heldUntil: expect.any(String) });
    expect((await db.send(new GetCommand({ TableName: TABLE, Key: handleItemKey('petrel_old') }))).Item?.gsi1pk).toBeUndefined();
  });

  it('finds a display-name change at once under the same handle', async () => {
    const caller = await signUp('quail');
    const renamed = await signUp('quokka');
    await profiles.update(renamed, { displayName: 'Quincy' }, NOW, noAudit);

    expect((await search(caller, 'quo')).body.items).toEqual([{ sub: renamed.sub, handle: 'quokka', displayName: 'Quincy' }]);
  });

  it('does not find a handle that only exists as a hold or a reserved item, with no profile behind it', async () => {
    const caller = await signUp('robin');
    await db.send(new PutCommand({ TableName: TABLE, Item: handleItem('rook_held', 'sub-gone', new Date(NOW + 60_000).toISOString()) }));
    await db.send(new PutCommand({ TableName: TABLE, Item: handleItem('rook_reserved', 'sub-none') }));

    expect((await search(caller, 'rook')).body.items).toEqual([]);
  });

  it('finds a profile stored before the search once its owner signs in or refreshes a token', async () => {
    const caller = await signUp('swift');
    const at = '2026-10-01T00:00:00.000Z';
    const legacy = { sub: `sub-legacy-${engine}`, handle: 'swallow', displayName: 'Swallow', createdAt: at, updatedAt: at, changes: [] };
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...profileKey(legacy.sub), type: 'profile', ...legacy } }));
    await db.send(new PutCommand({ TableName: TABLE, Item: handleItem('swallow', legacy.sub) }));
    expect((await search(caller, 'swa')).body.items).toEqual([]);

    const signedIn = await profiles.ensure(legacy.sub, 'swallow@parley.test');
    const again = await profiles.ensure(legacy.sub, 'swallow@parley.test');

    expect(signedIn).toEqual(legacy);
    expect(again).toEqual(legacy);
    expect((await search(caller, 'swa')).body.items).toEqual([{ sub: legacy.sub, handle: 'swallow', displayName: 'Swallow' }]);
  });

  it.each([
    ['a space', 'tern smith'],
    ['punctuation', 'tern!'],
    ['21 characters', 't'.repeat(21)],
  ])('finds nobody, without an error, for text with %s', async (_what, q) => {
    const caller = await signUp('tern');

    expect(await search(caller, q)).toEqual({ status: 200, body: { items: [] } });
  });

  it.each([
    ['no q', undefined],
    ['an empty q', ''],
    ['only @', '@'],
  ])('refuses %s with 400 and a message', async (_what, q) => {
    const caller = await signUp('urubu');

    const refused = await search(caller, q);

    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^q is/);
  });
});
