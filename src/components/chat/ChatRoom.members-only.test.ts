import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { createAppRouter } from '../../router/index.ts';
import { SERVICES } from '../../services/services.ts';
import { createTestContext } from '../../test-support/fake-services.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('a link to a private room one is not a member of', () => {
  it('says so without offering to create a room by that id', async () => {
    const ctx = createTestContext();
    const router = createAppRouter(ctx.pinia, createMemoryHistory());
    await router.push('/rooms/p-0123456789abcdefghjkmnpqrs');
    const wrapper = mount(defineComponent(() => () => h(RouterView)), {
      global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } },
      attachTo: document.body,
    });
    unmount = () => wrapper.unmount();
    await flushPromises();

    expect(wrapper.get('.chat-room [role="alert"]').text()).toBe('This room does not exist, or you are not one of its members.');
    expect(wrapper.findAll('button').map((b) => b.text())).not.toContain('Create it');
    // Nothing subscribed for the room (the reader's own mention channel is subscribed on sign-in, whatever the route).
    expect(ctx.events.calls.filter((call) => !call.includes('/signals/users/'))).toEqual([]);
  });
});
