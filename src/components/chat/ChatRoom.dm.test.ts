import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useRoomsStore } from '../../stores/rooms.ts';
import { mountAppRoute } from '../../test-support/mount-app-route.ts';
import { BOB, createTestContext, storedMessage } from '../../test-support/fake-services.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('starting a DM from a message', () => {
  it('opens the DM with the message’s author, titled with their name and @handle', async () => {
    const ctx = createTestContext({ rooms: [{ id: 'lobby', name: 'lobby', kind: 'public', lastMessageAt: null }] });
    ctx.members.people.push({ sub: BOB.sub, handle: BOB.handle, displayName: BOB.displayName });
    ctx.history.store(storedMessage('lobby', 1));
    const { wrapper, router } = await mountAppRoute(ctx, '/rooms/lobby');
    unmount = () => wrapper.unmount();
    await useRoomsStore(ctx.pinia).load();
    await flushPromises();

    // The rows' actions join the list once it is idle after its first paint.
    await vi.waitFor(() => wrapper.get('button[aria-label="Message Bob @bob"]')).then((button) => button.trigger('click'));
    await flushPromises();

    expect(ctx.members.calls).toEqual(['dm bob']);
    expect(router.currentRoute.value.params.roomId).toMatch(/^d-/);
    expect(wrapper.get('h1').text().replace(/\s+/g, ' ')).toBe('Bob @bob');
  });

  it('says why when the DM cannot be opened', async () => {
    const ctx = createTestContext({ rooms: [{ id: 'lobby', name: 'lobby', kind: 'public', lastMessageAt: null }] });
    ctx.history.store(storedMessage('lobby', 1));
    const { wrapper, router } = await mountAppRoute(ctx, '/rooms/lobby');
    unmount = () => wrapper.unmount();
    await flushPromises();

    // The rows' actions join the list once it is idle after its first paint.
    await vi.waitFor(() => wrapper.get('button[aria-label="Message Bob @bob"]')).then((button) => button.trigger('click'));
    await flushPromises();

    expect(router.currentRoute.value.params.roomId).toBe('lobby');
    expect(wrapper.get('.chat-room [role="alert"]').text()).toBe('Could not open a direct message with Bob @bob: Nobody has the handle @bob');
  });
});
