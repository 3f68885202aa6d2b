import { useIntersectionObserver } from '@vueuse/core';
import { type Ref, ref, watch } from 'vue';

export interface LoadMoreSentinelOptions {
  /** The element at the end of the list; while it is in view, more is loaded. */
  sentinel: Ref<HTMLElement | null>;
  /** Whether loading more is possible and wanted right now (not loading, more to get). */
  enabled: () => boolean;
  onLoad: () => void;
  /** How far before the end to start, px. */
  margin?: number;
}

/**
 * Infinite paging: calls `onLoad` while the sentinel is in (or near) view and `enabled()` holds,
 * and again after each page for as long as the sentinel stays in view. Without
 * IntersectionObserver nothing loads by itself (the list's "Load more" button still works).
 */
export function useLoadMoreSentinel(options: LoadMoreSentinelOptions) {
  const visible = ref(false);
  useIntersectionObserver(
    options.sentinel,
    (entries) => {
      visible.value = entries.some((entry) => entry.isIntersecting);
    },
    { rootMargin: `0px 0px ${options.margin ?? 300}px 0px` },
  );
  watch([visible, options.enabled], ([inView, enabled]) => {
    if (inView && enabled) options.onLoad();
  }, { flush: 'post' });

  return { visible };
}
