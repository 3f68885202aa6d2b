/**
 * The abuse limits end to end, through the local cloud's HTTP API, Event API and Lambdas with the
 * real aws-amplify client: a member's new rooms over the limit (429, `Retry-After`, and the message
 * aws-amplify hands the app), a muted member's typing signals and new rooms, and the room list in
 * pages.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../amplify/definition.ts';
import { ROOM_PAGE_SIZE, type RoomList } from '../../core/history-api.ts';
import type { Mute } from '../../core/moderation.ts';
import type { TypingSignal } from '../../core/messages.ts';
import { createDocumentClient } from '../../functions/lib/dynamo-client.ts';
import { roomKey } from '../../functions/lib/room-store.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';

const LIMITED = /^You can create at most 10 new rooms per hour; try again in \d+ (s|min)$/;

describe('abuse limits against the local cloud', () => {
  let cloud: LocalCloud;
  let aliceClient: AmplifyTestClient;
  let bobClient: AmplifyTestClient;
  let modClient: AmplifyTestClient;

  beforeAll(async () => {
    // The local cloud leaves ROOM_LIMIT unset, as deployed: the default, 10 new rooms per hour.
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    [aliceClient, bobClient, modClient] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob', 'mod')) as [AmplifyTestClient, AmplifyTestClient, AmplifyTestClient];
  });

  afterAll(async () => {
    await Promise.all([aliceClient?.close(), bobClient?.close(), modClient?.close()]);
    await cloud?.close();
  });

  it('answers a member’s new room over the limit with 429, Retry-After and a message aws-amplify passes on, and still returns an existing room', async () => {
    const created: string[] = [];
    let refused: { statusCode: number; headers: Record<string, string>; text: string } | undefined;
    // At most 10 a window: within 21 tries one is refused, even if a window ends meanwhile.
    for (let i = 0; i < 21 && refused === undefined; i += 1) {
      const name = `flood ${randomUUID().slice(0, 8)}`;
      const answer = await aliceClient.http('POST', '/rooms', { body: { name } });
      if (answer.statusCode === 201) created.push(name);
      else refused = answer;
    }
    const viaAmplify = aliceClient.rest('POST', '/rooms', { name: `flood ${randomUUID().slice(0, 8)}` });
    const existing = await aliceClient.http('POST', '/rooms', { body: { name: created[0] } });

    expect(refused?.statusCode).toBe(429);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(JSON.parse(refused?.text ?? '').message).toMatch(LIMITED);
    await expect(viaAmplify).rejects.toThrow(/You can create at most 10 new rooms per hour; try again in \d+ (s|min)/);
    expect(existing.statusCode).toBe(200);
    expect(created.length).toBeGreaterThanOrEqual(10);
  });

  it('drops a muted member’s typing signals and refuses their new rooms with 403, until the unmute', async () => {
    const roomId = (((await modClient.rest('POST', '/rooms', { name: `muted ${randomUUID().slice(0, 8)}` })).body) as { id: string }).id;
    const signals = `/signals/rooms/${roomId}`;
    await aliceClient.subscribe('typing', signals);
    // Bob posts once, so the author directory knows his name.
    expect(await bobClient.post(`/chat/rooms/${roomId}`, [{ type: 'message', clientMsgId: randomUUID(), text: 'hi' }])).toBeNull();
    const mute = (await modClient.rest('POST', '/moderation/mutes', { author: 'bob', durationSeconds: 600, reason: 'flooding' })).body as Mute;

    const typed = await bobClient.post(signals, [{ type: 'typing' }]);
    // A later signal from someone else: once it arrives, anything broadcast before it has too.
    expect(await modClient.post(signals, [{ type: 'typing' }])).toBeNull();
    const received = (await aliceClient.waitForEvents('typing', 1)) as TypingSignal[];
    const newRoom = await bobClient.http('POST', '/rooms', { body: { name: `bob ${randomUUID().slice(0, 8)}` } });
    await modClient.rest('DELETE', `/moderation/mutes/${mute.user.sub}`, { reason: 'sorted out' });
    const afterUnmute = await bobClient.http('POST', '/rooms', { body: { name: `bob ${randomUUID().slice(0, 8)}` } });

    expect(typed).toBeNull();
    expect(received.map((signal) => [signal.author.displayName, signal.author.moderator])).toEqual([['Morgan', true]]);
    expect(aliceClient.received('typing')).toHaveLength(1);
    expect(newRoom.statusCode).toBe(403);
    expect(JSON.parse(newRoom.text)).toEqual({ message: `You are muted until ${mute.until} and cannot create rooms until then` });
    expect(afterUnmute.statusCode).toBe(201);
    await aliceClient.unsubscribe('typing');
  });

  it('lists the rooms in pages of 100 through the HTTP API, every room once, and refuses a made-up cursor', async () => {
    const db = createDocumentClient({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: cloud.dynamoEndpoint, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    const seeded = Array.from({ length: 230 }, (_, i) => `paged-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < seeded.length; i += 25) {
      const puts = seeded.slice(i, i + 25).map((id) => ({ PutRequest: { Item: { ...roomKey(id), type: 'room', id, name: id, createdAt: new Date().toISOString() } } }));
      await db.send(new BatchWriteCommand({ RequestItems: { [tables[0]!.name]: puts } }));
    }
    db.destroy();

    const pages: RoomList[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await bobClient.rest('GET', cursor === undefined ? '/rooms' : `/rooms?cursor=${cursor}`);
      pages.push(body as RoomList);
      cursor = (body as RoomList).nextCursor;
    } while (cursor !== undefined);
    const bad = await bobClient.http('GET', '/rooms?cursor=not-a-cursor');

    const ids = pages.flatMap((page) => page.items.map((room) => room.id));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((page) => page.items.length <= ROOM_PAGE_SIZE)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(seeded));
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({ message: 'Invalid cursor' });
  });
});
