import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { roomChannel } from '../../core/channels.ts';
import { useRoomStore } from '../stores/room.ts';
import { createTestContext, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { createAppRouter, ROOM_ENTRY_WAIT_MS } from './index.ts';

const ROOM = 'lobby';
const OTHER = 'random';

describe('entering a room', () => {
  let ctx: TestContext;

  beforeEach(() => {
    ctx = createTestContext({
      rooms: [
        { id: ROOM, name: ROOM, lastMessageAt: null },
        { id: OTHER, name: OTHER, lastMessageAt: null },
      ],
    });
    ctx.history.store(storedMessage(ROOM, 1));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens the room, subscribe first, before the view changes', async () => {
    const router = createAppRouter(ctx.pinia, createMemoryHistory());
    const statusWhenShown: string[] = [];
    router.afterEach((to) => void (to.name === 'room' && statusWhenShown.push(useRoomStore(ROOM).status)));

    await router.push(`/rooms/${ROOM}`);

    expect(statusWhenShown).toEqual(['ready']);
    expect(ctx.events.calls).toEqual([`subscribe ${roomChannel(ROOM)}`, `ready ${roomChannel(ROOM)}`]);
    expect(ctx.history.calls).toEqual([`older ${ROOM}`]);
  });

  it('shows a room that is slow to subscribe once the wait is over, still loading', async () => {
    vi.useFakeTimers();
    ctx.events.holdAcks = true;
    const router = createAppRouter(ctx.pinia, createMemoryHistory());

    const navigation = router.push(`/rooms/${ROOM}`);
    await flushPromises();
    expect(router.currentRoute.value.name).not.toBe('room');
    await vi.advanceTimersByTimeAsync(ROOM_ENTRY_WAIT_MS);
    await navigation;

    expect(router.currentRoute.value.params.roomId).toBe(ROOM);
    expect(useRoomStore(ROOM).status).toBe('subscribing');
    ctx.events.releaseAcks();
    await flushPromises();
    expect(useRoomStore(ROOM).status).toBe('ready');
  });

  it('closes a room it opened when the user goes to another before it shows', async () => {
    ctx.events.holdAcks = true;
    const router = createAppRouter(ctx.pinia, createMemoryHistory());

    const abandoned = router.push(`/rooms/${ROOM}`);
    await flushPromises();
    const shown = router.push(`/rooms/${OTHER}`);
    ctx.events.releaseAcks();
    await flushPromises();
    ctx.events.releaseAcks();
    await Promise.all([abandoned, shown]);

    expect(router.currentRoute.value.params.roomId).toBe(OTHER);
    expect(useRoomStore(ROOM).status).toBe('idle');
    expect(ctx.events.calls).toContain(`unsubscribe ${roomChannel(ROOM)}`);
    expect(useRoomStore(OTHER).status).toBe('ready');
  });
});
