import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { createAppRouter } from '../router/index.ts';
import { SERVICES } from '../services/services.ts';
import type { TestContext } from './fake-services.ts';

/**
 * The app's routed views at `url`, as the app shows them (its router and guards), on the fake
 * services of `ctx`, attached to the document so focus and layout behave. The caller unmounts.
 */
export async function mountAppRoute(ctx: TestContext, url: string) {
  const router = createAppRouter(ctx.pinia, createMemoryHistory());
  await router.push(url);
  const wrapper = mount(defineComponent(() => () => h(RouterView)), {
    global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } },
    attachTo: document.body,
  });
  return { wrapper, router };
}
