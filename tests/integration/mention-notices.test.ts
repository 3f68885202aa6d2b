import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomChannel, userChannel } from '../../core/channels.ts';
import { checkMentionList } from '../../core/mention-list.ts';
import { checkMentionEvent, checkMentionNotice, type MentionNotice } from '../../core/mention-notice.ts';
import type { ChatEvent, ChatMessage } from '../../core/messages.ts';
import type { Profile } from '../../core/profile.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';

/**
 * Mentions reach a member in rooms they never opened: persist-messages publishes a notice on the
 * mentioned member's own channel (`/signals/users/<sub>`), through the local cloud's Event API,
 * with the real aws-amplify client on both ends. Only that member may listen there, and no member
 * may publish there.
 */
describe('mention notices through the local cloud', () => {
  let cloud: LocalCloud;
  let alice: AmplifyTestClient;
  let bob: AmplifyTestClient;
  let carol: AmplifyTestClient;
  let aliceProfile: Profile;
  let bobProfile: Profile;
  let carolProfile: Profile;

  /** The aws-amplify client's subscribe: 'ready', or the error its `error` callback got. */
  async function trySubscribe(client: AmplifyTestClient, key: string, channel: string): Promise<string> {
    try {
      await client.subscribe(key, channel);
      return 'ready';
    } catch {
      return client.subscriptionErrors.find((e) => e.key === key)?.error ?? 'rejected without an error';
    }
  }

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    // `mod` is a third member like any other here: carol.
    [alice, bob, carol] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob', 'mod')) as [AmplifyTestClient, AmplifyTestClient, AmplifyTestClient];
    [aliceProfile, bobProfile, carolProfile] = (await Promise.all([alice, bob, carol].map((c) => c.rest('GET', '/me')))).map((r) => r.body as Profile) as [Profile, Profile, Profile];
    await bob.subscribe('mine', userChannel(bobProfile.sub));
  });

  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close(), carol?.close()]);
    await cloud?.close();
  });

  it('delivers a mention in a room bob never opened to bob\'s own channel, and nothing for a message without one', async () => {
    const roomId = ((await alice.rest('POST', '/rooms', { name: `notices-${randomUUID().slice(0, 8)}` })).body as { id: string }).id;
    await alice.subscribe('room', roomChannel(roomId));

    expect(await alice.post(roomChannel(roomId), [{ type: 'message', clientMsgId: randomUUID(), text: 'nobody named here' }])).toBeNull();
    expect(await alice.post(roomChannel(roomId), [{ type: 'message', clientMsgId: randomUUID(), text: `over here, @${bobProfile.handle}` }])).toBeNull();
    const [, created] = (await alice.waitForEvents('room', 2)) as [unknown, { message: ChatMessage }];
    const [notice] = await bob.waitForEvents('mine', 1);

    expect(checkMentionNotice(notice)).toEqual({
      ok: true,
      value: {
        type: 'mention',
        roomId,
        messageId: created.message.id,
        author: { sub: aliceProfile.sub, handle: aliceProfile.handle, displayName: aliceProfile.displayName },
        excerpt: `over here, @${bobProfile.handle}`,
      },
    });
    expect(bob.received('mine')).toHaveLength(1);
    await alice.unsubscribe('room');
  });

  /** A room of bob's, his own subscription to it, and a way to post there and read back what was stored. */
  async function bobsRoom() {
    const roomId = ((await bob.rest('POST', '/rooms', { name: `edits-${randomUUID().slice(0, 8)}` })).body as { id: string }).id;
    await bob.subscribe('room', roomChannel(roomId));
    const send = (payload: Record<string, unknown>) => bob.post(roomChannel(roomId), [payload]);
    // The room also carries the edits' broadcasts: wait for this message's own.
    const created = async (text: string): Promise<ChatMessage> => {
      const clientMsgId = randomUUID();
      expect(await send({ type: 'message', clientMsgId, text })).toBeNull();
      for (let seen = 1; ; seen += 1) {
        const events = (await bob.waitForEvents('room', seen)) as ChatEvent[];
        const echo = events.find((e) => e.type === 'message.created' && e.message.clientMsgId === clientMsgId);
        if (echo?.type === 'message.created') return echo.message;
      }
    };
    return { roomId, send, created };
  }

  const bobsNotice = (roomId: string, messageId: string, excerpt: string): MentionNotice => ({
    type: 'mention',
    roomId,
    messageId,
    author: { sub: bobProfile.sub, handle: bobProfile.handle, displayName: bobProfile.displayName },
    excerpt,
  });

  it('tells carol of bob\'s edit that adds her, on her own channel and in her stored mentions', async () => {
    const { roomId, send, created } = await bobsRoom();
    await carol.subscribe('edit', userChannel(carolProfile.sub));
    const draft = await created('the plan for friday');
    const edited = `the plan for friday, @${carolProfile.handle} please check`;

    expect(await send({ type: 'edit', messageId: draft.id, text: edited })).toBeNull();
    const [notice] = await carol.waitForEvents('edit', 1);
    const listed = checkMentionList((await carol.rest('GET', '/me/mentions')).body);

    expect(checkMentionNotice(notice)).toEqual({ ok: true, value: bobsNotice(roomId, draft.id, edited) });
    expect(listed.ok && listed.value.items.filter((n) => n.messageId === draft.id)).toEqual([bobsNotice(roomId, draft.id, edited)]);
    await Promise.all([carol.unsubscribe('edit'), bob.unsubscribe('room')]);
  });

  it('does not tell carol again of an edit that mentions her as the text it replaced did', async () => {
    const { roomId, send, created } = await bobsRoom();
    await carol.subscribe('again', userChannel(carolProfile.sub));
    const first = await created(`lunch, @${carolProfile.handle}?`);
    await carol.waitForEvents('again', 1);

    expect(await send({ type: 'edit', messageId: first.id, text: `lunch at one, @${carolProfile.handle}?` })).toBeNull();
    // The next notice on her channel: an edit of another message that does add her.
    const second = await created('and coffee after');
    expect(await send({ type: 'edit', messageId: second.id, text: `and coffee after, @${carolProfile.handle}` })).toBeNull();
    const heard = (await carol.waitForEvents('again', 2)).map((n) => checkMentionNotice(n));

    expect(heard).toEqual([
      { ok: true, value: bobsNotice(roomId, first.id, `lunch, @${carolProfile.handle}?`) },
      { ok: true, value: bobsNotice(roomId, second.id, `and coffee after, @${carolProfile.handle}`) },
    ]);
    await Promise.all([carol.unsubscribe('again'), bob.unsubscribe('room')]);
  });

  it('takes back bob\'s mention of carol when he deletes the message: a withdrawal on her channel and in her stored list', async () => {
    const { roomId, send, created } = await bobsRoom();
    await carol.subscribe('withdrawn', userChannel(carolProfile.sub));
    const message = await created(`wrong room, @${carolProfile.handle}`);
    await carol.waitForEvents('withdrawn', 1);

    expect(await send({ type: 'delete', messageId: message.id })).toBeNull();
    const [, withdrawal] = await carol.waitForEvents('withdrawn', 2);
    const listed = checkMentionList((await carol.rest('GET', '/me/mentions')).body);

    expect(checkMentionEvent(withdrawal)).toEqual({ ok: true, value: { type: 'mention.withdrawn', roomId, messageId: message.id } });
    // The withdrawal comes last for this message in her list (it took the mention's place if the
    // delete came within the message's first seconds).
    expect(listed.ok && listed.value.items.filter((n) => n.messageId === message.id).at(-1)).toEqual({ type: 'mention.withdrawn', roomId, messageId: message.id });
    await Promise.all([carol.unsubscribe('withdrawn'), bob.unsubscribe('room')]);
  });

  it('refuses carol\'s subscribe to bob\'s channel, and a member\'s publish to any user channel', async () => {
    const refused = await trySubscribe(carol, 'bobs', userChannel(bobProfile.sub));
    const carolSub = ((await carol.rest('GET', '/me')).body as Profile).sub;
    const own = await trySubscribe(carol, 'own', userChannel(carolSub));
    const forged = await carol.post(userChannel(bobProfile.sub), [{ type: 'mention', roomId: 'lobby', messageId: 'x', author: bobProfile, excerpt: 'forged' }]);

    expect(refused).toContain('Unauthorized');
    expect(own).toBe('ready');
    expect(forged).toEqual([expect.objectContaining({ message: 'BAD_REQUEST: Only the server publishes to user channels' })]);
  });
});
