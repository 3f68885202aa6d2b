import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SERVICES } from '../../services/services.ts';
import { useRoomsStore } from '../../stores/rooms.ts';
import { createTestContext } from '../../test-support/fake-services.ts';
import RoomDmPicker from './RoomDmPicker.vue';

function mountPicker() {
  const ctx = createTestContext();
  ctx.members.people.push(
    { sub: 'sub-bob', handle: 'bob', displayName: 'Bob' },
    { sub: 'sub-bobby', handle: 'bobby_t', displayName: 'Bobby Tables' },
    { sub: 'sub-carol', handle: 'carol', displayName: 'Carol' },
  );
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

describe('RoomDmPicker as a combobox', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  /** Opens the dialog and types `text` as a person would, then lets the search's quiet time pass. */
  async function typeIn(text: string) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const picker = mountPicker();
    await picker.wrapper.get('button.new-message').trigger('click');
    await flushPromises();
    const input = picker.wrapper.get('input[role="combobox"]');
    await input.setValue(text);
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    return { ...picker, input };
  }

  const options = (wrapper: ReturnType<typeof mountPicker>['wrapper']) => wrapper.findAll('[role="option"]').map((option) => option.text());

  it('lists the people whose handle starts with what is typed, with name and @handle, after a pause in typing', async () => {
    const { ctx, wrapper, input } = await typeIn('@Bo');

    expect(ctx.members.calls).toEqual(['search bo']);
    expect(input.attributes('aria-expanded')).toBe('true');
    expect(wrapper.get('[role="listbox"]').attributes('id')).toBe(input.attributes('aria-controls'));
    expect(options(wrapper)).toEqual(['Bob @bob', 'Bobby Tables @bobby_t']);
    wrapper.unmount();
  });

  it('moves through the list with the arrow keys (wrapping at both ends) and opens the DM with the one chosen by Enter', async () => {
    const { ctx, router, wrapper, input } = await typeIn('bo');

    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(input.attributes('aria-activedescendant')).toBe(wrapper.findAll('[role="option"]')[0]!.attributes('id'));
    await input.trigger('keydown', { key: 'ArrowDown' });
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(wrapper.get(`#${input.attributes('aria-activedescendant')}`).text()).toBe('Bob @bob');
    await input.trigger('keydown', { key: 'ArrowUp' });
    const marked = wrapper.get(`#${input.attributes('aria-activedescendant')}`);
    expect(marked.text()).toBe('Bobby Tables @bobby_t');
    expect(marked.attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(ctx.members.calls).toEqual(['search bo', 'dm bobby_t']);
    expect(router.currentRoute.value.fullPath).toMatch(/^\/rooms\/d-/);
    expect(wrapper.emitted('opened')).toHaveLength(1);
    wrapper.unmount();
  });

  it('closes the list on Escape and keeps the dialog open with what was typed', async () => {
    const { wrapper, input } = await typeIn('car');
    await input.trigger('keydown', { key: 'ArrowDown' });

    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    input.element.dispatchEvent(escape);
    await flushPromises();

    expect(escape.defaultPrevented).toBe(true);
    expect(input.attributes('aria-expanded')).toBe('false');
    expect(input.attributes('aria-activedescendant')).toBeUndefined();
    expect(wrapper.get('[role="listbox"]').attributes('hidden')).toBeDefined();
    expect((wrapper.get('dialog').element as HTMLDialogElement).open).toBe(true);
    expect((input.element as HTMLInputElement).value).toBe('car');
    wrapper.unmount();
  });

  it('leaves Enter to the form when no one is marked, so an exact handle still opens its DM', async () => {
    const { ctx, wrapper, input } = await typeIn('bob');

    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    input.element.dispatchEvent(enter);
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(enter.defaultPrevented).toBe(false);
    expect(ctx.members.calls).toEqual(['search bob', 'dm bob']);
    wrapper.unmount();
  });

  it('lists nobody for text no handle can start with, and says so', async () => {
    const { ctx, wrapper, input } = await typeIn('bob smith');

    expect(ctx.members.calls).toEqual([]);
    expect(input.attributes('aria-expanded')).toBe('false');
    expect(wrapper.get('[role="status"]').text()).toBe('Nobody’s handle starts with that');
    wrapper.unmount();
  });
});
