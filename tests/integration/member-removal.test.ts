/**
 * The removal cut-off of a private room on the local cloud, with the real aws-amplify client, real
 * tokens and the members API: once `DELETE /rooms/{roomId}/members/{sub}` has removed a member
 * (their membership item deleted and the room's epoch rotated, after `member.removed` went out on
 * the old channel), the socket they still hold open on that channel receives nothing more: not
 * their own publishes (refused, NOT_FOUND), not a stale member's (refused, ROOM_MOVED), not what
 * the members who moved on send on the new channel, which the removed member cannot subscribe to.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomChannel, roomSignalsChannel } from '../../core/channels.ts';
import { parseEventError } from '../../core/event-errors.ts';
import type { Author, ChatEvent, TypingSignal } from '../../core/messages.ts';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from '../../core/profile.ts';
import type { Room } from '../../core/rooms.ts';
import { createEventPublisher } from '../../functions/lib/event-publisher.ts';
import { decodeJwt } from 'appsync-events-local/src/auth/test-support/test-tokens.ts';
import { demoUsers, LOAD_USER_PASSWORD, loadUsers } from '../../local/demo-users.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../support/amplify-client.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];
const [carol, xavier] = loadUsers(2) as [(typeof demoUsers)[0], (typeof demoUsers)[0]];
const TYPING = { type: 'typing' };

type Failed = { identifier: string; message?: string }[] | null;

describe('removing a member from a private room', () => {
  let cloud: LocalCloud;
  /** Alice, Bob and Carol stay; Xavier is removed. */
  let clients: Record<'alice' | 'bob' | 'carol' | 'xavier', AmplifyTestClient>;
  const authors: Partial<Record<keyof typeof clients, Author>> = {};

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, dynamo: 'dynalite', rateLimit: 'off', roomLimit: 'off', users: [...demoUsers, ...loadUsers(2)] });
    clients = { alice: startAmplifyClient(cloud.outputs), bob: startAmplifyClient(cloud.outputs), carol: startAmplifyClient(cloud.outputs), xavier: startAmplifyClient(cloud.outputs) };
    await Promise.all([
      clients.alice.signIn(alice.email, alice.password),
      clients.bob.signIn(bob.email, bob.password),
      clients.carol.signIn(carol.email, LOAD_USER_PASSWORD),
      clients.xavier.signIn(xavier.email, LOAD_USER_PASSWORD),
    ]);
    for (const [name, client] of Object.entries(clients) as [keyof typeof clients, AmplifyTestClient][]) {
      const claims = decodeJwt((await client.tokens()).accessToken!);
      authors[name] = { sub: String(claims.sub), handle: String(claims[HANDLE_CLAIM]), displayName: String(claims[DISPLAY_NAME_CLAIM]), moderator: false };
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(clients ?? {}).map((client) => client.close()));
    await cloud?.close();
  });

  const say = (client: AmplifyTestClient, channel: string, text: string) =>
    client.post(channel, [{ type: 'message', clientMsgId: randomUUID(), text }]) as Promise<Failed>;
  const codeOf = (failed: Failed) => (failed === null ? 'ok' : parseEventError(failed[0]?.message)?.code);
  const texts = (events: unknown[]) => (events as ChatEvent[]).map((event) => (event.type === 'message.created' ? event.message.text : event.type));

  it('delivers nothing more to the removed member\'s open socket, while the others move to the new epoch and keep receiving everything', async () => {
    const created = await clients.alice.rest('POST', '/rooms', { name: `Plans ${randomUUID().slice(0, 8)}`, kind: 'private' });
    const { id: roomId, epoch: before } = created.body as unknown as Room & { epoch: string };
    for (const name of ['bob', 'carol', 'xavier'] as const) {
      expect((await clients.alice.rest('POST', `/rooms/${roomId}/members`, { handle: authors[name]!.handle })).statusCode).toBe(200);
    }
    const [oldChat, oldSignals] = [roomChannel(roomId, before), roomSignalsChannel(roomId, before)];
    await clients.xavier.subscribe('x-chat', oldChat);
    await clients.xavier.subscribe('x-signals', oldSignals);
    await clients.alice.subscribe('a-old', oldChat);
    // Before the removal Xavier hears the room, so the socket that must fall silent works.
    expect(await say(clients.alice, oldChat, 'before')).toBeNull();
    expect(await clients.alice.post(oldSignals, [TYPING])).toBeNull();
    expect(texts(await clients.xavier.waitForEvents('x-chat', 1))).toEqual(['before']);
    expect(((await clients.xavier.waitForEvents('x-signals', 1)) as TypingSignal[]).map((s) => s.author.sub)).toEqual([authors.alice!.sub]);
    await clients.alice.waitForEvents('a-old', 1);

    const removal = await clients.alice.rest('DELETE', `/rooms/${roomId}/members/${authors.xavier!.sub}`);
    // The members who stay learn the new epoch from the room, as the app does on `member.removed`.
    const after = ((await clients.alice.rest('GET', `/rooms/${roomId}`)).body as unknown as Room).epoch!;
    const xavierReads = await clients.xavier.http('GET', `/rooms/${roomId}`, { withToken: true });
    const [newChat, newSignals] = [roomChannel(roomId, after), roomSignalsChannel(roomId, after)];
    await clients.alice.subscribe('a-new', newChat);
    await clients.alice.subscribe('a-signals', newSignals);
    await clients.carol.subscribe('c-new', newChat);
    // Xavier keeps publishing on the channel he still holds, and guesses the new one.
    const xavierOld = await say(clients.xavier, oldChat, 'am I still here?');
    const xavierTyping = (await clients.xavier.post(oldSignals, [TYPING])) as Failed;
    const xavierNew = await say(clients.xavier, newChat, 'or here?');
    const xavierJoins = await clients.xavier.subscribe('x-new', newChat).then(
      () => 'subscribed',
      () => clients.xavier.subscriptionErrors.find((e) => e.key === 'x-new')?.error,
    );
    // Bob's client has not seen the removal yet: refused on the old epoch, it re-reads the room and sends again.
    const bobStale = await say(clients.bob, oldChat, 'from a stale client');
    const bobStaleTyping = (await clients.bob.post(oldSignals, [TYPING])) as Failed;
    await clients.bob.subscribe('b-new', newChat);
    const bobResent = await say(clients.bob, newChat, 'from a stale client');
    const carolTyping = await clients.carol.post(newSignals, [TYPING]);
    const aliceAfter = await say(clients.alice, newChat, 'after');
    // The last thing the old channel carries: once Xavier has it, anything broadcast there before it has arrived too.
    const server = createEventPublisher({ url: cloud.outputs.custom.events.url, region: 'us-east-1', credentials: cloud.iamCredentials });
    await server.publish(oldChat, [{ type: 'message.removed', roomId, id: 'marker' }]);
    const xavierChat = await clients.xavier.waitForEvents('x-chat', 3);

    expect(removal.statusCode).toBe(200);
    expect(created.statusCode).toBe(201);
    expect(after).not.toBe(before);
    expect(xavierReads.statusCode).toBe(404);
    expect([codeOf(xavierOld), codeOf(xavierTyping), codeOf(xavierNew)]).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(xavierJoins).toMatch(/Unauthorized/);
    expect([codeOf(bobStale), codeOf(bobStaleTyping), codeOf(bobResent), codeOf(carolTyping as Failed), codeOf(aliceAfter)]).toEqual(['ROOM_MOVED', 'ROOM_MOVED', 'ok', 'ok', 'ok']);
    // Xavier hears of his own removal, announced before the epoch moved on, and then only the marker.
    expect(texts(xavierChat)).toEqual(['before', 'member.removed', 'message.removed']);
    expect(clients.xavier.received('x-signals')).toHaveLength(1);
    expect(texts(await clients.alice.waitForEvents('a-new', 2))).toEqual(['from a stale client', 'after']);
    expect(((await clients.alice.waitForEvents('a-signals', 1)) as TypingSignal[]).map((s) => s.author.sub)).toEqual([authors.carol!.sub]);
    expect(texts(await clients.carol.waitForEvents('c-new', 2))).toEqual(['from a stale client', 'after']);
    expect(texts(await clients.bob.waitForEvents('b-new', 2))).toEqual(['from a stale client', 'after']);
    expect(texts(await clients.alice.waitForEvents('a-old', 3))).toEqual(['before', 'member.removed', 'message.removed']);
  });
});
