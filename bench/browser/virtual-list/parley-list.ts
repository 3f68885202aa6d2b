import { computed, defineComponent, h, type PropType, ref } from 'vue';
import type { TimelineEntry } from '../../../core/timeline.ts';
import ChatMessageItem from '../../../src/components/chat/ChatMessageItem.vue';
import { useChatScroll } from '../../../src/composables/useChatScroll.ts';
import { useVirtualList } from '../../../src/composables/useVirtualList.ts';
import { continuesGroup } from '../../../src/lib/message-groups.ts';

/**
 * Parley's list as src/components/chat/ChatMessageList.vue wires it (useVirtualList +
 * useChatScroll, the same rows), without the parts both lists would share (announcer, divider,
 * read marking).
 */
export const ParleyList = defineComponent({
  name: 'ParleyList',
  props: {
    entries: { type: Array as PropType<readonly TimelineEntry[]>, required: true },
    now: { type: Number, required: true },
  },
  setup(props) {
    const scroller = ref<HTMLElement | null>(null);
    const feed = ref<HTMLElement | null>(null);
    const keys = computed(() => props.entries.map((entry) => entry.key));
    const list = useVirtualList({ keys, scroller, contentTop: () => feed.value?.offsetTop ?? 0, startAtEnd: true });
    const { onScroll } = useChatScroll({ keys, scroller, list, onNearTop: () => undefined });
    const visible = computed(() =>
      props.entries.slice(list.range.value.start, list.range.value.end).map((entry, i) => {
        const index = list.range.value.start + i;
        return { entry, continuation: continuesGroup(props.entries[index - 1], entry) };
      }),
    );
    const measure = (component: unknown) => list.measure((component as { $el?: unknown } | null)?.$el);

    return () =>
      h('div', { class: 'message-list' }, [
        h('div', { ref: scroller, class: 'scroller', onScroll }, [
          h('div', { class: 'top-marker' }, [h('p', 'Loading older messages…')]),
          h(
            'div',
            { ref: feed, role: 'feed', style: { paddingTop: `${list.paddingTop.value}px`, paddingBottom: `${list.paddingBottom.value}px` } },
            visible.value.map(({ entry, continuation }) =>
              h(ChatMessageItem, { key: entry.key, ref: measure, 'data-key': entry.key, entry, continuation, unreadDivider: false, now: props.now }),
            ),
          ),
        ]),
      ]);
  },
});
