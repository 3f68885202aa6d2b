import { useVirtualizer } from '@tanstack/vue-virtual';
import { computed, defineComponent, h, nextTick, onMounted, type PropType, ref } from 'vue';
import type { TimelineEntry } from '../../../core/timeline.ts';
import ChatMessageItem from '../../../src/components/chat/ChatMessageItem.vue';
import { continuesGroup } from '../../../src/lib/message-groups.ts';

/** The same estimate and bottom slack as Parley's list; overscan in rows, about its 600 px. */
const ESTIMATE = 44;
const OVERSCAN = 10;

/**
 * The same rows on @tanstack/vue-virtual, configured as its chat guide says: `anchorTo: 'end'`
 * (a prepend keeps the visible row in place), `followOnAppend`, `scrollToEnd()` once mounted,
 * rows measured through `measureElement`. `initialOffset` at the estimated end, so that its first
 * render is already the newest window.
 */
export const TanstackList = defineComponent({
  name: 'TanstackList',
  props: {
    entries: { type: Array as PropType<readonly TimelineEntry[]>, required: true },
    now: { type: Number, required: true },
  },
  setup(props) {
    const scroller = ref<HTMLElement | null>(null);
    const feed = ref<HTMLElement | null>(null);
    // Where the rows start inside the scroller (below the top marker), read once laid out.
    const scrollMargin = ref(0);
    const virtualizer = useVirtualizer(
      computed(() => ({
        count: props.entries.length,
        getScrollElement: () => scroller.value,
        estimateSize: () => ESTIMATE,
        getItemKey: (index: number) => props.entries[index]?.key ?? index,
        overscan: OVERSCAN,
        scrollMargin: scrollMargin.value,
        initialOffset: () => props.entries.length * ESTIMATE,
        anchorTo: 'end' as const,
        followOnAppend: true,
        scrollEndThreshold: 48,
      })),
    );
    // scrollToEnd() once the virtualizer has the rows' offset in the scroller, or it stops short.
    onMounted(async () => {
      scrollMargin.value = feed.value?.offsetTop ?? 0;
      await nextTick();
      virtualizer.value.scrollToEnd();
    });
    const measure = (component: unknown) => {
      const el = (component as { $el?: unknown } | null)?.$el;
      virtualizer.value.measureElement(el instanceof HTMLElement ? el : null);
    };

    return () => {
      const items = virtualizer.value.getVirtualItems();
      const offset = (items[0]?.start ?? 0) - scrollMargin.value;
      return h('div', { class: 'message-list' }, [
        h('div', { ref: scroller, class: 'scroller' }, [
          h('div', { class: 'top-marker' }, [h('p', 'Loading older messages…')]),
          h('div', { ref: feed, role: 'feed', style: { position: 'relative', height: `${virtualizer.value.getTotalSize()}px` } }, [
            h(
              'div',
              { style: { position: 'absolute', top: '0', left: '0', width: '100%', transform: `translateY(${offset}px)` } },
              items.map((item) => {
                const entry = props.entries[item.index] as TimelineEntry;
                const continuation = continuesGroup(props.entries[item.index - 1], entry);
                return h(ChatMessageItem, { key: entry.key, ref: measure, 'data-index': item.index, 'data-key': entry.key, entry, continuation, unreadDivider: false, now: props.now });
              }),
            ),
          ]),
        ]),
      ]);
    };
  },
});
