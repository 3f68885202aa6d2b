import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ROOM_NAME_MAX_LENGTH } from '../../../core/limits.ts';
import { SERVICES } from '../../services/services.ts';
import { createTestContext } from '../../test-support/fake-services.ts';
import RoomCreateForm from './RoomCreateForm.vue';

function mountForm() {
  const ctx = createTestContext();
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/rooms/:roomId', name: 'room', component: { render: () => null } },
    ],
  });
  const wrapper = mount(RoomCreateForm, { global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } } });
  return { ctx, router, wrapper };
}

/** A failed REST call as aws-amplify rejects it: the JSON body's `message`, and the response. */
function amplifyRestError(statusCode: number, body: { message: string }, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(body.message), { name: 'UnknownError', response: { statusCode, headers, body: JSON.stringify(body) } });
}

describe('RoomCreateForm', () => {
  it('lets a name grow only as long as POST /rooms accepts', () => {
    const { wrapper } = mountForm();

    expect(wrapper.get('#new-room-name').attributes('maxlength')).toBe(String(ROOM_NAME_MAX_LENGTH));
  });

  it.each([
    ['the new-room limit (429)', amplifyRestError(429, { message: 'You can create at most 10 new rooms per hour; try again in 14 min' }, { 'retry-after': '840' })],
    ['a mute (403)', amplifyRestError(403, { message: 'You are muted until 2026-11-30T13:00:00.000Z and cannot create rooms until then' })],
  ])('shows the server’s own words when %s refuses the room, keeps the name, and stays put', async (_what, failure) => {
    const { ctx, router, wrapper } = mountForm();
    ctx.history.createFailure = failure;

    await wrapper.get('#new-room-name').setValue('Eleventh Room');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('[role="alert"]').text()).toBe(`Could not create the room: ${failure.message}`);
    expect((wrapper.get('#new-room-name').element as HTMLInputElement).value).toBe('Eleventh Room');
    expect(router.currentRoute.value.fullPath).toBe('/');
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeUndefined();
  });

  it('opens the existing room a name belongs to and says so', async () => {
    const { ctx, router, wrapper } = mountForm();
    ctx.history.rooms.push({ id: 'lobby', name: 'Lobby', kind: 'public' as const, lastMessageAt: null });

    await wrapper.get('#new-room-name').setValue('LOBBY');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(router.currentRoute.value.fullPath).toBe('/rooms/lobby');
    expect(wrapper.get('[role="status"]').text()).toBe('Opened the existing room “Lobby”');
    expect(ctx.history.rooms).toHaveLength(1);
  });

  it('creates a private room when Private is chosen, and opens it', async () => {
    const { ctx, router, wrapper } = mountForm();
    ctx.history.rooms.push({ id: 'team', name: 'Team', kind: 'public' as const, lastMessageAt: null });

    await wrapper.get('input[type="radio"][value="private"]').setValue(true);
    await wrapper.get('#new-room-name').setValue('Team');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(ctx.history.calls).toContain('createRoom private Team');
    expect(router.currentRoute.value.fullPath).toMatch(/^\/rooms\/p-[0-9]{26}$/);
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
    expect((wrapper.get('input[type="radio"][value="public"]').element as HTMLInputElement).checked).toBe(true);
  });

  it('says nothing of an existing room when the room is new', async () => {
    const { router, wrapper } = mountForm();

    await wrapper.get('#new-room-name').setValue('Fresh');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(router.currentRoute.value.fullPath).toBe('/rooms/Fresh');
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
  });

  it('refuses a name of invisible characters with the server’s rule, before asking the server', async () => {
    const { ctx, wrapper } = mountForm();

    await wrapper.get('#new-room-name').setValue('\u200B\u202E\u3164');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('[role="alert"]').text()).toBe('Could not create the room: name is empty after removing spaces, controls and invisible characters');
    expect(ctx.history.rooms).toEqual([]);
  });

  it('sends the name as the server stores it: NFKC, without bidi controls', async () => {
    const { ctx, wrapper } = mountForm();

    await wrapper.get('#new-room-name').setValue('Cafe\u0301 \u202Eops \u216Cab');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(ctx.history.rooms.map((room) => room.name)).toEqual(['Caf\u00E9 ops Lab']);
  });
});
