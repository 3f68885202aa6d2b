/**
 * The subscribe door of private rooms and DMs on the local cloud: the `chat` and `signals`
 * onSubscribe handlers read the membership item through their DynamoDB data source. Membership
 * items are written and deleted straight in the table, as the members API would. Checked with the
 * real aws-amplify client and with raw protocol frames.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomChannel, roomSignalsChannel } from '../../core/channels.ts';
import { memberKey } from '../../core/members.ts';
import { createDocumentClient } from '../../functions/lib/dynamo-client.ts';
import { toMemberItem } from '../../functions/lib/member-item.ts';
import { decodeJwt } from 'appsync-events-local/src/auth/test-support/test-tokens.ts';
import { demoUsers } from '../../local/demo-users.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../support/amplify-client.ts';
import { randomEpoch, randomRoomCode } from '../support/members-only-room.ts';
import { openRawSocket, type RawEventsSocket, signInTokens } from '../support/raw-events-socket.ts';

const TABLE = 'parley';
const bob = demoUsers[1]!;
const namespaces = [
  ['chat', roomChannel],
  ['signals', roomSignalsChannel],
] as const;

describe('subscribing to a private room or DM', () => {
  let cloud: LocalCloud;
  let db: DynamoDBDocumentClient;
  let client: AmplifyTestClient;
  let raw: RawEventsSocket;
  let bobToken: string;
  let bobSub: string;
  let host: string;
  let frameId = 0;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, dynamo: 'dynalite', users: demoUsers });
    db = createDocumentClient({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: cloud.dynamoEndpoint, ...toEnv(cloud.iamCredentials) });
    client = startAmplifyClient(cloud.outputs);
    await client.signIn(bob.email, bob.password);
    bobToken = (await signInTokens(cloud.outputs, bob.email, bob.password)).accessToken;
    bobSub = String(decodeJwt(bobToken).sub);
    host = new URL(cloud.outputs.custom.events.url).host;
    raw = await openRawSocket(cloud.outputs.custom.events.url, { host, Authorization: bobToken });
  });

  afterAll(async () => {
    raw?.close();
    await client?.close();
    db?.destroy();
    await cloud?.close();
  });

  function toEnv(keys: LocalCloud['iamCredentials']) {
    return { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey };
  }

  async function addBob(roomId: string): Promise<void> {
    const item = toMemberItem({ roomId, sub: bobSub, handle: 'bob', displayName: 'Bob', role: 'member', addedAt: new Date().toISOString(), addedBy: bobSub });
    await db.send(new PutCommand({ TableName: TABLE, Item: item }));
  }

  async function removeBob(roomId: string): Promise<void> {
    await db.send(new DeleteCommand({ TableName: TABLE, Key: memberKey(roomId, bobSub) }));
  }

  /** A raw `subscribe` frame with Bob's token; resolves the answer to it. */
  async function rawSubscribe(channel: string) {
    frameId += 1;
    const id = `sub-${frameId}`;
    raw.send(JSON.stringify({ type: 'subscribe', id, channel, authorization: { host, Authorization: bobToken } }));
    return raw.next((frame) => frame.id === id);
  }

  /** The aws-amplify client's subscribe: resolves when ready, or the error its `error` callback got. */
  async function amplifySubscribe(channel: string): Promise<'ready' | string> {
    frameId += 1;
    const key = `amplify-${frameId}`;
    try {
      await client.subscribe(key, channel);
      await client.unsubscribe(key);
      return 'ready';
    } catch {
      return client.subscriptionErrors.find((e) => e.key === key)?.error ?? 'rejected without an error';
    }
  }

  it('follows the members API: an invited member may listen, a removed one may not on any epoch, the others move to the new one', async () => {
    const alice = startAmplifyClient(cloud.outputs);
    try {
      await alice.signIn(demoUsers[0]!.email, demoUsers[0]!.password);
      const room = (await alice.rest('POST', '/rooms', { name: `subscribe ${frameId}`, kind: 'private' })).body as { id: string; epoch: string };
      const before = await rawSubscribe(roomChannel(room.id, room.epoch));
      await alice.rest('POST', `/rooms/${room.id}/members`, { handle: 'bob' });
      const invited = await rawSubscribe(roomChannel(room.id, room.epoch));
      const invitedSignals = await rawSubscribe(roomSignalsChannel(room.id, room.epoch));

      await alice.rest('DELETE', `/rooms/${room.id}/members/${bobSub}`);
      const moved = (await alice.rest('GET', `/rooms/${room.id}`)).body as { epoch: string };
      const removedOld = await rawSubscribe(roomChannel(room.id, room.epoch));
      const removedNew = await rawSubscribe(roomChannel(room.id, moved.epoch));
      const removedSignals = await rawSubscribe(roomSignalsChannel(room.id, moved.epoch));
      await alice.subscribe('moved', roomChannel(room.id, moved.epoch));

      expect(before).toMatchObject({ type: 'subscribe_error', errors: [{ errorType: 'Unauthorized' }] });
      expect([invited.type, invitedSignals.type]).toEqual(['subscribe_success', 'subscribe_success']);
      expect(moved.epoch).not.toBe(room.epoch);
      expect([removedOld, removedNew, removedSignals].map((frame) => frame.errors?.[0]?.errorType)).toEqual(['Unauthorized', 'Unauthorized', 'Unauthorized']);
      expect(alice.subscriptionErrors).toEqual([]);
    } finally {
      await alice.close();
    }
  });

  describe.each(namespaces)('on /%s', (_namespace, channelOf) => {
    it('refuses a non-member with subscribe_error Unauthorized, allows them once a member, refuses them again once removed', async () => {
      const roomId = `p-${randomRoomCode(26)}`;
      const channel = channelOf(roomId, randomEpoch());

      const before = await rawSubscribe(channel);
      await addBob(roomId);
      const during = await rawSubscribe(channel);
      await removeBob(roomId);
      const after = await rawSubscribe(channel);

      expect(before).toMatchObject({ type: 'subscribe_error', errors: [{ errorType: 'Unauthorized' }] });
      expect(during).toEqual({ type: 'subscribe_success', id: during.id });
      expect(after).toMatchObject({ type: 'subscribe_error', errors: [{ errorType: 'Unauthorized' }] });
    });

    it('answers a non-member exactly as a private room that does not exist', async () => {
      const [withMembers, nowhere] = [`p-${randomRoomCode(26)}`, `p-${randomRoomCode(26)}`];
      const epoch = randomEpoch();
      await db.send(new PutCommand({ TableName: TABLE, Item: toMemberItem({ roomId: withMembers, sub: 'someone-else', handle: 'alice', displayName: 'Alice', role: 'owner', addedAt: new Date().toISOString(), addedBy: 'someone-else' }) }));

      const refused = await rawSubscribe(channelOf(withMembers, epoch));
      const missing = await rawSubscribe(channelOf(nowhere, epoch));

      expect({ ...refused, id: undefined }).toEqual({ ...missing, id: undefined });
    });

    it('refuses the aws-amplify client until it is a member of a DM, then lets it subscribe', async () => {
      const roomId = `d-${randomRoomCode(26)}`;
      const channel = channelOf(roomId, randomEpoch());

      const refused = await amplifySubscribe(channel);
      await addBob(roomId);
      const allowed = await amplifySubscribe(channel);
      await removeBob(roomId);
      const refusedAgain = await amplifySubscribe(channel);

      expect(refused).toContain('Unauthorized');
      expect(allowed).toBe('ready');
      expect(refusedAgain).toContain('Unauthorized');
    });

    it('refuses a member on the 3-segment channel of their private room', async () => {
      const roomId = `p-${randomRoomCode(26)}`;
      await addBob(roomId);

      const answer = await rawSubscribe(channelOf(roomId));

      expect(answer).toMatchObject({ type: 'subscribe_error', errors: [{ errorType: 'Unauthorized' }] });
    });

    it('still lets anyone signed in subscribe to a public room', async () => {
      expect(await rawSubscribe(channelOf('lobby'))).toMatchObject({ type: 'subscribe_success' });
      expect(await amplifySubscribe(channelOf('lobby'))).toBe('ready');
    });
  });
});
