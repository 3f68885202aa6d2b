import { beforeEach, describe, expect, it } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import { messageIdTime } from '../../core/message-id.ts';
import { createTestContext, settle, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { useConnectionStore } from './connection.ts';
import { useOpenRoomsStore } from './open-rooms.ts';
import { PAGE_SIZE } from '../../core/limits.ts';
import { useRoomStore } from './room.ts';
import { useSessionStore } from './session.ts';

const ROOM = 'lobby';
const channel = roomChannel(ROOM);
let ctx: TestContext;
/** The room's store in this test's Pinia (a callback left over from an earlier test may have made another active). */
const room = (roomId = ROOM) => useRoomStore(roomId, ctx.pinia);
const texts = () => room().entries.map((e) => (e.kind === 'outgoing' ? `${e.message.status}:${e.message.text}` : e.message.text));

/** Shows the room as a navigation would: enter, then show once it landed. */
async function visit(roomId: string): Promise<void> {
  const open = useOpenRoomsStore(ctx.pinia);
  await open.enter(roomId);
  open.show(roomId);
  await settle();
}

async function disconnectAndReconnect(): Promise<void> {
  ctx.events.setState('ConnectionDisrupted');
  ctx.events.setState('Connected');
  await settle();
}

describe('opening a room', () => {
  beforeEach(async () => {
    ctx = createTestContext({ rooms: [{ id: ROOM, name: ROOM, kind: 'public' as const, lastMessageAt: null }] });
    await useSessionStore(ctx.pinia).ready();
  });

  it('subscribes and fetches the newest page at once, and shows the page before the ack', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    ctx.events.holdAcks = true;

    await room().open();

    expect(ctx.events.calls).toEqual([`subscribe ${channel}`]);
    expect(ctx.history.calls).toEqual([`older ${ROOM}`]);
    expect(texts()).toEqual(['message 1']);
    expect(room().status).toBe('ready');
  });

  it('on a socket already up, subscribes first and reads the page after the ack: no gap, no second request', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    useConnectionStore(ctx.pinia).start();
    ctx.events.setState('Connected');
    ctx.events.holdAcks = true;

    const opening = room().open();
    await settle();
    expect(ctx.history.calls).toEqual([]);
    ctx.events.releaseAcks();
    await opening;
    await settle();

    expect(ctx.events.calls).toEqual([`subscribe ${channel}`, `ready ${channel}`]);
    expect(ctx.history.calls).toEqual([`older ${ROOM}`]);
    expect(texts()).toEqual(['message 1']);
  });

  it('shows a message published between the page read and the ack exactly once', async () => {
    const first = storedMessage(ROOM, 1);
    ctx.history.store(first);
    ctx.events.holdAcks = true;
    await room().open();

    // Stored after the page was read and before the subscription is live: no broadcast reaches us.
    const between = storedMessage(ROOM, 2);
    ctx.history.store(between);
    ctx.events.emit(channel, { type: 'message.created', message: between });
    expect(texts()).toEqual(['message 1']);
    ctx.events.releaseAcks();
    await settle();
    // Delivered again once subscribed (a duplicate): still once.
    ctx.events.emit(channel, { type: 'message.created', message: between });

    expect(texts()).toEqual(['message 1', 'message 2']);
    const after = ctx.history.calls.filter((c) => c.startsWith('after')).map((c) => c.split('after=')[1] as string);
    expect(after).toHaveLength(1);
    expect(messageIdTime(after[0] as string)).toBeLessThanOrEqual(messageIdTime(first.id) as number);
  });

  it('fills the gap from the start of an empty room once subscribed', async () => {
    ctx.events.holdAcks = true;
    await room().open();
    ctx.history.store(storedMessage(ROOM, 1));

    ctx.events.releaseAcks();
    await settle();

    expect(texts()).toEqual(['message 1']);
    expect(ctx.history.calls).toEqual([`older ${ROOM}`, `after ${ROOM} after=${'0'.repeat(26)}`]);
  });

  it('keeps a live message that arrived before the history page', async () => {
    const early = storedMessage(ROOM, 2);
    ctx.history.store(storedMessage(ROOM, 1));
    ctx.history.store(early);
    const olderMessages = ctx.history.olderMessages;
    ctx.history.olderMessages = async (roomId, options) => {
      ctx.events.emit(channel, { type: 'message.created', message: early });
      return olderMessages(roomId, options);
    };

    await room().open();

    expect(texts()).toEqual(['message 1', 'message 2']);
  });

  it('says the room does not exist when history answers 404', async () => {
    ctx.history.olderMessages = async () => {
      throw Object.assign(new Error('Room nowhere not found'), { response: { statusCode: 404 } });
    };

    await room('nowhere').open();
    await settle();

    expect(room('nowhere').status).toBe('error');
    expect(room('nowhere').notFound).toBe(true);
    expect(ctx.history.calls.filter((c) => c.startsWith('after'))).toEqual([]);
  });

  it('fails the room when the subscription is refused', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    const subscribe = ctx.events.subscribe;
    ctx.events.subscribe = async (channelName, handlers) => {
      await subscribe(channelName, handlers);
      throw new Error('Unauthorized');
    };

    await room().open();
    await settle();

    expect(room().status).toBe('error');
    expect(room().error).toBe('Unauthorized');
  });

  it('hides a removed message, live', async () => {
    const message = storedMessage(ROOM, 1);
    ctx.history.store(message);
    await room().open();

    ctx.events.emit(channel, { type: 'message.removed', roomId: ROOM, id: message.id });

    expect(room().entries.map((e) => e.kind)).toEqual(['removed']);
  });

  it('merges a removed placeholder from history as a tombstone', async () => {
    const kept = storedMessage(ROOM, 1);
    const gone = storedMessage(ROOM, 2);
    ctx.history.olderMessages = async () => ({ items: [{ id: gone.id, roomId: ROOM, createdAt: gone.createdAt, removed: true }, kept] });

    await room().open();
    ctx.events.emit(channel, { type: 'message.created', message: gone });

    expect(room().entries.map((e) => `${e.kind}:${e.message.text}`)).toEqual(['message:message 1', 'removed:message 2']);
  });

  it('loads older pages until the start of the room', async () => {
    Array.from({ length: PAGE_SIZE + 10 }, (_, n) => ctx.history.store(storedMessage(ROOM, n)));
    const lobby = room();
    await lobby.open();
    await settle();
    expect(lobby.entries).toHaveLength(PAGE_SIZE);
    expect(lobby.olderStatus).toBe('idle');

    const loading = lobby.loadOlder();
    expect(lobby.olderStatus).toBe('loading');
    await loading;

    expect(lobby.entries).toHaveLength(PAGE_SIZE + 10);
    expect(lobby.olderStatus).toBe('done');
    expect(lobby.entries[0]?.message.text).toBe('message 0');
  });
});

describe('a reconnect', () => {
  beforeEach(async () => {
    ctx = createTestContext({ rooms: [{ id: ROOM, name: ROOM, kind: 'public' as const, lastMessageAt: null }] });
    await useSessionStore(ctx.pinia).ready();
    useConnectionStore(ctx.pinia).start();
  });

  it('fills the gap from a little before the newest id, and twice changes nothing', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    await visit(ROOM);
    const newest = room().newestId as string;
    ctx.history.calls.length = 0;
    ctx.history.store(storedMessage(ROOM, 2));
    ctx.history.store(storedMessage(ROOM, 3));

    await disconnectAndReconnect();
    await disconnectAndReconnect();

    expect(texts()).toEqual(['message 1', 'message 2', 'message 3']);
    const after = ctx.history.calls.filter((c) => c.startsWith('after')).map((c) => c.split('after=')[1] as string);
    expect(after).toHaveLength(2);
    expect(messageIdTime(after[0] as string)).toBeLessThan(messageIdTime(newest) as number);
    expect(useConnectionStore(ctx.pinia).reconnects).toBe(2);
  });

  it('fills the gap from the newest message held when the connection dropped, though live ones came first', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    await visit(ROOM);

    ctx.events.setState('ConnectionDisrupted');
    ctx.history.store(storedMessage(ROOM, 2));
    ctx.history.store(storedMessage(ROOM, 3));
    const live = storedMessage(ROOM, 120);
    ctx.history.store(live);
    ctx.events.emit(channel, { type: 'message.created', message: live });
    ctx.events.setState('Connected');
    await settle();

    // The live message is 2 minutes past the gap: a fill anchored on it would start too late.
    expect(texts()).toEqual(['message 1', 'message 2', 'message 3', 'message 120']);
  });

  it.each([
    ['removed', ['remove'], ['removed', 'message']],
    ['removed, then restored', ['remove', 'restore'], ['message', 'message']],
  ] as const)('applies moderation of an older message missed while offline (%s)', async (_what, actions, kinds) => {
    const older = storedMessage(ROOM, 1);
    ctx.history.store(older);
    ctx.history.store(storedMessage(ROOM, 60));
    await visit(ROOM);

    ctx.events.setState('ConnectionDisrupted');
    actions.forEach((action, k) => ctx.history.moderate(older, action, 70 + k));
    ctx.events.setState('Connected');
    await settle();

    // message 1 is a minute older than the gap fill's window: only the updates can reach it.
    expect(room().entries.map((e) => e.kind)).toEqual(kinds);
  });

  it('brings back a message restored while offline that it held as removed', async () => {
    const older = storedMessage(ROOM, 1);
    ctx.history.store(older);
    ctx.history.store(storedMessage(ROOM, 60));
    ctx.history.moderate(older, 'remove', 30);
    await visit(ROOM);
    // History gave a placeholder without text: nothing of message 1 to show.
    expect(texts()).toEqual(['message 60']);

    ctx.events.setState('ConnectionDisrupted');
    ctx.history.moderate(older, 'restore', 70);
    ctx.events.setState('Connected');
    await settle();

    expect(texts()).toEqual(['message 1', 'message 60']);
  });

  it('reloads the room when the gap fill says too much was moderated to list, keeping unconfirmed sends', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    await visit(ROOM);
    ctx.events.failNextPosts({ ok: false, error: 'INTERNAL: Message not stored; please retry' });
    room().send('unsent');
    await settle();
    ctx.history.calls.length = 0;
    ctx.history.store(storedMessage(ROOM, 2));
    ctx.history.messagesAfter = async () => ({ items: [], updatesTruncated: true });

    await disconnectAndReconnect();

    expect(ctx.history.calls.filter((c) => c.startsWith('older'))).toHaveLength(1);
    expect(texts()).toEqual(['message 1', 'message 2', 'failed:unsent']);
  });

  it('fills a gap that opened while the room was still connecting, from the page it showed', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    ctx.events.holdAcks = true;
    await room().open();
    const live = storedMessage(ROOM, 120);
    room().markDisrupted();
    ctx.history.store(storedMessage(ROOM, 2));
    ctx.history.store(live);

    ctx.events.releaseAcks();
    await settle();

    expect(texts()).toEqual(['message 1', 'message 2', 'message 120']);
  });
});
