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
});
