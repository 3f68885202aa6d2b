import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomChannel, userChannel } from '../../core/channels.ts';
import { checkMentionNotice } from '../../core/mention-notice.ts';
import type { ChatMessage } from '../../core/messages.ts';
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
    [aliceProfile, bobProfile] = (await Promise.all([alice.rest('GET', '/me'), bob.rest('GET', '/me')])).map((r) => r.body as Profile) as [Profile, Profile];
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
