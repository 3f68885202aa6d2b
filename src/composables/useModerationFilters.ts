import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import {
  filtersFromQuery,
  type ModerationFilters,
  type ModerationTab,
  queryFromFilters,
  tabFromQuery,
} from '../lib/moderation-filters.ts';

/**
 * The console's filters and tab, kept in the URL query: the URL is the single source of truth, so
 * a view can be shared, reloaded, and walked back through with the browser's history.
 */
export function useModerationFilters() {
  const route = useRoute();
  const router = useRouter();
  const filters = computed<ModerationFilters>(() => filtersFromQuery(route.query));
  const tab = computed<ModerationTab>(() => tabFromQuery(route.query));

  async function apply(next: ModerationFilters): Promise<void> {
    await router.push({ query: queryFromFilters(next, tab.value) });
  }

  async function setTab(next: ModerationTab): Promise<void> {
    if (next !== tab.value) await router.push({ query: queryFromFilters(filters.value, next) });
  }

  return { filters, tab, apply, setTab };
}
