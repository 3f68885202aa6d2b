import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { useVirtualList, type VirtualList } from './useVirtualList.ts';

/** Stands in for the browser's ResizeObserver: the test decides what was measured and when. */
class FakeResizeObserver {
  static last: FakeResizeObserver | undefined;
  readonly observed = new Set<Element>();
  constructor(readonly callback: (entries: unknown[]) => void) {
    FakeResizeObserver.last = this;
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
  /** Every observed element measured at `height` px. */
  report(height: number) {
    this.callback([...this.observed].map((target) => ({ target, borderBoxSize: [{ blockSize: height }] })));
  }
}

let frames: FrameRequestCallback[] = [];
const runFrame = () => frames.splice(0).forEach((callback) => callback(0));

beforeEach(() => {
  frames = [];
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
});
afterEach(() => vi.unstubAllGlobals());

/** 200 items of the estimated 44 px, the window rendered as divs with `data-key`. */
function mountList() {
  let list: VirtualList | undefined;
  const keys = ref(Array.from({ length: 200 }, (_, i) => `k${String(i).padStart(3, '0')}`));
  const Harness = defineComponent(() => {
    const scroller = ref<HTMLElement | null>(null);
    list = useVirtualList({ keys, scroller, startAtEnd: true });
    return () =>
      h('div', { ref: scroller }, [
        keys.value.slice(list?.range.value.start, list?.range.value.end).map((key) => h('div', { key, 'data-key': key, ref: (el) => list?.measure(el) })),
      ]);
  });
  const wrapper = mount(Harness, { attachTo: document.body });
  return { wrapper, list: list as VirtualList, keys };
}

describe('useVirtualList', () => {
  it('paints the first window before applying its measured heights, and applies later ones at once', async () => {
    const { wrapper, list } = mountList();
    const estimated = list.totalHeight.value;
    expect(estimated).toBe(200 * 44);

    FakeResizeObserver.last?.report(30);
    expect(list.totalHeight.value).toBe(estimated);
    runFrame();
    const measured = list.totalHeight.value;
    expect(measured).toBeLessThan(estimated);

    await wrapper.vm.$nextTick();
    FakeResizeObserver.last?.report(60);
    expect(list.totalHeight.value).toBeGreaterThan(measured);
    wrapper.unmount();
  });

  it('keeps the same window object while the window does not change', () => {
    const { wrapper, list, keys } = mountList();
    list.sync();
    const before = list.range.value;

    list.sync();
    keys.value = [...keys.value, 'k999'];

    expect(list.range.value).toBe(before);
    keys.value = keys.value.slice(0, 5);
    expect(list.range.value).toEqual({ start: 0, end: 5 });
    wrapper.unmount();
  });
});
