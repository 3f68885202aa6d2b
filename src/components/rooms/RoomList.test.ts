import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Room } from '../../../core/rooms.ts';
import { SERVICES } from '../../services/services.ts';
import { useRoomsStore } from '../../stores/rooms.ts';
import { createTestContext } from '../../test-support/fake-services.ts';
import RoomList from './RoomList.vue';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const TWO_ROOMS = [
  { id: 'zeta', name: 'zeta', kind: 'public' as const, lastMessageAt: null },
  { id: 'alpha', name: 'alpha', kind: 'public' as const, lastMessageAt: null },
];

async function mountList(url: string, rooms: Room[] = TWO_ROOMS) {
  const ctx = createTestContext({ rooms });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/rooms', name: 'rooms', component: { render: () => null } },
      { path: '/rooms/:roomId', name: 'room', component: { render: () => null } },
    ],
  });
  await router.push(url);
  await useRoomsStore(ctx.pinia).load();
  const wrapper = mount(RoomList, {
    global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } },
    attachTo: document.body,
  });
  unmount = () => wrapper.unmount();
  return { wrapper, router };
}

describe('RoomList', () => {
  it('lists the rooms by name as links to them, the open one marked as the current page', async () => {
    const { wrapper } = await mountList('/rooms/zeta');

    const links = wrapper.findAll('nav[aria-label="Rooms"] a');
    expect(links.map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['# alpha', '/rooms/alpha'],
      ['# zeta', '/rooms/zeta'],
    ]);
    expect(links.map((a) => a.attributes('aria-current') ?? null)).toEqual([null, 'page']);
  });

  it('opens a room in the app on a plain click, and moves the current-page mark', async () => {
    const { wrapper, router } = await mountList('/rooms/zeta');

    const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    wrapper.get('a[href="/rooms/alpha"]').element.dispatchEvent(click);
    await flushPromises();

    expect(click.defaultPrevented).toBe(true);
    expect(router.currentRoute.value.fullPath).toBe('/rooms/alpha');
    expect(wrapper.emitted('navigate')).toHaveLength(1);
    expect(wrapper.get('a[aria-current="page"]').attributes('href')).toBe('/rooms/alpha');
  });

  it.each([{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { button: 1 }])(
    'leaves a click with %o to the browser (new tab or window)',
    async (init) => {
      const { wrapper, router } = await mountList('/rooms/zeta');

      const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init });
      wrapper.get('a[href="/rooms/alpha"]').element.dispatchEvent(click);
      await flushPromises();

      expect(click.defaultPrevented).toBe(false);
      expect(router.currentRoute.value.fullPath).toBe('/rooms/zeta');
      expect(wrapper.emitted('navigate')).toBeUndefined();
    },
  );

  it('renders only the rooms near the view of a long list, and the others as the list scrolls', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ id: `room-${String(i).padStart(4, '0')}`, name: `room ${String(i).padStart(4, '0')}`, kind: 'public' as const, lastMessageAt: null }));
    const { wrapper } = await mountList('/rooms', many);

    const first = wrapper.findAll('nav[aria-label="Rooms"] li');
    const nav = wrapper.get('nav[aria-label="Rooms"]').element as HTMLElement;
    nav.scrollTop = 1000 * 40;
    nav.dispatchEvent(new Event('scroll'));
    await flushPromises();
    const later = wrapper.findAll('nav[aria-label="Rooms"] li');

    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(100);
    expect(first[0]?.text()).toContain('# room 0000');
    expect(first[0]?.attributes()).toMatchObject({ 'aria-posinset': '1', 'aria-setsize': '2000' });
    expect(later.length).toBeLessThanOrEqual(100);
    expect(later.map((li) => li.text())).toContainEqual(expect.stringContaining('# room 1000'));
    expect(later.map((li) => li.text())).not.toContainEqual(expect.stringContaining('# room 0000'));
  });
});

describe('RoomList groups', () => {
  it('lists rooms, private rooms and DMs under their headings, a DM by the other person', async () => {
    const { wrapper } = await mountList('/rooms/zeta', [
      ...TWO_ROOMS,
      { id: 'p-0000000000000000000000000a', name: 'Team', kind: 'private' as const, lastMessageAt: null, epoch: 'aaaaaaaaaa' },
      {
        id: 'd-0000000000000000000000000b',
        name: 'Direct message',
        kind: 'dm' as const,
        lastMessageAt: null,
        epoch: 'bbbbbbbbbb',
        peer: { sub: 'sub-bob', handle: 'bob', displayName: 'Bob' },
      },
    ]);

    const nav = wrapper.get('nav[aria-label="Rooms"]');
    expect(nav.findAll('h2').map((h) => h.text())).toEqual(['Rooms', 'Private rooms', 'Direct messages']);
    expect(nav.findAll('a').map((a) => a.text().replace(/\s+/g, ' '))).toEqual(['# alpha', '# zeta', 'Team', 'Bob @bob']);
    expect(nav.findAll('li[aria-posinset]').map((li) => `${li.attributes('aria-posinset')}/${li.attributes('aria-setsize')}`)).toEqual([
      '1/4',
      '2/4',
      '3/4',
      '4/4',
    ]);
  });
});
