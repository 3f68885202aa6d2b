import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SERVICES } from '../../services/services.ts';
import { useRoomsStore } from '../../stores/rooms.ts';
import { createTestContext } from '../../test-support/fake-services.ts';
import RoomDmPicker from './RoomDmPicker.vue';

function mountPicker() {
  const ctx = createTestContext();
  ctx.members.people.push({ sub: 'sub-bob', handle: 'bob', displayName: 'Bob' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/rooms/:roomId', name: 'room', component: { render: () => null } },
    ],
  });
  const wrapper = mount(RoomDmPicker, { global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } }, attachTo: document.body });
  return { ctx, router, wrapper };
}

describe('RoomDmPicker', () => {
  it('opens the DM with the handle typed, puts it in the room list and goes there', async () => {
    const { ctx, router, wrapper } = mountPicker();

    await wrapper.get('button.new-message').trigger('click');
    await flushPromises();
    expect(document.activeElement).toBe(wrapper.get('input').element);
    await wrapper.get('input').setValue('@Bob');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(ctx.members.calls).toEqual(['dm bob']);
    expect(router.currentRoute.value.fullPath).toMatch(/^\/rooms\/d-/);
    expect(useRoomsStore(ctx.pinia).rooms.map((room) => room.peer?.handle)).toEqual(['bob']);
    expect(wrapper.emitted('opened')).toHaveLength(1);
    wrapper.unmount();
  });

  it('shows an unknown handle inline and stays open', async () => {
    const { router, wrapper } = mountPicker();

    await wrapper.get('button.new-message').trigger('click');
    await wrapper.get('input').setValue('nobody');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('[role="alert"]').text()).toBe('Nobody has the handle @nobody');
    expect(wrapper.get('input').attributes('aria-invalid')).toBe('true');
    expect((wrapper.get('dialog').element as HTMLDialogElement).open).toBe(true);
    expect(router.currentRoute.value.fullPath).toBe('/');
    wrapper.unmount();
  });
});
