import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MentionNotice } from '../../core/mention-notice.ts';
import type { Author, PersistRequest } from '../../core/messages.ts';
import { type LambdaTable, startLambdaTable, TABLE } from '../../tests/support/lambda-table.ts';
import { seedMembersOnlyRoom } from '../../tests/support/members-only-room.ts';
import { type EventPublisher, PublishFailedError } from '../lib/event-publisher.ts';
import { createLogger } from '../lib/logger.ts';
import { createMembershipReader } from '../lib/membership-reader.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { fromMessageItem, MESSAGE_ORDER_INDEX, roomTimelinePk } from '../lib/message-item.ts';
import type { MetricsSink } from '../lib/metrics.ts';
import { createMuteReader } from '../lib/mute-reader.ts';
import { handleItemKey } from '../lib/profile-items.ts';
import { createRateLimiter } from '../lib/rate-limiter.ts';
import { createRoomStore } from '../lib/room-store.ts';
import { createChangeDeps } from './change-applier.ts';
import { createMessageWriter } from './message-writer.ts';
import { createPersistMessages, createPersistMessagesHandler, type PersistMessages } from './persist-messages.ts';
import { createMentionStore, type MentionStore } from './mention-store.ts';
import { mentionListPk } from '../lib/mention-item.ts';
import { meteredClient } from '../../tests/support/capacity-meter.ts';

const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const bob: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };
const cy: Author = { sub: 'sub-cy', handle: 'cyrus', displayName: 'Cyrus', moderator: false };

interface Published {
  channel: string;
  events: unknown[];
}

/** Records every publish; fails each one when told to, as the Event API would refuse it. */
function fakePublisher(options: { fail?: boolean } = {}): EventPublisher & { published: Published[] } {
  const published: Published[] = [];
  return {
    published,
    async publish(channel, events) {
      if (options.fail) throw new PublishFailedError(`Publishing on ${channel} failed: HTTP 401`);
      published.push({ channel, events });
    },
  };
}

describe('persist-messages mention notices', () => {
  let table: LambdaTable;
  let rooms = 0;
  const counts: Record<string, number> = {};
  const metrics: MetricsSink = {
    count: (name, value) => void (counts[name] = (counts[name] ?? 0) + value),
    countByCode: () => undefined,
    flush: () => undefined,
  };

  beforeAll(async () => {
    table = await startLambdaTable();
    for (const author of [ada, bob, cy]) {
      await table.db.send(new PutCommand({ TableName: TABLE, Item: { ...handleItemKey(author.handle), type: 'handle', sub: author.sub } }));
    }
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  function persistWith(publisher: EventPublisher, mentionStore: MentionStore = createMentionStore(table.db, TABLE), db = table.db, clock: () => number = Date.now): PersistMessages {
    return createPersistMessages({
      writer: createMessageWriter(db, TABLE),
      rooms: createRoomStore(db, TABLE),
      rateLimiter: createRateLimiter(db, TABLE, 'off'),
      mutes: createMuteReader(db, TABLE),
      members: createMembershipReader(db, TABLE),
      publisher,
      mentionStore,
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics,
      clock,
      nextId: createMessageIdGenerator(randomBytes),
      ...createChangeDeps(db, TABLE),
    });
  }

  async function newRoom(): Promise<string> {
    const id = `mentions-${(rooms += 1)}`;
    await createRoomStore(table.db, TABLE).create({ id, name: id, now: new Date().toISOString() });
    return id;
  }

  const post = (roomId: string, text: string, options: { epoch?: string; clientMsgId?: string } = {}): PersistRequest => ({
    roomId,
    ...(options.epoch === undefined ? {} : { epoch: options.epoch }),
    author: ada,
    messages: [{ eventId: 'e-1', clientMsgId: options.clientMsgId ?? randomUUID(), text }],
  });

  const remove = (roomId: string, messageId: string, epoch?: string): PersistRequest => ({
    roomId,
    ...(epoch === undefined ? {} : { epoch }),
    author: ada,
    messages: [],
    changes: [{ eventId: 'd-0', type: 'delete' as const, messageId }],
  });

  const edit = (roomId: string, messageId: string, texts: string[], epoch?: string): PersistRequest => ({
    roomId,
    ...(epoch === undefined ? {} : { epoch }),
    author: ada,
    messages: [],
    changes: texts.map((text, i) => ({ eventId: `c-${i}`, type: 'edit' as const, messageId, text })),
  });

  /** The stored mentions of `sub`, as `GET /me/mentions` reads them. */
  async function mentionList(sub: string) {
    const { Items = [] } = await table.db.send(
      new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': mentionListPk(sub) }, ConsistentRead: true }),
    );
    return Items;
  }

  async function timeline(roomId: string) {
    const { Items = [] } = await table.db.send(
      new QueryCommand({ TableName: TABLE, IndexName: MESSAGE_ORDER_INDEX, KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': roomTimelinePk(roomId) } }),
    );
    return Items.map(fromMessageItem);
  }

  it('publishes one notice on each mentioned member\'s own channel, and none to the author who mentions herself', async () => {
    const roomId = await newRoom();
    const publisher = fakePublisher();

    const { results } = await persistWith(publisher)(post(roomId, '@bob and @cyrus, meet @ada'));

    const message = results[0]!.message!;
    const notice: MentionNotice = {
      type: 'mention',
      roomId,
      messageId: message.id,
      author: { sub: ada.sub, handle: 'ada', displayName: 'Ada' },
      excerpt: '@bob and @cyrus, meet @ada',
    };
    expect(publisher.published.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: '/signals/users/sub-bob', events: [notice] },
      { channel: '/signals/users/sub-cy', events: [notice] },
    ]);
  });

  it('publishes nothing for a message that mentions nobody but its author', async () => {
    const roomId = await newRoom();
    const publisher = fakePublisher();

    await persistWith(publisher)(post(roomId, 'note to self, @ada'));

    expect(publisher.published).toEqual([]);
  });

  it('notifies once: a retry that finds its message stored publishes nothing again', async () => {
    const roomId = await newRoom();
    const publisher = fakePublisher();
    const retry = post(roomId, 'hi @bob', { clientMsgId: randomUUID() });

    await persistWith(publisher)(retry);
    await persistWith(publisher)(retry);

    expect(publisher.published.map((p) => p.channel)).toEqual(['/signals/users/sub-bob']);
  });

  it('keeps the message stored and answered when every notice fails, counting the failures', async () => {
    const roomId = await newRoom();
    const before = counts.MentionsNotPublished ?? 0;

    const { results } = await persistWith(fakePublisher({ fail: true }))(post(roomId, 'hi @bob and @cyrus'));

    expect(results[0]?.error).toBeUndefined();
    expect(results[0]?.message?.mentions?.map((m) => m.handle)).toEqual(['bob', 'cyrus']);
    expect((await timeline(roomId)).map((m) => m.text)).toEqual(['hi @bob and @cyrus']);
    expect((counts.MentionsNotPublished ?? 0) - before).toBe(2);
  });

  it.each(['private', 'dm'] as const)('notifies only members of a %s room, though the message keeps every mention', async (kind) => {
    const { roomId, epoch } = await seedMembersOnlyRoom(table.db, TABLE, [ada, bob], { kind });
    const publisher = fakePublisher();

    const { results } = await persistWith(publisher)(post(roomId, 'hi @bob, and @cyrus', { epoch }));

    expect(results[0]?.message?.mentions?.map((m) => m.handle)).toEqual(['bob', 'cyrus']);
    expect(publisher.published.map((p) => p.channel)).toEqual(['/signals/users/sub-bob']);
  });

  it('stores the message when the deployed publisher cannot reach the Event API', async () => {
    const roomId = await newRoom();
    // lambda-table's EVENT_API_URL points at a port nothing listens on.
    const persist = createPersistMessagesHandler(table.env);

    const { results } = await persist(post(roomId, 'are you there, @bob?'));

    expect(results[0]?.message?.mentions).toEqual([{ sub: bob.sub, handle: 'bob' }]);
    expect((await timeline(roomId)).map((m) => m.text)).toEqual(['are you there, @bob?']);
  });

  it('stores each recipient\'s mention with the notice\'s fields for 30 days, and none for the author', async () => {
    const roomId = await newRoom();
    const before = { bob: (await mentionList(bob.sub)).length, cy: (await mentionList(cy.sub)).length, ada: (await mentionList(ada.sub)).length };
    const sentAt = Date.now();

    const { results } = await persistWith(fakePublisher())(post(roomId, '@bob and @cyrus, meet @ada'));

    const id = results[0]!.message!.id;
    const bobs = await mentionList(bob.sub);
    expect(bobs).toHaveLength(before.bob + 1);
    expect((await mentionList(cy.sub)).map((i) => i.sk)).toContain(id);
    expect(await mentionList(ada.sub)).toHaveLength(before.ada);
    const stored = bobs.find((i) => i.sk === id)!;
    expect(stored).toMatchObject({ roomId, author: { sub: ada.sub, handle: 'ada', displayName: 'Ada' }, excerpt: '@bob and @cyrus, meet @ada' });
    const days = ((stored.expiresAt as number) * 1000 - sentAt) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
  });

  it('stores a mention once: a retry that finds its message stored writes nothing again', async () => {
    const roomId = await newRoom();
    const retry = post(roomId, 'again @cyrus', { clientMsgId: randomUUID() });
    await persistWith(fakePublisher())(retry);
    const before = await mentionList(cy.sub);
    const store = createMentionStore(table.db, TABLE);
    let calls = 0;

    await persistWith(fakePublisher(), { store: async (m, now) => ((calls += m.length), store.store(m, now)) })(retry);

    expect(calls).toBe(0);
    expect(await mentionList(cy.sub)).toEqual(before);
  });

  it('costs 1 WRU per stored mention', async () => {
    const roomId = await newRoom();
    const meter = meteredClient(table.env);

    await persistWith(fakePublisher(), createMentionStore(meter.client, TABLE))(post(roomId, 'hi @bob and @cyrus'));

    expect(meter.writeUnits).toBe(2);
    meter.client.destroy();
  });

  it('stores mentions only for members of a private room, as it notifies', async () => {
    const { roomId, epoch } = await seedMembersOnlyRoom(table.db, TABLE, [ada, bob], { kind: 'private' });

    const { results } = await persistWith(fakePublisher())(post(roomId, 'psst @bob, and @cyrus', { epoch }));

    const id = results[0]!.message!.id;
    expect((await mentionList(bob.sub)).map((i) => i.sk)).toContain(id);
    expect((await mentionList(cy.sub)).map((i) => i.sk)).not.toContain(id);
  });

  it('keeps the message stored and counts the mentions not stored when the list write fails', async () => {
    const roomId = await newRoom();
    const before = counts.MentionsNotStored ?? 0;
    const failing: MentionStore = { store: async () => Promise.reject(new Error('throttled')) };

    const { results } = await persistWith(fakePublisher(), failing)(post(roomId, 'hi @bob and @cyrus'));

    expect(results[0]?.error).toBeUndefined();
    expect((counts.MentionsNotStored ?? 0) - before).toBe(2);
  });

  describe('of an edit', () => {
    it('notifies and stores for the members an edit newly mentions only, with the edited text', async () => {
      const roomId = await newRoom();
      const { results } = await persistWith(fakePublisher())(post(roomId, 'hi @bob'));
      const id = results[0]!.message!.id;
      const bobsBefore = await mentionList(bob.sub);
      const publisher = fakePublisher();

      const edited = await persistWith(publisher)(edit(roomId, id, ['hi @bob, and @cyrus too']));

      expect(edited.results[0]?.error).toBeUndefined();
      const notice: MentionNotice = { type: 'mention', roomId, messageId: id, author: { sub: ada.sub, handle: 'ada', displayName: 'Ada' }, excerpt: 'hi @bob, and @cyrus too' };
      expect(publisher.published).toEqual([{ channel: '/signals/users/sub-cy', events: [notice] }]);
      expect((await mentionList(cy.sub)).find((i) => i.sk === id)).toMatchObject({ roomId, author: notice.author, excerpt: notice.excerpt });
      expect(await mentionList(bob.sub)).toEqual(bobsBefore);
    });

    it('notifies each member once: not again for a retried edit, an edit that keeps the mention, or one that takes it out', async () => {
      const roomId = await newRoom();
      const { results } = await persistWith(fakePublisher())(post(roomId, 'hi @bob'));
      const id = results[0]!.message!.id;
      const publisher = fakePublisher();
      const send = async (text: string) => (await persistWith(publisher)(edit(roomId, id, [text]))).results[0];

      const outcomes = [await send('hi @bob and @cyrus')];
      const stored = await mentionList(cy.sub);
      outcomes.push(await send('hi @bob and @cyrus'), await send('@cyrus and @bob, hello'), await send('hello @bob'));

      expect(outcomes.map((r) => r?.error ?? r?.change?.type)).toEqual(['message.edited', 'message.edited', 'message.edited', 'message.edited']);
      expect(publisher.published.map((p) => [p.channel, (p.events[0] as MentionNotice).excerpt])).toEqual([['/signals/users/sub-cy', 'hi @bob and @cyrus']]);
      // Taken out of the text, the mention stays in cyrus's list: an edit notifies, it does not un-notify.
      expect(await mentionList(cy.sub)).toEqual(stored);
      expect(stored.map((i) => i.sk)).toContain(id);
    });

    it('notifies once per member and message when edits of one batch take a mention out and back', async () => {
      const roomId = await newRoom();
      const { results } = await persistWith(fakePublisher())(post(roomId, 'hi all'));
      const id = results[0]!.message!.id;
      const publisher = fakePublisher();

      const edited = await persistWith(publisher)(edit(roomId, id, ['hi @cyrus', 'hi all', 'hi again @cyrus']));

      expect(edited.results.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
      expect(publisher.published.map((p) => [p.channel, (p.events[0] as MentionNotice).excerpt])).toEqual([['/signals/users/sub-cy', 'hi again @cyrus']]);
      expect((await mentionList(cy.sub)).find((i) => i.sk === id)?.excerpt).toBe('hi again @cyrus');
    });

    it('notifies and stores only for members of a private room, as for a new message', async () => {
      const { roomId, epoch } = await seedMembersOnlyRoom(table.db, TABLE, [ada, bob], { kind: 'private' });
      const { results } = await persistWith(fakePublisher())(post(roomId, 'psst', { epoch }));
      const id = results[0]!.message!.id;
      const publisher = fakePublisher();

      const edited = await persistWith(publisher)(edit(roomId, id, ['psst @bob, and @cyrus'], epoch));

      expect(edited.results[0]?.change?.type === 'message.edited' && edited.results[0].change.message.mentions?.map((m) => m.handle)).toEqual(['bob', 'cyrus']);
      expect(publisher.published.map((p) => p.channel)).toEqual(['/signals/users/sub-bob']);
      expect((await mentionList(bob.sub)).map((i) => i.sk)).toContain(id);
      expect((await mentionList(cy.sub)).map((i) => i.sk)).not.toContain(id);
    });

    it('keeps the edit and counts the notices not published when they fail', async () => {
      const roomId = await newRoom();
      const { results } = await persistWith(fakePublisher())(post(roomId, 'hi'));
      const before = counts.MentionsNotPublished ?? 0;

      const edited = await persistWith(fakePublisher({ fail: true }))(edit(roomId, results[0]!.message!.id, ['hi @bob and @cyrus']));

      expect(edited.results[0]?.error).toBeUndefined();
      expect((counts.MentionsNotPublished ?? 0) - before).toBe(2);
    });

    it('costs 1 WRU per member it newly mentions, and nothing more for one that mentions nobody new', async () => {
      const roomId = await newRoom();
      const { results } = await persistWith(fakePublisher())(post(roomId, 'hi @bob'));
      const id = results[0]!.message!.id;
      const meter = meteredClient(table.env);
      const persist = persistWith(fakePublisher(), createMentionStore(meter.client, TABLE), meter.client);

      await persist(edit(roomId, id, ['hi @bob and @cyrus']));
      const adding = meter.writeUnits;
      meter.reset();
      await persist(edit(roomId, id, ['hello @bob and @cyrus']));
      const keeping = meter.writeUnits;

      // The edit itself is the same either way (its overlay; changes.test.ts measures it on DynamoDB
      // Local, as dynalite bills no index writes); the rate limit is off here.
      expect(adding - keeping).toBe(1);
      expect(keeping).toBeGreaterThan(0);
      meter.client.destroy();
    });
  });

  describe('of a delete', () => {
    it('takes the mention back from each member the message or its last edit mentioned, on their channel and in their list, once', async () => {
      const roomId = await newRoom();
      // One fixed time: the delete lands within the message's first seconds however loaded the machine.
      const at = Date.now();
      const { results } = await persistWith(fakePublisher(), undefined, undefined, () => at)(post(roomId, 'hi @bob and @ada'));
      const id = results[0]!.message!.id;
      await persistWith(fakePublisher(), undefined, undefined, () => at)(edit(roomId, id, ['hi @cyrus']));
      const publisher = fakePublisher();

      const deleted = await persistWith(publisher, undefined, undefined, () => at)(remove(roomId, id));
      const again = fakePublisher();
      await persistWith(again, undefined, undefined, () => at)(remove(roomId, id));

      expect(deleted.results[0]?.change).toEqual({ type: 'message.deleted', roomId, id });
      expect(publisher.published).toEqual([
        { channel: '/signals/users/sub-bob', events: [{ type: 'mention.withdrawn', roomId, messageId: id }] },
        { channel: '/signals/users/sub-cy', events: [{ type: 'mention.withdrawn', roomId, messageId: id }] },
      ]);
      expect(again.published).toEqual([]);
      // Within the message's first seconds a withdrawal has the mention's own key: it replaces it.
      for (const sub of [bob.sub, cy.sub]) {
        expect((await mentionList(sub)).filter((i) => i.sk === id)).toEqual([expect.objectContaining({ roomId, withdrawn: true })]);
        expect((await mentionList(sub)).find((i) => i.sk === id)).not.toHaveProperty('excerpt');
      }
    });

    it('lists a later withdrawal after the mention, where a reader past the mention finds it', async () => {
      const roomId = await newRoom();
      const sent = Date.now() - 3_600_000;
      const { results } = await persistWith(fakePublisher(), undefined, undefined, () => sent)(post(roomId, 'an hour ago, @bob'));
      const id = results[0]!.message!.id;

      await persistWith(fakePublisher())(remove(roomId, id));

      const list = (await mentionList(bob.sub)).filter((i) => (i.messageId ?? i.sk) === id);
      expect(list.map((i) => [i.sk === id, i.withdrawn === true])).toEqual([
        [true, false],
        [false, true],
      ]);
      expect(list[1]!.sk > id).toBe(true);
    });

    it('tells a member only of the delete when one batch edits a mention in and then deletes the message', async () => {
      const roomId = await newRoom();
      const at = Date.now() - 60_000;
      const { results } = await persistWith(fakePublisher(), undefined, undefined, () => at)(post(roomId, 'plans'));
      const id = results[0]!.message!.id;
      const publisher = fakePublisher();
      const batch: PersistRequest = { ...edit(roomId, id, ['plans, @bob?']), changes: [...edit(roomId, id, ['plans, @bob?']).changes!, ...remove(roomId, id).changes!] };

      const answered = await persistWith(publisher)(batch);

      expect(answered.results.map((r) => r.change?.type)).toEqual(['message.edited', 'message.deleted']);
      expect(publisher.published).toEqual([{ channel: '/signals/users/sub-bob', events: [{ type: 'mention.withdrawn', roomId, messageId: id }] }]);
      expect((await mentionList(bob.sub)).filter((i) => (i.messageId ?? i.sk) === id).map((i) => i.withdrawn === true)).toEqual([true]);
    });

    it('tells nobody when the deleted message mentioned nobody but its author', async () => {
      const roomId = await newRoom();
      const { results } = await persistWith(fakePublisher())(post(roomId, 'note to self, @ada'));
      const publisher = fakePublisher();

      await persistWith(publisher)(remove(roomId, results[0]!.message!.id));

      expect(publisher.published).toEqual([]);
    });

    it('takes it back only from members of a private room, as it notified', async () => {
      const { roomId, epoch } = await seedMembersOnlyRoom(table.db, TABLE, [ada, bob], { kind: 'private' });
      const { results } = await persistWith(fakePublisher())(post(roomId, 'psst @bob, and @cyrus', { epoch }));
      const publisher = fakePublisher();

      await persistWith(publisher)(remove(roomId, results[0]!.message!.id, epoch));

      expect(publisher.published.map((p) => p.channel)).toEqual(['/signals/users/sub-bob']);
    });

    it('keeps the delete when every withdrawal fails, counting them', async () => {
      const roomId = await newRoom();
      const { results } = await persistWith(fakePublisher())(post(roomId, 'hi @bob and @cyrus'));
      const before = { published: counts.MentionWithdrawalsNotPublished ?? 0, stored: counts.MentionWithdrawalsNotStored ?? 0 };
      const failing: MentionStore = { store: async () => Promise.reject(new Error('throttled')) };

      const deleted = await persistWith(fakePublisher({ fail: true }), failing)(remove(roomId, results[0]!.message!.id));

      expect(deleted.results[0]?.change?.type).toBe('message.deleted');
      expect((counts.MentionWithdrawalsNotPublished ?? 0) - before.published).toBe(2);
      expect((counts.MentionWithdrawalsNotStored ?? 0) - before.stored).toBe(2);
    });

    it('costs 1 WRU per member it takes a mention back from', async () => {
      const roomId = await newRoom();
      const { results } = await persistWith(fakePublisher())(post(roomId, 'hi @bob'));
      const { results: plain } = await persistWith(fakePublisher())(post(roomId, 'hi all'));
      const meter = meteredClient(table.env);
      const persist = persistWith(fakePublisher(), createMentionStore(meter.client, TABLE), meter.client);

      await persist(remove(roomId, results[0]!.message!.id));
      const withMention = meter.writeUnits;
      meter.reset();
      await persist(remove(roomId, plain[0]!.message!.id));
      const without = meter.writeUnits;

      expect(withMention - without).toBe(1);
      meter.client.destroy();
    });
  });
});
