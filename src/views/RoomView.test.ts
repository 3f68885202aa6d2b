import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { roomChannel } from '../../core/channels.ts';
import { createAppRouter } from '../router/index.ts';
import { SERVICES } from '../services/services.ts';
import { useOpenRoomsStore } from '../stores/open-rooms.ts';
import { createTestContext, storedMessage, type TestContext } from '../test-support/fake-services.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** The rooms screens as the app shows them: the router's views, with fake services. */
async function mountRooms(ctx: TestContext, url: string) {
  const router = createAppRouter(ctx.pinia, createMemoryHistory());
  await router.push(url);
  const wrapper = mount(defineComponent(() => () => h(RouterView)), {
    global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } },
    attachTo: document.body,
  });
  unmount = () => wrapper.unmount();
  await flushPromises();
  return { wrapper, router };
}

async function go(router: Awaited<ReturnType<typeof mountRooms>>['router'], url: string) {
  await router.push(url);
  await flushPromises();
}

describe('rooms left for another are kept as they were', () => {
  function context(): TestContext {
    const ctx = createTestContext({
      rooms: [
        { id: 'a', name: 'a', kind: 'public' as const, lastMessageAt: null },
        { id: 'b', name: 'b', kind: 'public' as const, lastMessageAt: null },
      ],
    });
    [1, 2, 3].forEach((n) => ctx.history.store(storedMessage('a', n)));
    ctx.history.store(storedMessage('b', 4));
    return ctx;
  }

  it('keeps the draft, counts what arrives meanwhile as unread, and marks it when back', async () => {
    const ctx = context();
    const { wrapper, router } = await mountRooms(ctx, '/rooms/a');
    await wrapper.get('textarea[aria-label="Message"]').setValue('half-written');

    await go(router, '/rooms/b');
    expect((wrapper.get('textarea[aria-label="Message"]').element as HTMLTextAreaElement).value).toBe('');
    ctx.events.emit(roomChannel('a'), { type: 'message.created', message: storedMessage('a', 10, undefined, 'while away 1') });
    ctx.events.emit(roomChannel('a'), { type: 'message.created', message: storedMessage('a', 11, undefined, 'while away 2') });
    await flushPromises();

    // Room a is still built, out of sight: it must not count its new messages as read.
    expect(useOpenRoomsStore(ctx.pinia).unreadCounts.a).toBe(2);
    expect(wrapper.get('a[href="/rooms/a"] .badge').text()).toBe('2 unread');

    await go(router, '/rooms/a');
    expect((wrapper.get('textarea[aria-label="Message"]').element as HTMLTextAreaElement).value).toBe('half-written');
    const articles = wrapper.findAll('[role="feed"] article');
    expect(articles.map((a) => a.get('.text').text())).toEqual(['message 1', 'message 2', 'message 3', 'while away 1', 'while away 2']);
    expect(articles[3]?.find('[role="separator"]').text()).toBe('New messages');
    expect(wrapper.get('a[aria-current="page"]').attributes('href')).toBe('/rooms/a');
  });

  it('follows a ?message= link only in the room shown', async () => {
    const ctx = context();
    // More than a page, so a link to a message older than the loaded ones would page back.
    for (let n = 100; n < 160; n += 1) ctx.history.store(storedMessage('a', n));
    const { router } = await mountRooms(ctx, '/rooms/a');
    await go(router, `/rooms/b?message=${'0'.repeat(26)}`);

    expect(ctx.history.calls.filter((call) => call.startsWith('older a'))).toEqual(['older a']);
  });
});
