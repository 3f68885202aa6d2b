import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MentionList } from '../../core/mention-list.ts';
import { messageIdTime } from '../../core/message-id.ts';
import { type MentionNotice } from '../../core/mention-notice.ts';
import { meteredClient } from '../../tests/support/capacity-meter.ts';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable, TABLE } from '../../tests/support/lambda-table.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { createProfileStore } from '../lib/profile-store.ts';
import { createMentionStore } from '../persist-messages/mention-store.ts';
import { createMentionReader } from './mention-reader.ts';
import { createProfileApi, type ProfileApi } from './profile.ts';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const DAY = 86_400_000;
const nextId = createMessageIdGenerator(randomBytes);
const ada = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada' };

const notice = (roomId: string, at: number): MentionNotice => ({ type: 'mention', roomId, messageId: nextId(at), author: ada, excerpt: `hi @bob in ${roomId}` });

describe('GET /me/mentions', () => {
  let table: LambdaTable;
  const clock = { now: NOW };
  const bobs: MentionNotice[] = [];
  let carols: MentionNotice[] = [];

  function apiWith(db = table.db): ProfileApi {
    return createProfileApi({
      profiles: createProfileStore(db, TABLE, { clock: () => clock.now }),
      mentions: createMentionReader(db, TABLE, () => clock.now),
      nextId,
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: () => clock.now,
    });
  }

  async function call(sub: string, query?: Record<string, string>, api = apiWith()) {
    const result = await api(httpEvent('GET /me/mentions', { claims: { sub }, ...(query ? { query } : {}) }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as MentionList & { message?: string } };
  }

  beforeAll(async () => {
    table = await startLambdaTable();
    const store = createMentionStore(table.db, TABLE);
    // Each stored when its message was, as persist-messages stores a new message's mentions.
    for (let i = 0; i < 5; i += 1) bobs.push(notice(`room-${i}`, NOW - (5 - i) * 60_000));
    carols = [notice('carols-room', NOW - 1_000)];
    for (const n of bobs) await store.store([{ sub: 'sub-bob', event: n }], messageIdTime(n.messageId)!);
    await store.store(carols.map((n) => ({ sub: 'sub-carol', event: n })), NOW);
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  it('answers the caller\'s own mentions, oldest first, with the notice\'s fields', async () => {
    const response = await call('sub-bob');

    expect(response).toEqual({ status: 200, body: { items: bobs } });
  });

  it('reads the sub from the token only: a sub in the query changes nothing', async () => {
    const response = await call('sub-carol', { sub: 'sub-bob', user: 'sub-bob' });

    expect(response.body.items).toEqual(carols);
  });

  it('answers only the mentions after `after`', async () => {
    const response = await call('sub-bob', { after: bobs[2]!.messageId });

    expect(response.body).toEqual({ items: bobs.slice(3) });
  });

  it('pages by `limit`, the cursor being the `after` of the next page', async () => {
    const first = await call('sub-bob', { limit: '2' });
    const second = await call('sub-bob', { limit: '2', after: first.body.nextCursor! });
    const last = await call('sub-bob', { limit: '2', after: second.body.nextCursor! });

    expect(first.body).toEqual({ items: bobs.slice(0, 2), nextCursor: bobs[1]!.messageId });
    expect(second.body).toEqual({ items: bobs.slice(2, 4), nextCursor: bobs[3]!.messageId });
    expect(last.body).toEqual({ items: bobs.slice(4) });
  });

  it('lists an edit’s mention of an older message at the time it was stored, after mentions heard before it', async () => {
    const store = createMentionStore(table.db, TABLE);
    const heard = notice('room-new', NOW - 1_000);
    const old = notice('room-old', NOW - 3_600_000);
    await store.store([{ sub: 'sub-dora', event: heard }], messageIdTime(heard.messageId)!);
    // The message from an hour ago is edited now to mention dora: an app that heard the newest
    // mention reads after it, and finds this one.
    await store.store([{ sub: 'sub-dora', event: { ...old, excerpt: 'edited to mention @dora' } }], NOW);

    const after = await call('sub-dora', { after: heard.messageId });
    const all = await call('sub-dora');

    expect(after.body).toEqual({ items: [{ ...old, excerpt: 'edited to mention @dora' }] });
    expect(all.body.items.map((n) => n.messageId)).toEqual([heard.messageId, old.messageId]);
  });

  it('answers a withdrawal where it was stored: after the mention it takes back, or in its place within the first seconds', async () => {
    const store = createMentionStore(table.db, TABLE);
    // A generator of its own: the file's never goes back before ids it made for other tests.
    const ids = createMessageIdGenerator(randomBytes);
    const late: MentionNotice = { ...notice('room-late', NOW), messageId: ids(NOW - 600_000) };
    const early: MentionNotice = { ...notice('room-early', NOW), messageId: ids(NOW - 2_000) };
    await store.store([{ sub: 'sub-erin', event: early }], messageIdTime(early.messageId)!);
    await store.store([{ sub: 'sub-erin', event: late }], messageIdTime(late.messageId)!);
    const withdrawn = (n: MentionNotice) => ({ type: 'mention.withdrawn' as const, roomId: n.roomId, messageId: n.messageId });

    // Both deleted now: the early one 2 s after it was sent, the late one 10 min after.
    await store.store([{ sub: 'sub-erin', event: withdrawn(early) }, { sub: 'sub-erin', event: withdrawn(late) }], NOW);

    expect((await call('sub-erin')).body).toEqual({ items: [late, withdrawn(early), withdrawn(late)] });
    expect((await call('sub-erin', { after: early.messageId })).body).toEqual({ items: [withdrawn(late)] });
  });

  it('answers an empty list to a member nobody mentioned', async () => {
    expect(await call('sub-nobody')).toEqual({ status: 200, body: { items: [] } });
  });

  it('leaves out mentions past their 30 days that DynamoDB has not deleted yet', async () => {
    clock.now = NOW + 30 * DAY + 1_000;

    const response = await call('sub-bob');

    clock.now = NOW;
    expect(response.body.items).toEqual([]);
  });

  it.each([
    [{ after: 'not-an-id' }, 'after must be a message id'],
    [{ limit: '0' }, 'limit must be an integer from 1 to 100'],
    [{ limit: '101' }, 'limit must be an integer from 1 to 100'],
    [{ limit: 'ten' }, 'limit must be an integer from 1 to 100'],
  ])('refuses %j with 400 and says why', async (query, message) => {
    const response = await call('sub-bob', query);

    expect(response).toMatchObject({ status: 400, body: { message } });
  });

  it('reads a page of 100 short mentions in one Query for 2 RCU (~160 B each, 0.5 RCU per 4 KB)', async () => {
    const store = createMentionStore(table.db, TABLE);
    for (let i = 0; i < 120; i += 1) {
      const at = NOW - 200_000 + i * 1_000;
      await store.store([{ sub: 'sub-busy', event: notice(`busy-${i % 7}`, at) }], at);
    }
    const meter = meteredClient(table.env);

    const response = await call('sub-busy', undefined, apiWith(meter.client));

    expect(response.body.items).toHaveLength(100);
    expect(response.body.nextCursor).toBeDefined();
    expect(meter.readUnits).toBe(2);
    meter.client.destroy();
  });
});
