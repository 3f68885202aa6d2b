// Hand-written rather than a library, because it measured better where a chat needs it
// (`npm run bench:virtual-list`, BENCHMARKS.md; the same 10,000 variable-height messages and rows
// in Chromium, interleaved medians). Against @tanstack/vue-virtual 3.13 in its chat configuration
// (`anchorTo: 'end'`): prepending an older page at the top moved a row in view by 12.8–41.6 px at
// every page boundary for TanStack, at most 0.8 px here (with useChatScroll, which anchors on the
// first row fully in view, never the list's first row, whose height changes when it joins the
// prepended page's last group); first paint of the newest window 52.1 vs 54.4 ms; 94 vs 117
// elements in the DOM; the same frame intervals scrolling; TanStack held 0.16 MiB less heap (0.26
// vs 0.42 MiB) and is 10.0 kB gzip of code against 1.1 kB. VueUse's useVirtualList takes item
// heights known in advance and never measures rows, so it cannot do this at all.
import { computed, onBeforeUnmount, readonly, type Ref, ref, watch } from 'vue';
import { whenIdle } from '../lib/defer.ts';

export interface VirtualListOptions {
  /** Stable keys of every item, in order (never indexes: items are prepended). */
  keys: Ref<readonly string[]>;
  /** The scrolling element. */
  scroller: Ref<HTMLElement | null>;
  /** Height assumed for an item not measured yet, px. */
  estimate?: number;
  /** Extra height rendered above and below the viewport, px. */
  overscan?: number;
  /** Never more items than this in the DOM. */
  maxItems?: number;
  /** Where the list starts inside the scroller (content above it, such as markers), px. */
  contentTop?: () => number;
  /**
   * Until the scroller's position is first read (`sync`), render the end of the list rather than
   * its start: a list that opens scrolled to the bottom then mounts its first window only once.
   */
  startAtEnd?: boolean;
  /**
   * The viewport's height assumed until the scroller is first read, px: a list that replaces
   * another of the same layout (the next room) renders only the rows that will fit. Without it, or
   * while it is 0, a window-sized guess.
   */
  viewportHint?: () => number;
}

/** Used when the scroller reports no height (not laid out yet, or a DOM without layout). */
const FALLBACK_VIEWPORT = 800;

/**
 * Windowing for a list of variable-height items: only the items in (and near) the viewport are
 * rendered, between two paddings that stand in for the rest. Heights are measured with a
 * ResizeObserver as items render and estimated until then.
 */
export function useVirtualList(options: VirtualListOptions) {
  const estimate = options.estimate ?? 44;
  const overscan = options.overscan ?? 600;
  const maxItems = options.maxItems ?? 100;
  const contentTop = options.contentTop ?? (() => 0);
  const heights = new Map<string, number>();
  const version = ref(0);
  const scrollTop = ref(0);
  const viewport = ref(0);
  const synced = ref(false);
  /** No overscan until the first window has been painted and the page is idle: it is only needed once the user scrolls. */
  const painted = ref(false);

  const indexByKey = computed(() => new Map(options.keys.value.map((key, index) => [key, index])));
  const offsets = computed(() => {
    void version.value;
    const keys = options.keys.value;
    const out = new Float64Array(keys.length + 1);
    keys.forEach((key, i) => {
      out[i + 1] = (out[i] ?? 0) + (heights.get(key) ?? estimate);
    });
    return out;
  });
  const totalHeight = computed(() => offsets.value[options.keys.value.length] ?? 0);

  /** The index of the item at `y` px from the top (clamped). */
  function indexAt(y: number): number {
    const all = offsets.value;
    let low = 0;
    let high = Math.max(0, all.length - 2);
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((all[mid] ?? 0) <= y) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  const range = computed<{ start: number; end: number }>((previous) => {
    const count = options.keys.value.length;
    const view = viewport.value || options.viewportHint?.() || FALLBACK_VIEWPORT;
    const top = synced.value || !options.startAtEnd ? scrollTop.value : Math.max(0, totalHeight.value - view);
    const extra = painted.value ? overscan : 0;
    const first = indexAt(top);
    const start = Math.max(0, Math.min(indexAt(top - extra), first));
    const end = Math.min(count, indexAt(top + view + extra) + 1, start + maxItems);
    // The same window as before is the same object: nothing downstream re-renders for it.
    return previous?.start === start && previous.end === end ? previous : { start, end };
  });
  const paddingTop = computed(() => offsets.value[range.value.start] ?? 0);
  const paddingBottom = computed(() => totalHeight.value - (offsets.value[range.value.end] ?? 0));

  function offsetOf(key: string): number | undefined {
    const index = indexByKey.value.get(key);
    return index === undefined ? undefined : offsets.value[index];
  }

  /** Reads the scroller's position; call on scroll and after moving it. */
  function sync(): void {
    const el = options.scroller.value;
    // Out of the document (a kept-alive room not shown) it reads as 0 by 0: keep the last window.
    if (!el?.isConnected) return;
    scrollTop.value = el.scrollTop - contentTop();
    viewport.value = el.clientHeight;
    if (!synced.value) whenIdle(() => (painted.value = true));
    synced.value = true;
  }

  // One observer for every rendered row, added and dropped as rows come and go. VueUse's
  // useResizeObserver takes a reactive list of targets and re-observes all of them whenever the
  // list changes, which reports every rendered row again each time the window moves.
  const observed = new Set<HTMLElement>();
  let firstPainted = false;
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          let changed = false;
          for (const entry of entries) {
            const el = entry.target as HTMLElement;
            const key = el.dataset.key;
            const height = entry.borderBoxSize?.[0]?.blockSize ?? el.getBoundingClientRect().height;
            if (key && height > 0 && heights.get(key) !== height) {
              heights.set(key, height);
              changed = true;
            }
          }
          if (!changed) return;
          // The first window's heights wait for the next frame: the rows it rendered are painted
          // as they are first, and corrected (more rows, paddings) a frame later.
          if (firstPainted) version.value += 1;
          else requestAnimationFrame(() => {
            firstPainted = true;
            version.value += 1;
          });
        });

  /** Function ref for each rendered item (it must carry `data-key`). */
  function measure(el: unknown): void {
    if (!(el instanceof HTMLElement) || observed.has(el)) return;
    observed.add(el);
    observer?.observe(el);
  }

  watch(range, () => {
    observed.forEach((el) => {
      if (el.isConnected) return;
      observer?.unobserve(el);
      observed.delete(el);
    });
  }, { flush: 'post' });
  onBeforeUnmount(() => observer?.disconnect());

  return { range, paddingTop, paddingBottom, totalHeight, version, viewport: readonly(viewport), contentTop, indexAt, offsetOf, sync, measure };
}

export type VirtualList = ReturnType<typeof useVirtualList>;
