import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mountAppRoute } from '../../test-support/mount-app-route.ts';
import { createTestContext } from '../../test-support/fake-services.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('a link to a private room one is not a member of', () => {
  it('says so without offering to create a room by that id', async () => {
    const ctx = createTestContext();
    const { wrapper } = await mountAppRoute(ctx, '/rooms/p-0123456789abcdefghjkmnpqrs');
    unmount = () => wrapper.unmount();
    await flushPromises();

    expect(wrapper.get('.chat-room [role="alert"]').text()).toBe('This room does not exist, or you are not one of its members.');
    expect(wrapper.findAll('button').map((b) => b.text())).not.toContain('Create it');
    // Nothing subscribed for the room (the reader's own mention channel is subscribed on sign-in, whatever the route).
    expect(ctx.events.calls.filter((call) => !call.includes('/signals/users/'))).toEqual([]);
  });
});
