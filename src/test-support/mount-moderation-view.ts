import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { MODERATION_SERVICE } from '../services/moderation.ts';
import { SERVICES } from '../services/services.ts';
import ModerationView from '../views/ModerationView.vue';
import type { FakeModeration } from './fake-moderation.ts';
import { createTestContext } from './fake-services.ts';

/**
 * The moderation console at `url` (its query is the filter), with `fake` as the moderation API,
 * a room route for its links, and the other services faked. The caller unmounts the wrapper.
 */
export async function mountModerationView(url: string, fake: FakeModeration) {
  const { pinia, services } = createTestContext({ rooms: [{ id: 'lobby', name: 'lobby', kind: 'public' as const, lastMessageAt: null }] });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/moderation', name: 'moderation', component: ModerationView },
      { path: '/rooms/:roomId', name: 'room', component: { render: () => null } },
    ],
  });
  await router.push(url);
  const wrapper = mount(ModerationView, {
    global: { plugins: [pinia, router], provide: { [SERVICES as symbol]: services, [MODERATION_SERVICE as symbol]: fake } },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, router };
}
