import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { roomSignalsChannel } from '../../../core/channels.ts';
import { useRoomsStore } from '../../stores/rooms.ts';
import { useTypingStore } from '../../stores/typing.ts';
import { mountAppRoute } from '../../test-support/mount-app-route.ts';
import { BOB, createTestContext } from '../../test-support/fake-services.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('who is typing', () => {
  it('names each typist by display name and @handle, so two people of one name are told apart', async () => {
    const ctx = createTestContext({ rooms: [{ id: 'lobby', name: 'lobby', kind: 'public', lastMessageAt: null }] });
    const { wrapper } = await mountAppRoute(ctx, '/rooms/lobby');
    unmount = () => wrapper.unmount();
    await useRoomsStore(ctx.pinia).load();
    await flushPromises();
    // The open room listens to typing once the page is idle after its first paint.
    await vi.waitFor(() => expect(useTypingStore(ctx.pinia).roomId).toBe('lobby'), { timeout: 5000 });
    await flushPromises();

    const at = new Date().toISOString();
    ctx.events.emit(roomSignalsChannel('lobby'), { type: 'typing', roomId: 'lobby', author: BOB, at });
    ctx.events.emit(roomSignalsChannel('lobby'), { type: 'typing', roomId: 'lobby', author: { ...BOB, sub: 'sub-bob-2', handle: 'bob2' }, at });
    await flushPromises();

    expect(wrapper.get('.typing').text()).toBe('Bob @bob and Bob @bob2 are typing…');
  });
});
