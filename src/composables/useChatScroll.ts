import { computed, onMounted, type Ref, ref, watch } from 'vue';
import type { VirtualList } from './useVirtualList.ts';

export interface ChatScrollOptions {
  keys: Ref<readonly string[]>;
  scroller: Ref<HTMLElement | null>;
  list: VirtualList;
  /** Called when the user nears the top (time to load an older page). */
  onNearTop: () => void;
  /** Distance from the bottom that still counts as "at the bottom", px. */
  bottomSlack?: number;
  /** Distance from the top that triggers `onNearTop`, px. */
  topThreshold?: number;
}

/**
 * Chat scrolling on top of the virtual list: follows new messages only while at the bottom;
 * otherwise keeps the item at the top of the viewport exactly where it was, whatever is
 * prepended or re-measured above it (no jump), and counts the messages that arrived below.
 */
export function useChatScroll(options: ChatScrollOptions) {
  const slack = options.bottomSlack ?? 48;
  const topThreshold = options.topThreshold ?? 400;
  const atBottom = ref(true);
  /** The last key seen while at the bottom: everything after it is "new". */
  const seenKey = ref<string | undefined>();
  let anchor: { key: string; delta: number } | null = null;
  /** Where we last scrolled to ourselves: that scroll event must not move the anchor. */
  let programmatic: number | null = null;

  function scrollTo(el: HTMLElement, top: number): void {
    el.scrollTop = top;
    programmatic = el.scrollTop;
    options.list.sync();
  }

  const unseenCount = computed(() => {
    const keys = options.keys.value;
    if (atBottom.value || seenKey.value === undefined) return 0;
    const index = keys.lastIndexOf(seenKey.value);
    return index < 0 ? 0 : keys.length - 1 - index;
  });

  function capture(): void {
    const el = options.scroller.value;
    if (!el) return;
    atBottom.value = el.scrollHeight - el.scrollTop - el.clientHeight <= slack;
    const top = el.scrollTop - options.list.contentTop();
    if (atBottom.value) seenKey.value = options.keys.value.at(-1);
    // Anchor on the first item fully in view, never the list's first item: a prepend can change
    // that one's own height (it joins the group above it), which must not move the rest.
    const keys = options.keys.value;
    let index = options.list.indexAt(top);
    const at = options.list.offsetOf(keys[index] ?? '');
    if (at !== undefined && at < top) index += 1;
    if (index === 0) index = 1;
    const key = keys[Math.min(index, keys.length - 1)];
    const offset = key === undefined ? undefined : options.list.offsetOf(key);
    anchor = key === undefined || offset === undefined ? null : { key, delta: offset - top };
  }

  function onScroll(): void {
    options.list.sync();
    const el = options.scroller.value;
    const ours = el !== null && programmatic !== null && Math.abs(el.scrollTop - programmatic) < 1;
    programmatic = null;
    if (!ours) capture();
    if ((options.scroller.value?.scrollTop ?? Infinity) < topThreshold) options.onNearTop();
  }

  function scrollToBottom(): void {
    const el = options.scroller.value;
    if (!el) return;
    scrollTo(el, el.scrollHeight);
    capture();
    atBottom.value = true;
    seenKey.value = options.keys.value.at(-1);
  }

  /**
   * Puts the item `key` a third of the way down the viewport and anchors on it, so it stays put
   * while items around it are measured or older pages are prepended. False when it is not listed.
   */
  function scrollToKey(key: string): boolean {
    const el = options.scroller.value;
    const offset = options.list.offsetOf(key);
    if (!el || offset === undefined) return false;
    scrollTo(el, Math.max(0, offset + options.list.contentTop() - el.clientHeight / 3));
    capture();
    if (!atBottom.value) anchor = { key, delta: offset - (el.scrollTop - options.list.contentTop()) };
    return true;
  }

  /** After any change of items or heights: follow the bottom, or put the anchor back in place. */
  function restore(): void {
    const el = options.scroller.value;
    // Out of the document (a kept-alive room not shown): put back when it is shown again.
    if (!el?.isConnected) return;
    if (atBottom.value) return scrollToBottom();
    const offset = anchor ? options.list.offsetOf(anchor.key) : undefined;
    const target = offset === undefined || !anchor ? undefined : offset - anchor.delta + options.list.contentTop();
    if (target !== undefined && Math.abs(el.scrollTop - target) >= 1) {
      scrollTo(el, target);
    }
  }

  watch([options.keys, options.list.version], restore, { flush: 'post' });
  // A list mounted with its messages already there (a room opened before its view is shown) has
  // no change of keys to follow: it is put at the bottom now, before its first paint, so that
  // paint shows the newest messages rather than the space above them.
  onMounted(restore);

  return { atBottom, unseenCount, onScroll, scrollToBottom, scrollToKey, restore };
}
