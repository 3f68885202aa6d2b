import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import { createTestContext, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { useConnectionStore } from './connection.ts';
import { RECENT_ROOMS, useOpenRoomsStore } from './open-rooms.ts';
import { useRoomsStore } from './rooms.ts';
import { roomActivity } from '../lib/unread.ts';
import { useReadMarkersStore } from './read-markers.ts';
import { useSessionStore } from './session.ts';

let ctx: TestContext;
const openRooms = () => useOpenRoomsStore(ctx.pinia);

/** Shows a room as a navigation would: enter, then show once it landed. */
async function visit(roomId: string): Promise<void> {
  await openRooms().enter(roomId);
  openRooms().show(roomId);
  await flushPromises();
}

describe('the open rooms', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  beforeEach(async () => {
    ctx = createTestContext();
    await useSessionStore(ctx.pinia).ready();
  });

  it(`keeps the last ${RECENT_ROOMS} rooms shown open, and disposes the store of the one it lets go`, async () => {
    for (let i = 0; i <= RECENT_ROOMS; i += 1) await visit(`room-${i}`);

    expect(openRooms().recent).toHaveLength(RECENT_ROOMS);
    expect(openRooms().recent).not.toContain('room-0');
    expect(ctx.events.calls).toContain(`unsubscribe ${roomChannel('room-0')}`);
    expect(ctx.events.subscribers.get(roomChannel('room-1'))).toHaveLength(1);
    expect(Object.keys(ctx.pinia.state.value).filter((id) => id.startsWith('room/'))).toHaveLength(RECENT_ROOMS);
    expect(ctx.pinia.state.value['room/room-0']).toBeUndefined();
  });

  it('opens a room again from its newest page after it was let go', async () => {
    ctx.history.store(storedMessage('room-0', 1));
    for (let i = 0; i <= RECENT_ROOMS; i += 1) await visit(`room-${i}`);

    await visit('room-0');

    expect(openRooms().room('room-0').status).toBe('ready');
    expect(openRooms().room('room-0').entries.map((e) => e.message.text)).toEqual(['message 1']);
  });

  it('disposes a room entered but never shown when another is shown instead', async () => {
    ctx.events.holdAcks = true;
    void openRooms().enter('abandoned');
    await flushPromises();

    await openRooms().enter('chosen');
    openRooms().show('chosen');
    ctx.events.releaseAcks();
    await flushPromises();

    expect(ctx.events.calls).toContain(`unsubscribe ${roomChannel('abandoned')}`);
    expect(ctx.pinia.state.value['room/abandoned']).toBeUndefined();
    expect(openRooms().recent).toEqual(['chosen']);
  });

  it('keeps a room shown before open when it is entered again', async () => {
    await visit('a');
    await visit('b');

    await openRooms().enter('a');
    await openRooms().enter('b');

    expect(ctx.events.calls.filter((c) => c.startsWith('unsubscribe'))).toEqual([]);
  });

  it('counts live messages in a room that is not on screen as unread', async () => {
    await visit('a');
    await visit('b');

    ctx.events.emit(roomChannel('a'), { type: 'message.created', message: storedMessage('a', 1) });
    ctx.events.emit(roomChannel('a'), { type: 'message.created', message: storedMessage('a', 2) });
    ctx.events.emit(roomChannel('b'), { type: 'message.created', message: storedMessage('b', 3) });

    expect(openRooms().unreadCounts['a']).toBe(2);
    expect(openRooms().unreadCounts['b']).toBe(1);
    openRooms().markRead('b');
    expect(openRooms().unreadCounts['b']).toBe(0);
    expect(openRooms().totalUnread).toBe(2);
  });

  it('leaves a room unread until its newest message was on screen', async () => {
    await visit('a');
    await visit('b');
    ctx.events.emit(roomChannel('a'), { type: 'message.created', message: storedMessage('a', 1) });

    await visit('a');
    openRooms().show(null);
    expect(openRooms().unreadCounts['a']).toBe(1);

    await visit('a');
    openRooms().markRead('a');
    expect(openRooms().unreadCounts['a']).toBe(0);
  });

  it('listens to the typing signals of the room on screen only, once the browser is idle', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestIdleCallback', 'requestAnimationFrame'] });
    await visit('a');
    expect(ctx.events.subscribers.get('/signals/rooms/a')).toBeUndefined();
    await vi.runAllTimersAsync();
    expect(ctx.events.subscribers.get('/signals/rooms/a')).toHaveLength(1);

    openRooms().show(null);
    await vi.runAllTimersAsync();

    expect(ctx.events.subscribers.get('/signals/rooms/a')).toHaveLength(0);
  });
});

describe('the room list', () => {
  beforeEach(async () => {
    ctx = createTestContext();
    await useSessionStore(ctx.pinia).ready();
  });

  it('counts only open rooms, and flags the others from their last activity against the read marker', async () => {
    const read = storedMessage('quiet', 1);
    ctx.history.store(read);
    await visit('quiet');
    openRooms().markRead('quiet');
    const marker = useReadMarkersStore(ctx.pinia).markers['quiet'];
    for (let i = 0; i < RECENT_ROOMS; i += 1) await visit(`room-${i}`);

    expect(openRooms().unreadCounts['quiet']).toBeUndefined();
    expect(roomActivity(read.createdAt, marker, openRooms().unreadCounts['quiet']).hasUnread).toBe(false);
    expect(roomActivity(storedMessage('quiet', 5).createdAt, marker, openRooms().unreadCounts['quiet']).hasUnread).toBe(true);
  });

  it('knows the newest message an open room has seen live', async () => {
    await visit('a');
    const live = storedMessage('a', 50);
    ctx.events.emit(roomChannel('a'), { type: 'message.created', message: live });

    expect(openRooms().newestTimes).toEqual({ a: live.createdAt });
  });

  it('reloads the room list after a reconnect, for the last activity of rooms not open', async () => {
    const rooms = useRoomsStore(ctx.pinia);
    useConnectionStore(ctx.pinia).start();
    await rooms.load();

    ctx.events.setState('ConnectionDisrupted');
    ctx.events.setState('Connected');
    await flushPromises();

    expect(ctx.history.calls.filter((c) => c === 'listRooms')).toHaveLength(2);
  });
});
