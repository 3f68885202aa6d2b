import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import { checkMentionList } from '../../core/mention-list.ts';
import type { ChatMessage } from '../../core/messages.ts';
import type { Profile } from '../../core/profile.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';

/**
 * A mention made while its member has no app open is kept for them: persist-messages stores it
 * beside the notice nobody heard, and `GET /me/mentions` answers it once they sign in again, with
 * the real aws-amplify client on both ends.
 */
describe('stored mentions through the local cloud', () => {
  let cloud: LocalCloud;
  let alice: AmplifyTestClient;
  let bob: AmplifyTestClient | undefined;
  let aliceProfile: Profile;
  let bobProfile: Profile;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    // Bob has signed in once (his handle exists), then closed the app.
    const [firstAlice, firstBob] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob')) as [AmplifyTestClient, AmplifyTestClient];
    alice = firstAlice;
    [aliceProfile, bobProfile] = (await Promise.all([alice.rest('GET', '/me'), firstBob.rest('GET', '/me')])).map((r) => r.body as Profile) as [Profile, Profile];
    await firstBob.close();
  });

  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await cloud?.close();
  });

  it('answers bob, signed in again, the mention alice made in a room he never opened while he was away', async () => {
    const roomId = ((await alice.rest('POST', '/rooms', { name: `away-${randomUUID().slice(0, 8)}` })).body as { id: string }).id;
    await alice.subscribe('room', roomChannel(roomId));
    expect(await alice.post(roomChannel(roomId), [{ type: 'message', clientMsgId: randomUUID(), text: `when you are back, @${bobProfile.handle}` }])).toBeNull();
    const [created] = (await alice.waitForEvents('room', 1)) as [{ message: ChatMessage }];

    [bob] = (await signedInDemoClients(cloud.outputs, 'bob')) as [AmplifyTestClient];
    const { statusCode, body } = await bob.rest('GET', '/me/mentions');
    const later = await bob.http('GET', `/me/mentions?after=${created.message.id}`, { withToken: true });
    const alices = await alice.rest('GET', '/me/mentions');

    expect(statusCode).toBe(200);
    expect(checkMentionList(body)).toEqual({
      ok: true,
      value: {
        items: [
          {
            type: 'mention',
            roomId,
            messageId: created.message.id,
            author: { sub: aliceProfile.sub, handle: aliceProfile.handle, displayName: aliceProfile.displayName },
            excerpt: `when you are back, @${bobProfile.handle}`,
          },
        ],
      },
    });
    expect([later.statusCode, JSON.parse(later.text)]).toEqual([200, { items: [] }]);
    expect(alices.body).toEqual({ items: [] });
  });

  it('refuses a malformed after with 400 and the reason', async () => {
    const response = await alice.http('GET', '/me/mentions?after=yesterday', { withToken: true });

    expect([response.statusCode, JSON.parse(response.text)]).toEqual([400, expect.objectContaining({ message: 'after must be a message id' })]);
  });
});
