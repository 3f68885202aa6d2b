import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { roomChannel } from '../../core/channels.ts';
import { STARTER_ROOM_ID } from '../../core/rooms.ts';
import { useOpenRoomsStore } from '../stores/open-rooms.ts';
import { useReadMarkersStore } from '../stores/read-markers.ts';
import { useSessionStore } from '../stores/session.ts';
import { useRoomStore } from '../stores/room.ts';
import { createTestContext, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { createAppRouter, ROOM_ENTRY_WAIT_MS } from './index.ts';

const ROOM = 'lobby';
const OTHER = 'random';
let ctx: TestContext;
const room = (roomId: string) => useRoomStore(roomId, ctx.pinia);

describe('entering a room', () => {
  beforeEach(() => {
    ctx = createTestContext({
      rooms: [
        { id: ROOM, name: ROOM, kind: 'public' as const, lastMessageAt: null },
        { id: OTHER, name: OTHER, kind: 'public' as const, lastMessageAt: null },
      ],
    });
    ctx.history.store(storedMessage(ROOM, 1));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens the room, subscribing and fetching its newest page at once, before the view changes', async () => {
    const router = createAppRouter(ctx.pinia, createMemoryHistory());
    const statusWhenShown: string[] = [];
    router.afterEach((to) => void (to.name === 'room' && statusWhenShown.push(room(ROOM).status)));

    await router.push(`/rooms/${ROOM}`);
    await flushPromises();

    expect(statusWhenShown).toEqual(['ready']);
    expect(ctx.events.calls).toEqual([`subscribe ${roomChannel(ROOM)}`, `ready ${roomChannel(ROOM)}`]);
    expect(ctx.history.calls[0]).toBe(`older ${ROOM}`);
    expect(useOpenRoomsStore(ctx.pinia).activeRoomId).toBe(ROOM);
  });

  it('shows a room whose page is slow once the wait is over, still loading', async () => {
    vi.useFakeTimers();
    ctx.history.holdPages = true;
    const router = createAppRouter(ctx.pinia, createMemoryHistory());

    const navigation = router.push(`/rooms/${ROOM}`);
    await flushPromises();
    expect(router.currentRoute.value.name).not.toBe('room');
    await vi.advanceTimersByTimeAsync(ROOM_ENTRY_WAIT_MS);
    await navigation;

    expect(router.currentRoute.value.params.roomId).toBe(ROOM);
    expect(room(ROOM).status).toBe('loading');
    ctx.history.releasePages();
    await flushPromises();
    expect(room(ROOM).status).toBe('ready');
  });

  it('disposes a room it opened when the user goes to another before it shows', async () => {
    ctx.history.holdPages = true;
    const router = createAppRouter(ctx.pinia, createMemoryHistory());

    const abandoned = router.push(`/rooms/${ROOM}`);
    await flushPromises();
    const shown = router.push(`/rooms/${OTHER}`);
    await flushPromises();
    ctx.history.holdPages = false;
    ctx.history.releasePages();
    await Promise.all([abandoned, shown]);
    await flushPromises();

    expect(router.currentRoute.value.params.roomId).toBe(OTHER);
    expect(ctx.pinia.state.value[`room/${ROOM}`]).toBeUndefined();
    expect(ctx.events.calls).toContain(`unsubscribe ${roomChannel(ROOM)}`);
    expect(useOpenRoomsStore(ctx.pinia).recent).toEqual([OTHER]);
    expect(room(OTHER).status).toBe('ready');
  });

  it('shows no room once the user leaves the rooms', async () => {
    const router = createAppRouter(ctx.pinia, createMemoryHistory());
    await router.push(`/rooms/${ROOM}`);

    await router.push('/rooms');

    expect(useOpenRoomsStore(ctx.pinia).activeRoomId).toBeNull();
    expect(useOpenRoomsStore(ctx.pinia).recent).toEqual([ROOM]);
  });
});

describe('the front door', () => {
  beforeEach(() => {
    ctx = createTestContext({ rooms: [{ id: STARTER_ROOM_ID, name: STARTER_ROOM_ID, kind: 'public' as const, lastMessageAt: null }] });
  });

  it('takes a member who has read no room yet to the starter room', async () => {
    const router = createAppRouter(ctx.pinia, createMemoryHistory());

    await router.push('/');
    await flushPromises();

    expect(router.currentRoute.value.fullPath).toBe(`/rooms/${STARTER_ROOM_ID}`);
  });

  it('takes a member who has read a room before to the room list', async () => {
    const router = createAppRouter(ctx.pinia, createMemoryHistory());
    await useSessionStore(ctx.pinia).ready();
    useReadMarkersStore(ctx.pinia).markRead('lobby', storedMessage('lobby', 1).id);

    await router.push('/');
    await flushPromises();

    expect(router.currentRoute.value.fullPath).toBe('/rooms');
  });
});
