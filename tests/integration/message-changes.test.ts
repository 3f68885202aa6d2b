import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapFillPage, MessagePage } from '../../core/history-api.ts';
import type { ChatEvent, ChatMessage } from '../../core/messages.ts';
import type { Profile } from '../../core/profile.ts';
import type { MessageReactions } from '../../core/reactions.ts';
import { STARTER_ROOM_ID } from '../../core/rooms.ts';
import { applyToTimeline, emptyTimeline, oldestStoredId, timelineEntries, type Timeline } from '../../core/timeline.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';

/**
 * Edits, deletes, replies, reactions and mentions through the local cloud with the real
 * aws-amplify client: published on the room's channel, broadcast to both members, refused per
 * event where the contract says, and converged by a member who was away, through the gap fill.
 */
describe('message changes through the local cloud', () => {
  let cloud: LocalCloud;
  let alice: AmplifyTestClient;
  let bob: AmplifyTestClient;
  let bobProfile: Profile;
  let roomId: string;
  let channel: string;

  const send = (client: AmplifyTestClient, payload: Record<string, unknown>) => client.post(channel, [payload]);
  const page = async (client: AmplifyTestClient) => ((await client.rest('GET', `/rooms/${roomId}/messages`)).body as MessagePage).items;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    [alice, bob] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob')) as [AmplifyTestClient, AmplifyTestClient];
    bobProfile = (await bob.rest('GET', '/me')).body as Profile;
    roomId = ((await alice.rest('POST', '/rooms', { name: `changes-${randomUUID().slice(0, 8)}` })).body as { id: string }).id;
    channel = `/chat/rooms/${roomId}`;
    await Promise.all([alice.subscribe('room', channel), bob.subscribe('room', channel)]);
  });

  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await cloud?.close();
  });

  it('has the starter room once members have signed in', async () => {
    const room = await alice.rest('GET', `/rooms/${STARTER_ROOM_ID}`);

    expect(room.body).toMatchObject({ id: STARTER_ROOM_ID, name: 'General', kind: 'public' });
  });

  it('broadcasts a mention, a reply, a reaction, an edit and a delete to both members, and refuses another’s edit', async () => {
    expect(await send(alice, { type: 'message', clientMsgId: randomUUID(), text: `hi @${bobProfile.handle}` })).toBeNull();
    const [created] = (await bob.waitForEvents('room', 1)) as [{ message: ChatMessage }];
    expect(created.message.mentions).toEqual([{ sub: bobProfile.sub, handle: bobProfile.handle }]);
    const original = created.message;

    expect(await send(bob, { type: 'message', clientMsgId: randomUUID(), text: 'hello!', replyTo: original.id })).toBeNull();
    expect(await send(bob, { type: 'reaction', messageId: original.id, emoji: '👍', add: true })).toBeNull();
    expect(await send(alice, { type: 'edit', messageId: original.id, text: 'hi everyone' })).toBeNull();
    const refused = await send(bob, { type: 'edit', messageId: original.id, text: 'mine now' });
    expect(await send(alice, { type: 'delete', messageId: original.id })).toBeNull();
    const events = (await alice.waitForEvents('room', 5)) as ChatEvent[];

    expect(refused).toEqual([expect.objectContaining({ message: expect.stringMatching(/^NOT_AUTHOR: /) })]);
    expect(events.map((e) => e.type)).toEqual(['message.created', 'message.created', 'reaction.changed', 'message.edited', 'message.deleted']);
    expect(events[1]).toMatchObject({ message: { replyTo: { id: original.id, excerpt: `hi @${bobProfile.handle}` } } });
    expect(events[2]).toMatchObject({ id: original.id, emoji: '👍', count: 1, add: true, author: { sub: bobProfile.sub } });
    expect(events[3]).toMatchObject({ message: { id: original.id, text: 'hi everyone', editedAt: expect.any(String) } });
    expect((await page(bob)).find((item) => item.id === original.id)).toEqual({ id: original.id, roomId, createdAt: original.createdAt, deleted: true });
  });

  it('brings a member who was away up to date: the gap fill’s updates make their timeline what history says', async () => {
    for (const text of ['one', 'two', 'three']) expect(await send(alice, { type: 'message', clientMsgId: randomUUID(), text })).toBeNull();
    const before = await page(bob);
    let bobs: Timeline = applyToTimeline(emptyTimeline(bobProfile.sub), { kind: 'history', items: before });
    const newest = before[0]!.id;
    const [three, two, one] = before as ChatMessage[];
    await bob.unsubscribe('room');

    expect(await send(alice, { type: 'edit', messageId: one!.id, text: 'one, edited' })).toBeNull();
    expect(await send(alice, { type: 'delete', messageId: two!.id })).toBeNull();
    expect(await send(alice, { type: 'reaction', messageId: three!.id, emoji: '🎉', add: true })).toBeNull();
    // The first page of a fill asks for the changes of every message the reader holds.
    const fill = (await bob.rest('GET', `/rooms/${roomId}/messages?after=${newest}&changesFrom=${oldestStoredId(bobs)}`)).body as GapFillPage;
    bobs = applyToTimeline(applyToTimeline(bobs, { kind: 'history', items: fill.items }), { kind: 'updates', items: fill.updates ?? [] });
    const fresh = applyToTimeline(emptyTimeline(bobProfile.sub), { kind: 'history', items: await page(bob) });

    expect(fill.updates?.map((u) => u.id).sort()).toEqual([one!.id, two!.id, three!.id].sort());
    // What the reader sees; a tombstone of a message they had seen keeps its author, one read fresh has none.
    const shown = (t: Timeline) => timelineEntries(t).map((e) => ({ kind: e.kind, key: e.key, text: e.message.text, editedAt: (e.message as ChatMessage).editedAt, reactions: (e.message as ChatMessage).reactions }));
    expect(shown(bobs)).toEqual(shown(fresh));
    expect(bobs.byId[three!.id]?.reactions).toEqual([{ emoji: '🎉', count: 1, mine: false }]);
  });

  it('says who reacted', async () => {
    const [newest] = (await page(alice)) as ChatMessage[];
    expect(await send(bob, { type: 'reaction', messageId: newest!.id, emoji: '🎉', add: true })).toBeNull();

    const who = (await alice.rest('GET', `/rooms/${roomId}/messages/${newest!.id}/reactions`)).body as MessageReactions;

    expect(who.items).toEqual([{ emoji: '🎉', people: expect.arrayContaining([expect.objectContaining({ sub: bobProfile.sub, handle: bobProfile.handle })]) }]);
    expect(who.items[0]!.people).toHaveLength(2);
  });
});
