import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageCreatedEvent } from '../../core/messages.ts';
import { demoUsers } from '../../local/demo-users.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients, startAmplifyClient } from '../support/amplify-client.ts';

const [alice] = demoUsers as [(typeof demoUsers)[0]];

describe('the real aws-amplify client against the local cloud', () => {
  let cloud: LocalCloud;
  let aliceClient: AmplifyTestClient;
  let bobClient: AmplifyTestClient;
  const room = `lobby-${randomUUID().slice(0, 8)}`;
  const channel = `/chat/rooms/${room}`;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    [aliceClient, bobClient] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob')) as [AmplifyTestClient, AmplifyTestClient];
    await aliceClient.rest('POST', '/rooms', { name: room });
    await Promise.all([aliceClient.subscribe('room', channel), bobClient.subscribe('room', channel)]);
  });

  afterAll(async () => {
    await Promise.all([aliceClient?.close(), bobClient?.close()]);
    await cloud?.close();
  });

  it('delivers a message posted over HTTP by one member to another member, stamped with the sender', async () => {
    const clientMsgId = randomUUID();

    const failed = await aliceClient.post(channel, [{ type: 'message', clientMsgId, text: 'hello bob' }]);

    expect(failed).toBeNull();
    const [event] = (await bobClient.waitForEvents('room', 1)) as MessageCreatedEvent[];
    expect(event?.type).toBe('message.created');
    expect(event?.message).toMatchObject({ roomId: room, text: 'hello bob', clientMsgId });
    expect(event?.message.author).toMatchObject({ handle: 'alice', displayName: 'Alice', moderator: false });
    const [echo] = (await aliceClient.waitForEvents('room', 1)) as MessageCreatedEvent[];
    expect(echo?.message.id).toBe(event?.message.id);
  });

  it('delivers a message published over the WebSocket the other way', async () => {
    const clientMsgId = randomUUID();

    await bobClient.publish(channel, [{ type: 'message', clientMsgId, text: 'hi alice' }]);

    const events = (await aliceClient.waitForEvents('room', 2)) as MessageCreatedEvent[];
    expect(events[1]?.message).toMatchObject({ text: 'hi alice', clientMsgId });
  });

  it('serves what was broadcast through the history API, via the REST client', async () => {
    const broadcast = (await aliceClient.waitForEvents('room', 2)) as MessageCreatedEvent[];

    const { statusCode, body } = await bobClient.rest('GET', `/rooms/${room}/messages?limit=10`);

    expect(statusCode).toBe(200);
    const ids = (body as { items: { id: string }[] }).items.map((item) => item.id).sort();
    expect(ids).toEqual(broadcast.map((event) => event.message.id).sort());
  });

  it('reports a per-event failure for an invalid event and still stores the valid one', async () => {
    const good = randomUUID();

    const failed = (await aliceClient.post(channel, [
      { type: 'message', clientMsgId: 'not-a-uuid', text: 'bad id' },
      { type: 'message', clientMsgId: good, text: 'good one' },
    ])) as { index: number; message: string }[];

    expect(failed).toHaveLength(1);
    expect(failed[0]?.index).toBe(0);
    const events = (await bobClient.waitForEvents('room', 3)) as MessageCreatedEvent[];
    expect(events[2]?.message.clientMsgId).toBe(good);
  });

  it('refreshes tokens through the local user pool, and the refreshed token is accepted', async () => {
    const refreshed = await aliceClient.tokens(true);

    expect(refreshed.accessToken).toBeTruthy();
    const { statusCode } = await aliceClient.rest('GET', '/rooms');
    expect(statusCode).toBe(200);
  });
});

describe('local cloud restart', () => {
  it('keeps rooms, messages and users on disk across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-restart-'));
    const room = 'restart-room';
    const clientMsgId = randomUUID();
    try {
      const first = await startLocalCloud({ port: 0, dataDir, rateLimit: 'off' });
      const writer = startAmplifyClient(first.outputs);
      try {
        await writer.signIn(alice.email, alice.password);
        await writer.rest('POST', '/rooms', { name: room });
        expect(await writer.post(`/chat/rooms/${room}`, [{ type: 'message', clientMsgId, text: 'persisted' }])).toBeNull();
      } finally {
        await writer.close();
        await first.close();
      }

      const second = await startLocalCloud({ port: 0, dataDir, rateLimit: 'off' });
      const reader = startAmplifyClient(second.outputs);
      try {
        await reader.signIn(alice.email, alice.password);
        const { body } = await reader.rest('GET', `/rooms/${room}/messages`);

        expect(second.outputs.auth.user_pool_id).toBe(first.outputs.auth.user_pool_id);
        expect((body as { items: { clientMsgId: string; text: string }[] }).items).toEqual([
          expect.objectContaining({ clientMsgId, text: 'persisted' }),
        ]);
      } finally {
        await reader.close();
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
