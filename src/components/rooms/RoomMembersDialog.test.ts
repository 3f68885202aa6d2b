import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { roomChannel } from '../../../core/channels.ts';
import { createAppRouter } from '../../router/index.ts';
import { SERVICES } from '../../services/services.ts';
import { useRoomsStore } from '../../stores/rooms.ts';
import { ALICE, createTestContext, type TestContext } from '../../test-support/fake-services.ts';

const ROOM = 'p-0123456789abcdefghjkmnpqrs';
const EPOCH = 'aaaaaaaaaa';
const alice = { sub: ALICE.sub, handle: ALICE.handle, displayName: ALICE.displayName };
const bob = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob' };
const carol = { sub: 'sub-carol', handle: 'carol', displayName: 'Carol' };
let ctx: TestContext;
let fake: TestContext['members'];
let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  vi.useRealTimers();
});

beforeEach(() => {
  ctx = createTestContext({ rooms: [{ id: ROOM, name: 'Team', kind: 'private', lastMessageAt: null, epoch: EPOCH }] });
  fake = ctx.members;
  fake.people.push(bob, carol);
  fake.members.set(ROOM, [
    { ...alice, role: 'owner' },
    { ...bob, role: 'member' },
  ]);
});

async function mountRoom() {
  const router = createAppRouter(ctx.pinia, createMemoryHistory());
  await router.push(`/rooms/${ROOM}`);
  const wrapper = mount(defineComponent(() => () => h(RouterView)), {
    global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } },
    attachTo: document.body,
  });
  unmount = () => wrapper.unmount();
  await flushPromises();
  await useRoomsStore(ctx.pinia).load();
  await flushPromises();
  return { wrapper, router };
}

async function openMembers(wrapper: Awaited<ReturnType<typeof mountRoom>>['wrapper']) {
  const button = wrapper.findAll('button').find((b) => b.text() === 'Members');
  await button!.trigger('click');
  await flushPromises();
  return wrapper.get('dialog');
}

describe('the members dialog of a private room', () => {
  it('lists the members, focuses the invite field, and offers the owner Message and Remove on others only', async () => {
    const { wrapper } = await mountRoom();

    const dialog = await openMembers(wrapper);

    expect(dialog.findAll('li').map((li) => li.text().replace(/\s+/g, ' '))).toEqual(['Alice @alice (owner)', 'Bob @bob Message Remove']);
    expect(dialog.findAll('li button').map((b) => b.attributes('aria-label'))).toEqual(['Message Bob @bob', 'Remove Bob @bob']);
    expect(document.activeElement).toBe(dialog.get('input').element);
  });

  it('invites by handle and lists the new member; an unknown handle is an inline error', async () => {
    const { wrapper } = await mountRoom();
    const dialog = await openMembers(wrapper);

    await dialog.get('input').setValue('nobody');
    await dialog.get('form').trigger('submit');
    await flushPromises();
    expect(dialog.get('[role="alert"]').text()).toBe('Nobody has the handle @nobody');
    expect(dialog.get('input').attributes('aria-invalid')).toBe('true');

    await dialog.get('input').setValue('@carol');
    await dialog.get('form').trigger('submit');
    await flushPromises();

    expect(dialog.find('[role="alert"]').exists()).toBe(false);
    expect(dialog.findAll('li').map((li) => li.text()).at(-1)).toContain('Carol @carol');
    expect(dialog.get('.notice').text()).toBe('Added @carol');
  });

  it('lists the people whose handle starts with what is typed, and invites the one chosen with the keyboard', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fake.people.push({ sub: 'sub-cara', handle: 'cara', displayName: 'Cara' });
    const { wrapper } = await mountRoom();
    const dialog = await openMembers(wrapper);
    const field = dialog.get('input[role="combobox"]');

    await field.setValue('car');
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    expect(dialog.findAll('[role="option"]').map((option) => option.text())).toEqual(['Cara @cara', 'Carol @carol']);
    await field.trigger('keydown', { key: 'ArrowDown' });
    await field.trigger('keydown', { key: 'ArrowDown' });
    await field.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(fake.calls).toContain(`invite ${ROOM} carol`);
    expect(dialog.get('.notice').text()).toBe('Added @carol');
    expect(dialog.findAll('.members li').map((li) => li.text()).at(-1)).toContain('Carol @carol');
    expect(field.attributes('aria-expanded')).toBe('false');
  });

  it('closes the list when a typed handle is invited with Enter, so the next Escape is the dialog\'s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { wrapper } = await mountRoom();
    const dialog = await openMembers(wrapper);
    const field = dialog.get('input[role="combobox"]');

    await field.setValue('carol');
    await vi.advanceTimersByTimeAsync(300);
    expect(field.attributes('aria-expanded')).toBe('true');
    // Enter with nobody marked: the typed handle is invited; the field empties before its own
    // search (after a pause) would list nobody.
    await field.trigger('keydown', { key: 'Enter' });
    await dialog.get('form').trigger('submit');
    await flushPromises();

    expect(dialog.get('.notice').text()).toBe('Added @carol');
    expect((field.element as HTMLInputElement).value).toBe('');
    expect(field.attributes('aria-expanded')).toBe('false');
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    field.element.dispatchEvent(escape);
    expect(escape.defaultPrevented).toBe(false);
  });

  it('removes a member', async () => {
    const { wrapper } = await mountRoom();
    const dialog = await openMembers(wrapper);

    await dialog.get('button[aria-label="Remove Bob @bob"]').trigger('click');
    await flushPromises();

    expect(fake.calls).toContain(`remove ${ROOM} ${bob.sub}`);
    expect(dialog.findAll('li')).toHaveLength(1);
  });

  it('opens the direct message with a member, not with oneself, and goes there', async () => {
    const { wrapper, router } = await mountRoom();
    const dialog = await openMembers(wrapper);

    expect(dialog.find('button[aria-label="Message Alice @alice"]').exists()).toBe(false);
    await dialog.get('button[aria-label="Message Bob @bob"]').trigger('click');
    await flushPromises();

    expect(fake.calls).toContain('dm bob');
    expect(router.currentRoute.value.params.roomId).toMatch(/^d-/);
    expect(wrapper.find('dialog').exists()).toBe(false);
  });

  it('leaving goes back to the rooms and takes the room out of the list', async () => {
    const { wrapper, router } = await mountRoom();
    const dialog = await openMembers(wrapper);

    await dialog.findAll('button').find((b) => b.text() === 'Leave room')!.trigger('click');
    await flushPromises();

    expect(router.currentRoute.value.name).toBe('rooms');
    expect(wrapper.find(`a[href="/rooms/${ROOM}"]`).exists()).toBe(false);
  });

  it('lists the members again when someone else adds one while it is open', async () => {
    const { wrapper } = await mountRoom();
    const dialog = await openMembers(wrapper);
    fake.members.set(ROOM, [...fake.members.get(ROOM)!, { ...carol, role: 'member' }]);

    ctx.events.emit(roomChannel(ROOM, EPOCH), { type: 'member.added', roomId: ROOM, member: carol, by: bob });
    await flushPromises();

    expect(dialog.findAll('li')).toHaveLength(3);
    expect(wrapper.text()).toContain('Bob @bob added Carol @carol');
  });
});
