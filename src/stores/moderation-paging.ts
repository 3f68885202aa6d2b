import { ref, shallowRef } from 'vue';
import type { ModerationPage } from '../../core/moderation.ts';
import { describeError } from '../services/errors.ts';

export type ListStatus = 'idle' | 'loading' | 'ready' | 'error';
export type MoreStatus = 'idle' | 'loading' | 'error';

/** Fetches one page of a listing for `filters`, continuing from `cursor`. */
export type PageFetcher<T> = (filters: Record<string, string>, cursor?: string) => Promise<ModerationPage<T>>;

/**
 * A cursor-paged listing (newest first) for one set of filters: the first page, then more pages
 * appended on request. Answers to an earlier query are dropped. `truncated` is the API's word that
 * its read budget ran out before the page filled (a text search): more may match further back.
 */
export function createPagedList<T>(fetchPage: PageFetcher<T>) {
  const items = shallowRef<T[]>([]);
  const status = ref<ListStatus>('idle');
  const moreStatus = ref<MoreStatus>('idle');
  const error = ref<string | null>(null);
  const nextCursor = ref<string | undefined>();
  const truncated = ref(false);
  /** The filters the listing shows, as a stable key. */
  const loadedKey = ref<string | null>(null);
  let generation = 0;
  let filters: Record<string, string> = {};

  function accept(page: ModerationPage<T>, append: boolean): void {
    items.value = append ? [...items.value, ...page.items] : page.items;
    nextCursor.value = page.nextCursor;
    truncated.value = page.truncated === true && page.nextCursor !== undefined;
  }

  /** Shows the first page for `next`; `force` reloads even when those filters are shown already. */
  async function load(next: Record<string, string>, force = false): Promise<void> {
    const key = JSON.stringify(next);
    if (!force && key === loadedKey.value && status.value !== 'error') return;
    generation += 1;
    const current = generation;
    filters = next;
    loadedKey.value = key;
    status.value = 'loading';
    moreStatus.value = 'idle';
    error.value = null;
    items.value = [];
    nextCursor.value = undefined;
    truncated.value = false;
    try {
      const page = await fetchPage(filters);
      if (current !== generation) return;
      accept(page, false);
      status.value = 'ready';
    } catch (cause) {
      if (current !== generation) return;
      status.value = 'error';
      error.value = describeError(cause);
    }
  }

  /** Appends the next page (also "search further" after a truncated one). */
  async function loadMore(): Promise<void> {
    if (status.value !== 'ready' || moreStatus.value === 'loading' || nextCursor.value === undefined) return;
    const current = generation;
    moreStatus.value = 'loading';
    try {
      const page = await fetchPage(filters, nextCursor.value);
      if (current !== generation) return;
      accept(page, true);
      moreStatus.value = 'idle';
    } catch (cause) {
      if (current !== generation) return;
      moreStatus.value = 'error';
      error.value = describeError(cause);
    }
  }

  /** Replaces the rows `matches` picks with `item` (after an action), keeping their place. */
  function replace(matches: (row: T) => boolean, item: T): void {
    items.value = items.value.map((row) => (matches(row) ? item : row));
  }

  return { items, status, moreStatus, error, nextCursor, truncated, loadedKey, load, loadMore, replace };
}
