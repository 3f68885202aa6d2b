import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, HistoryItem } from '../../core/messages.ts';
import { gapFillAfterId } from '../../core/timeline-cursor.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';


interface GapFillPage {
  items: HistoryItem[];
  nextCursor?: string;
  updates?: HistoryItem[];
  updatesTruncated?: boolean;
}

/**
 * A member who was offline while a moderator removed (or restored) an *older* message missed that
 * broadcast; the gap fill after their newest message must bring the change, so nothing is lost
 * across a reconnect and a removed message disappears for them too.
 */
describe('gap fill carries moderation that happened during the outage', () => {
  let cloud: LocalCloud;
  let aliceClient: AmplifyTestClient;
  let modClient: AmplifyTestClient;
  const roomName = `gap-mod-${randomUUID().slice(0, 8)}`;
  let roomId: string;
  let messages: ChatMessage[];

  const gapFill = async (after: string) => (await aliceClient.rest('GET', `/rooms/${roomId}/messages?after=${after}&limit=50`)).body as GapFillPage;
  const act = (action: 'remove' | 'restore', message: ChatMessage) =>
    modClient.rest('POST', `/moderation/messages/${roomId}/${message.id}/${action}`, { reason: 'gap fill test' });

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    [aliceClient, modClient] = (await signedInDemoClients(cloud.outputs, 'alice', 'mod')) as [AmplifyTestClient, AmplifyTestClient];
    roomId = ((await aliceClient.rest('POST', '/rooms', { name: roomName })).body as { id: string }).id;
    for (const text of ['first', 'second', 'third']) {
      expect(await aliceClient.post(`/chat/rooms/${roomId}`, [{ type: 'message', clientMsgId: randomUUID(), text }])).toBeNull();
    }
    messages = ((await aliceClient.rest('GET', `/rooms/${roomId}/messages`)).body as { items: ChatMessage[] }).items.reverse();
  });

  afterAll(async () => {
    await Promise.all([aliceClient?.close(), modClient?.close()]);
    await cloud?.close();
  });

  it('has no updates when nothing was moderated', async () => {
    const page = await gapFill(messages.at(-1)!.id);

    expect(page).toEqual({ items: [] });
  });

  it('returns the removal of a message older than the gap as a placeholder, and its restore as the message', async () => {
    const newestHeld = messages.at(-1)!.id;
    const first = messages[0]!;
    expect((await act('remove', first)).statusCode).toBe(200);

    const afterRemoval = await gapFill(newestHeld);
    expect(afterRemoval.items).toEqual([]);
    expect(afterRemoval.updates).toEqual([{ id: first.id, roomId, createdAt: first.createdAt, removed: true }]);

    expect((await act('restore', first)).statusCode).toBe(200);
    const afterRestore = await gapFill(newestHeld);
    expect(afterRestore.updates).toEqual([first]);
  });

  it('only reports actions after the gap fill anchor', async () => {
    const second = messages[1]!;
    expect((await act('remove', second)).statusCode).toBe(200);
    const later = await aliceClient.post(`/chat/rooms/${roomId}`, [{ type: 'message', clientMsgId: randomUUID(), text: 'after the removal' }]);
    expect(later).toBeNull();
    const newest = ((await aliceClient.rest('GET', `/rooms/${roomId}/messages?limit=1`)).body as { items: ChatMessage[] }).items[0]!;

    // An anchor after every action so far: nothing to report. The app's margin (gapFillAfterId)
    // reaches 10 s back, so it would still see them; a plain id does not.
    expect((await gapFill(newest.id)).updates).toBeUndefined();
    expect((await gapFill(gapFillAfterId(newest.id))).updates).toEqual(
      expect.arrayContaining([{ id: second.id, roomId, createdAt: second.createdAt, removed: true }]),
    );
  });
});
