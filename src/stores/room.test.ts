import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import { messageIdTime } from '../../core/timeline-cursor.ts';
import { ALICE, createTestContext, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { useConnectionStore } from './connection.ts';
import { PAGE_SIZE, useRoomStore } from './room.ts';
import { useRoomsStore } from './rooms.ts';
import { ECHO_TIMEOUT_MS, NOT_CONFIRMED, useSendStore } from './send.ts';
import { useSessionStore } from './session.ts';

const ROOM = 'lobby';
const channel = roomChannel(ROOM);
const texts = (ctx = useRoomStore(ROOM)) => ctx.entries.map((e) => (e.kind === 'outgoing' ? `${e.message.status}:${e.message.text}` : e.message.text));

describe('the room store', () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = createTestContext({ rooms: [{ id: ROOM, name: ROOM, lastMessageAt: null }] });
    await useSessionStore().ready();
  });

  it('subscribes and waits for the ack before it loads the newest page', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    ctx.events.holdAcks = true;

    const opening = useRoomStore(ROOM).open();
    await flushPromises();
    expect(ctx.history.calls).toEqual([]);
    ctx.events.releaseAcks();
    await opening;

    expect(ctx.events.calls).toEqual([`subscribe ${channel}`, `ready ${channel}`]);
    expect(ctx.history.calls).toEqual([`older ${ROOM}`]);
    expect(texts()).toEqual(['message 1']);
    expect(useRoomStore(ROOM).status).toBe('ready');
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

    await useRoomStore(ROOM).open();

    expect(texts()).toEqual(['message 1', 'message 2']);
  });

  it('hides a removed message, live', async () => {
    const message = storedMessage(ROOM, 1);
    ctx.history.store(message);
    await useRoomStore(ROOM).open();

    ctx.events.emit(channel, { type: 'message.removed', roomId: ROOM, id: message.id });

    expect(useRoomStore(ROOM).entries.map((e) => e.kind)).toEqual(['removed']);
  });

  it('loads older pages until the start of the room', async () => {
    Array.from({ length: PAGE_SIZE + 10 }, (_, n) => ctx.history.store(storedMessage(ROOM, n)));
    const room = useRoomStore(ROOM);
    await room.open();
    expect(room.entries).toHaveLength(PAGE_SIZE);
    expect(room.olderStatus).toBe('idle');

    const loading = room.loadOlder();
    expect(room.olderStatus).toBe('loading');
    await loading;

    expect(room.entries).toHaveLength(PAGE_SIZE + 10);
    expect(room.olderStatus).toBe('done');
    expect(room.entries[0]?.message.text).toBe('message 0');
  });

  it('fills the gap after a reconnect from a little before the newest id, and twice changes nothing', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    const rooms = useRoomsStore();
    const connection = useConnectionStore();
    connection.start();
    await rooms.visit(ROOM);
    const newest = useRoomStore(ROOM).newestId as string;
    ctx.history.store(storedMessage(ROOM, 2));
    ctx.history.store(storedMessage(ROOM, 3));

    ctx.events.setState('ConnectionDisrupted');
    ctx.events.setState('Connected');
    await flushPromises();
    ctx.events.setState('ConnectionDisrupted');
    ctx.events.setState('Connected');
    await flushPromises();

    expect(texts()).toEqual(['message 1', 'message 2', 'message 3']);
    const after = ctx.history.calls.filter((c) => c.startsWith('after')).map((c) => c.split('after=')[1] as string);
    expect(after).toHaveLength(2);
    expect(messageIdTime(after[0] as string)).toBeLessThan(messageIdTime(newest) as number);
    expect(connection.reconnects).toBe(2);
  });

  it('fills the gap from the newest message held when the connection dropped, though live ones came first', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    const rooms = useRoomsStore();
    useConnectionStore().start();
    await rooms.visit(ROOM);

    ctx.events.setState('ConnectionDisrupted');
    ctx.history.store(storedMessage(ROOM, 2));
    ctx.history.store(storedMessage(ROOM, 3));
    const live = storedMessage(ROOM, 120);
    ctx.history.store(live);
    ctx.events.emit(channel, { type: 'message.created', message: live });
    ctx.events.setState('Connected');
    await flushPromises();

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
    useConnectionStore().start();
    await useRoomsStore().visit(ROOM);

    ctx.events.setState('ConnectionDisrupted');
    actions.forEach((action, k) => ctx.history.moderate(older, action, 70 + k));
    ctx.events.setState('Connected');
    await flushPromises();

    // message 1 is a minute older than the gap fill's window: only the updates can reach it.
    expect(useRoomStore(ROOM).entries.map((e) => e.kind)).toEqual(kinds);
  });

  it('brings back a message restored while offline that it held as removed', async () => {
    const older = storedMessage(ROOM, 1);
    ctx.history.store(older);
    ctx.history.store(storedMessage(ROOM, 60));
    ctx.history.moderate(older, 'remove', 30);
    useConnectionStore().start();
    await useRoomsStore().visit(ROOM);
    // History gave a placeholder without text: nothing of message 1 to show.
    expect(texts()).toEqual(['message 60']);

    ctx.events.setState('ConnectionDisrupted');
    ctx.history.moderate(older, 'restore', 70);
    ctx.events.setState('Connected');
    await flushPromises();

    expect(texts()).toEqual(['message 1', 'message 60']);
  });

  it('reloads the room when the gap fill says too much was moderated to list', async () => {
    ctx.history.store(storedMessage(ROOM, 1));
    useConnectionStore().start();
    await useRoomsStore().visit(ROOM);
    ctx.history.store(storedMessage(ROOM, 2));
    ctx.history.messagesAfter = async () => ({ items: [], updatesTruncated: true });

    ctx.events.setState('ConnectionDisrupted');
    ctx.events.setState('Connected');
    await flushPromises();

    expect(ctx.history.calls.filter((c) => c.startsWith('older'))).toHaveLength(2);
    expect(texts()).toEqual(['message 1', 'message 2']);
  });
});

describe('sending', () => {
  let ctx: TestContext;

  afterEach(() => {
    vi.useRealTimers();
  });

  beforeEach(async () => {
    ctx = createTestContext();
    await useSessionStore().ready();
    await useRoomStore(ROOM).open();
  });

  it('shows the message as pending at once, then replaces it with its echo', async () => {
    const result = useSendStore().send(ROOM, '  hello  ');
    expect(result).toEqual({ ok: true });
    expect(texts()).toEqual(['pending:hello']);
    const posted = ctx.events.posts[0]?.event as { clientMsgId: string; text: string };
    expect(ctx.events.posts[0]?.channel).toBe(channel);

    ctx.events.emit(channel, {
      type: 'message.created',
      message: { ...storedMessage(ROOM, 1, ALICE, posted.text), clientMsgId: posted.clientMsgId },
    });

    expect(texts()).toEqual(['hello']);
  });

  it('marks a per-event failure failed, and Retry re-sends the same clientMsgId once stored', async () => {
    ctx.events.failNextPosts({ ok: false, error: 'Message not stored; please retry' });
    useSendStore().send(ROOM, 'try me');
    await flushPromises();
    expect(texts()).toEqual(['failed:try me']);

    useSendStore().retry(ROOM, (ctx.events.posts[0]?.event as { clientMsgId: string }).clientMsgId);
    await flushPromises();
    const [first, second] = ctx.events.posts.map((p) => p.event.clientMsgId);
    expect(second).toBe(first);
    const echo = { ...storedMessage(ROOM, 1, ALICE, 'try me'), clientMsgId: first as string };
    ctx.events.emit(channel, { type: 'message.created', message: echo });
    ctx.events.emit(channel, { type: 'message.created', message: echo });

    expect(texts()).toEqual(['try me']);
  });

  it('finds an accepted send whose echo never came through a gap fill, after the echo timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    ctx.history.store(storedMessage(ROOM, 1));
    useSendStore().send(ROOM, 'lost echo');
    await flushPromises();
    const posted = ctx.events.posts[0]?.event as { clientMsgId: string };
    ctx.history.store({ ...storedMessage(ROOM, 2, ALICE, 'lost echo'), clientMsgId: posted.clientMsgId });
    expect(texts()).toEqual(['pending:lost echo']);

    await vi.advanceTimersByTimeAsync(ECHO_TIMEOUT_MS);
    await flushPromises();

    expect(texts()).toEqual(['message 1', 'lost echo']);
    expect(ctx.history.calls).toEqual([`older ${ROOM}`, `older ${ROOM}`]);
  });

  it('marks an unconfirmed send failed when history lacks it too, and Retry keeps its clientMsgId', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    useSendStore().send(ROOM, 'nobody heard');
    await flushPromises();

    await vi.advanceTimersByTimeAsync(ECHO_TIMEOUT_MS);
    await flushPromises();
    expect(texts()).toEqual(['failed:nobody heard']);
    expect(useRoomStore(ROOM).timeline.outgoing[0]?.error).toBe(NOT_CONFIRMED);

    const clientMsgId = ctx.events.posts[0]?.event.clientMsgId as string;
    useSendStore().retry(ROOM, clientMsgId);
    await flushPromises();
    expect(ctx.events.posts.map((p) => p.event.clientMsgId)).toEqual([clientMsgId, clientMsgId]);
    expect(texts()).toEqual(['pending:nobody heard']);
  });

  it('does not time out a send whose echo arrived', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    useSendStore().send(ROOM, 'quick');
    await flushPromises();
    const posted = ctx.events.posts[0]?.event as { clientMsgId: string; text: string };
    ctx.events.emit(channel, { type: 'message.created', message: { ...storedMessage(ROOM, 1, ALICE, posted.text), clientMsgId: posted.clientMsgId } });

    await vi.advanceTimersByTimeAsync(ECHO_TIMEOUT_MS);

    expect(texts()).toEqual(['quick']);
    expect(ctx.history.calls).toEqual([`older ${ROOM}`]);
  });

  it('refuses text the shared rules refuse, without sending', () => {
    expect(useSendStore().send(ROOM, '   ')).toMatchObject({ ok: false });
    expect(useSendStore().send(ROOM, 'x'.repeat(4001))).toMatchObject({ ok: false });
    expect(ctx.events.posts).toHaveLength(0);
  });
});

describe('the rooms store', () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = createTestContext();
    await useSessionStore().ready();
  });

  it('keeps the last 10 visited rooms subscribed', async () => {
    const rooms = useRoomsStore();

    for (let i = 0; i < 11; i += 1) await rooms.visit(`room-${i}`);

    expect(rooms.recent).toHaveLength(10);
    expect(ctx.events.calls).toContain(`unsubscribe ${roomChannel('room-0')}`);
    expect(ctx.events.subscribers.get(roomChannel('room-1'))).toHaveLength(1);
  });

  it('counts live messages in a room that is not on screen as unread', async () => {
    const rooms = useRoomsStore();
    await rooms.visit('a');
    await rooms.visit('b');

    ctx.events.emit(roomChannel('a'), { type: 'message.created', message: storedMessage('a', 1) });
    ctx.events.emit(roomChannel('a'), { type: 'message.created', message: storedMessage('a', 2) });
    ctx.events.emit(roomChannel('b'), { type: 'message.created', message: storedMessage('b', 3) });

    expect(rooms.unread('a')).toBe(2);
    expect(rooms.unread('b')).toBe(1);
    rooms.markRead('b');
    expect(rooms.unread('b')).toBe(0);
    expect(rooms.totalUnread).toBe(2);
  });

  it('leaves a room unread until its newest message was on screen', async () => {
    const rooms = useRoomsStore();
    await rooms.visit('a');
    await rooms.visit('b');
    ctx.events.emit(roomChannel('a'), { type: 'message.created', message: storedMessage('a', 1) });

    await rooms.visit('a');
    rooms.leave('a');
    expect(rooms.unread('a')).toBe(1);

    await rooms.visit('a');
    rooms.markRead('a');
    expect(rooms.unread('a')).toBe(0);
  });

  it('flags a room that is not subscribed from its last activity against the read marker', async () => {
    const rooms = useRoomsStore();
    const read = storedMessage('quiet', 1);
    ctx.history.store(read);
    await rooms.visit('quiet');
    rooms.markRead('quiet');
    for (let i = 0; i < 10; i += 1) await rooms.visit(`room-${i}`);

    expect(rooms.recent).not.toContain('quiet');
    expect(rooms.hasUnread({ id: 'quiet', name: 'quiet', lastMessageAt: read.createdAt })).toBe(false);
    expect(rooms.hasUnread({ id: 'quiet', name: 'quiet', lastMessageAt: storedMessage('quiet', 5).createdAt })).toBe(true);
    expect(rooms.hasUnread({ id: 'never', name: 'never', lastMessageAt: read.createdAt })).toBe(true);
  });

  it('reloads the room list after a reconnect, for the last activity of rooms not subscribed', async () => {
    const rooms = useRoomsStore();
    useConnectionStore().start();
    await rooms.load();

    ctx.events.setState('ConnectionDisrupted');
    ctx.events.setState('Connected');
    await flushPromises();

    expect(ctx.history.calls.filter((c) => c === 'listRooms')).toHaveLength(2);
  });
});

describe('history with removed messages', () => {
  it('merges a removed placeholder from history as a tombstone', async () => {
    const ctx = createTestContext();
    await useSessionStore().ready();
    const kept = storedMessage(ROOM, 1);
    const gone = storedMessage(ROOM, 2);
    ctx.history.olderMessages = async () => ({
      items: [{ id: gone.id, roomId: ROOM, createdAt: gone.createdAt, removed: true }, kept],
    });

    await useRoomStore(ROOM).open();
    ctx.events.emit(channel, { type: 'message.created', message: gone });

    expect(useRoomStore(ROOM).entries.map((e) => `${e.kind}:${e.message.text}`)).toEqual(['message:message 1', 'removed:message 2']);
  });
});
