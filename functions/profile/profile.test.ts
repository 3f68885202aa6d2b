import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable, TABLE } from '../../tests/support/lambda-table.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { createProfileStore } from '../lib/profile-store.ts';
import type { RateLimit } from '../lib/rate-limiter.ts';
import { createMentionReader } from './mention-reader.ts';
import { createProfileApi, createProfileHandler, type ProfileApi } from './profile.ts';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');

describe('profile (GET /me, PUT /me)', () => {
  let table: LambdaTable;
  let api: ProfileApi;
  const clock = { now: NOW };
  let members = 0;
  const member = (email?: string) => {
    members += 1;
    return { sub: `sub-profile-${members}`, ...(email === undefined ? {} : { email }) };
  };

  async function call(routeKey: string, claims: Record<string, string>, body?: unknown) {
    const result = await api(httpEvent(routeKey, { claims, body }));
    return { status: result.statusCode, headers: result.headers ?? {}, body: JSON.parse(result.body ?? 'null') as Record<string, unknown> };
  }

  beforeAll(async () => {
    table = await startLambdaTable();
    api = createProfileApi({
      profiles: createProfileStore(table.db, TABLE, { clock: () => clock.now }),
      mentions: createMentionReader(table.db, TABLE, () => clock.now),
      nextId: createMessageIdGenerator((length) => new Uint8Array(length).fill(7)),
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: () => clock.now,
    });
    await call('GET /me', { sub: 'sub-alice', email: 'alice@parley.test' });
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });

  it('answers GET /me with the profile, creating it from the token’s email, moderator from the token’s groups only', async () => {
    const caller = member('quinn@parley.test');

    const first = await call('GET /me', { ...caller, 'cognito:groups': '[moderators]' }, { moderator: false });
    const plain = await call('GET /me', caller);

    expect(first).toMatchObject({ status: 200, body: { sub: caller.sub, handle: 'quinn', displayName: 'quinn', moderator: true } });
    expect(plain.body).toEqual({ sub: caller.sub, handle: 'quinn', displayName: 'quinn', moderator: false });
  });

  it('makes a handle from the sub when the token has no email (an access token)', async () => {
    const response = await call('GET /me', { sub: 'f00dcafe-1234-4000-8000-000000000000' });

    expect(response.body).toMatchObject({ handle: 'f00dcafe_1234_4', displayName: 'f00dcafe_1234_4' });
  });

  it.each([
    [{ displayName: '\u200B\u202E ' }, 'displayName', 'displayName is empty after removing spaces, controls and invisible characters'],
    [{ displayName: 'x'.repeat(41) }, 'displayName', 'displayName must be at most 40 characters (it has 41)'],
    [{ handle: 'no spaces' }, 'handle', 'handle may contain only letters a–z, digits and _'],
    [{ handle: 42 }, 'handle', 'handle must be a string'],
  ])('refuses a malformed PUT /me %j with 400 and the field', async (body, field, message) => {
    const response = await call('PUT /me', member('malformed@parley.test'), body);

    expect(response).toMatchObject({ status: 400, body: { message, field } });
  });

  it('refuses a body that names nothing to change, or is not JSON, with 400 and no field', async () => {
    const empty = await call('PUT /me', member(), {});
    const broken = await call('PUT /me', member(), '{"displayName":');

    expect(empty).toMatchObject({ status: 400, body: { message: 'body must set displayName or handle' } });
    expect(broken).toMatchObject({ status: 400, body: { message: 'Body must be JSON' } });
    expect([empty.body.field, broken.body.field]).toEqual([undefined, undefined]);
  });

  it.each([
    [{ displayName: 'Alice' }, 'displayName', `"Alice" is taken: it is, or looks like, another member's name or handle`],
    [{ displayName: 'Аlice\u200B' }, 'displayName', `"Аlice" is taken: it is, or looks like, another member's name or handle`],
    [{ displayName: 'ALICE' }, 'displayName', `"ALICE" is taken: it is, or looks like, another member's name or handle`],
    [{ displayName: 'AIice' }, 'displayName', `"AIice" is taken: it is, or looks like, another member's name or handle`],
    [{ handle: '@Alice' }, 'handle', '@alice is taken'],
  ])('refuses %j from another member with 409 and the field', async (body, field, message) => {
    const response = await call('PUT /me', member('bob@parley.test'), body);

    expect(response).toEqual({ status: 409, headers: expect.any(Object), body: { message, field } });
  });

  it('refuses a reserved name with 409 and a message that says so', async () => {
    const response = await call('PUT /me', member('morgan@parley.test'), { displayName: 'Morgan (mod)' });

    expect(response).toMatchObject({ status: 409, body: { field: 'displayName', message: expect.stringContaining('is reserved') } });
  });

  it('changes both names at once, answers the new profile, and writes a user.renamed audit entry naming the member as actor', async () => {
    const caller = member('robin@parley.test');
    await call('GET /me', caller);

    const response = await call('PUT /me', caller, { displayName: '  Robin\u00A0 Hood ', handle: 'Robin_Hood' });
    const after = await call('GET /me', caller);

    expect(response).toMatchObject({ status: 200, body: { sub: caller.sub, handle: 'robin_hood', displayName: 'Robin Hood', moderator: false } });
    expect(after.body).toEqual(response.body);
    const { Items = [] } = await table.db.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#USER#${caller.sub}` } }));
    expect(Items).toEqual([
      expect.objectContaining({
        action: 'user.renamed',
        at: new Date(NOW).toISOString(),
        user: { sub: caller.sub, handle: 'robin_hood', displayName: 'Robin Hood', moderator: false },
        previous: { handle: 'robin', displayName: 'robin' },
        moderator: { sub: caller.sub, handle: 'robin_hood', displayName: 'Robin Hood' },
        gsi1pk: 'AUDIT',
        gsi2pk: `ACTOR#${caller.sub}`,
      }),
    ]);
  });

  it('answers the 6th change of a day with 429, Retry-After and the reason; an unchanged name counts nothing', async () => {
    const caller = member('sixth@parley.test');
    const statuses = [];
    for (let i = 1; i <= 5; i += 1) {
      clock.now = NOW + i * 60_000;
      statuses.push((await call('PUT /me', caller, { displayName: `Sixth ${i}` })).status);
    }
    const unchanged = await call('PUT /me', caller, { displayName: 'Sixth 5' });
    clock.now = NOW + 6 * 60_000;

    const refused = await call('PUT /me', caller, { displayName: 'Sixth 6' });
    clock.now = NOW;

    expect([...statuses, unchanged.status]).toEqual([200, 200, 200, 200, 200, 200]);
    expect(refused).toMatchObject({
      status: 429,
      headers: expect.objectContaining({ 'retry-after': String(24 * 3600 - 5 * 60) }),
      body: { message: 'You can change your name at most 5 times a day; try again in 24 h' },
    });
  });

  it('takes its limit from NAME_CHANGE_LIMIT: another count and window, or off', async () => {
    const withLimit = (changeLimit: RateLimit) =>
      createProfileApi({
        profiles: createProfileStore(table.db, TABLE, { clock: () => clock.now, changeLimit }),
        mentions: createMentionReader(table.db, TABLE, () => clock.now),
        nextId: createMessageIdGenerator(randomBytes),
        logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
        metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
        clock: () => clock.now,
      });
    const rename = async (limited: ProfileApi, caller: Record<string, string>, displayName: string) =>
      (await limited(httpEvent('PUT /me', { claims: caller, body: { displayName } }))) as { statusCode: number; body?: string };
    const strict = withLimit({ count: 2, seconds: 3600 });
    const open = withLimit('off');
    const tight = member('tight@parley.test');
    const free = member('free@parley.test');

    const tightStatuses = [];
    for (const name of ['Tight A', 'Tight B', 'Tight C']) tightStatuses.push((await rename(strict, tight, name)).statusCode);
    const refusal = await rename(strict, tight, 'Tight D');
    const freeStatuses = [];
    for (let i = 0; i < 7; i += 1) freeStatuses.push((await rename(open, free, `Free ${i}`)).statusCode);

    expect(tightStatuses).toEqual([200, 200, 429]);
    expect(JSON.parse(refusal.body ?? '{}')).toEqual({ message: 'You can change your name at most 2 times in 1 h; try again in 1 h' });
    expect(freeStatuses).toEqual([200, 200, 200, 200, 200, 200, 200]);
  });

  it('refuses a caller without a sub with 403 and an unknown route with 404', async () => {
    const anonymous = await call('GET /me', {});
    const unknown = await call('DELETE /me', member());

    expect(anonymous).toMatchObject({ status: 403, body: { message: 'A profile needs a signed-in member' } });
    expect(unknown.status).toBe(404);
  });

  it('builds itself from its environment', async () => {
    const handler = createProfileHandler(table.env);

    const response = await handler(httpEvent('GET /me', { claims: { sub: 'sub-alice' } }));

    expect(JSON.parse(response.body ?? '')).toMatchObject({ handle: 'alice' });
  });
});
