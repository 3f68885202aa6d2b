/**
 * At most one typing signal per 2 s per user, enforced by the server: the real
 * aws-amplify client publishes through the local cloud's `signals` handler and the
 * `throttle-signals` Lambda on dynalite. Extra signals are dropped: acknowledged, never delivered.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypingSignal } from '../../core/messages.ts';
import { demoUsers, LOAD_USER_PASSWORD, loadUsers } from '../../local/demo-users.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../support/amplify-client.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];
const TYPING = { type: 'typing' };
const WINDOW_MS = 2000;

describe('typing signals throttled on the server', () => {
  let cloud: LocalCloud;
  let bobClient: AmplifyTestClient;
  /** Alice and four load users: each test publishes as users of its own, so windows never overlap. */
  let publishers: AmplifyTestClient[];

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, dynamo: 'dynalite', users: [...demoUsers, ...loadUsers(4)] });
    bobClient = startAmplifyClient(cloud.outputs);
    publishers = [alice, ...loadUsers(4)].map(() => startAmplifyClient(cloud.outputs));
    await Promise.all([
      bobClient.signIn(bob.email, bob.password),
      publishers[0]!.signIn(alice.email, alice.password),
      ...loadUsers(4).map((user, i) => publishers[i + 1]!.signIn(user.email, LOAD_USER_PASSWORD)),
    ]);
  });

  afterAll(async () => {
    await Promise.all([bobClient?.close(), ...(publishers ?? []).map((client) => client.close())]);
    await cloud?.close();
  });

  async function roomWithSubscriber(key: string): Promise<string> {
    const { body } = await bobClient.rest('POST', '/rooms', { name: `typing ${randomUUID().slice(0, 8)}` });
    const roomId = (body as { id: string }).id;
    await bobClient.subscribe(key, `/signals/rooms/${roomId}`);
    return roomId;
  }

  /**
   * A marker signal from another user, published after the others were acknowledged: once it
   * arrives, every earlier signal that was broadcast has arrived before it, so the list is
   * complete without waiting.
   */
  async function receivedUpToMarker(key: string, roomId: string, marker: AmplifyTestClient, expected: number): Promise<string[]> {
    expect(await marker.post(`/signals/rooms/${roomId}`, [TYPING])).toBeNull();
    const received = (await bobClient.waitForEvents(key, expected)) as TypingSignal[];
    return received.map((signal) => signal.author.displayName);
  }

  it('delivers one of three quick signals and acknowledges all three', async () => {
    const [alicePublisher, marker] = [publishers[0]!, publishers[1]!];
    const roomId = await roomWithSubscriber('burst');

    const acks = [];
    for (let i = 0; i < 3; i += 1) acks.push(await alicePublisher.post(`/signals/rooms/${roomId}`, [TYPING]));

    expect(acks).toEqual([null, null, null]);
    expect(await receivedUpToMarker('burst', roomId, marker, 2)).toEqual(['Alice', 'Load 0']);
  });

  it('delivers one signal of a batch of three', async () => {
    const [publisher, marker] = [publishers[2]!, publishers[3]!];
    const roomId = await roomWithSubscriber('batch');

    expect(await publisher.post(`/signals/rooms/${roomId}`, [TYPING, TYPING, TYPING])).toBeNull();

    expect(await receivedUpToMarker('batch', roomId, marker, 2)).toEqual(['Load 1', 'Load 2']);
  });

  it('delivers a signal again once 2 s have passed since the last one delivered', async () => {
    const [publisher, marker] = [publishers[4]!, publishers[0]!];
    const roomId = await roomWithSubscriber('reopen');
    expect(await publisher.post(`/signals/rooms/${roomId}`, [TYPING])).toBeNull();
    const firstAcked = Date.now();
    expect(await publisher.post(`/signals/rooms/${roomId}`, [TYPING])).toBeNull();

    // Not synchronisation: the Lambda's real clock has to move past the 2 s window.
    await delay(Math.max(0, firstAcked + WINDOW_MS - Date.now()));
    expect(await publisher.post(`/signals/rooms/${roomId}`, [TYPING])).toBeNull();

    expect(await receivedUpToMarker('reopen', roomId, marker, 3)).toEqual(['Load 3', 'Load 3', 'Alice']);
  });
});
