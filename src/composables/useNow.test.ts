import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, type Ref } from 'vue';
import { useNow } from './useNow.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000, toFake: ['setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => vi.useRealTimers());

function mountClock(intervalMs?: number) {
  let now: Ref<number> | undefined;
  const wrapper = mount(defineComponent(() => {
    now = useNow(intervalMs);
    return () => h('span');
  }));
  return { wrapper, now: now as Ref<number> };
}

describe('useNow', () => {
  it('moves on every interval, not in between', () => {
    const { wrapper, now } = mountClock();
    expect(now.value).toBe(1_000_000);

    vi.advanceTimersByTime(29_999);
    expect(now.value).toBe(1_000_000);
    vi.advanceTimersByTime(1);

    expect(now.value).toBe(1_030_000);
    wrapper.unmount();
  });

  it('stops its timer when the component goes', () => {
    const { wrapper } = mountClock(1_000);
    expect(vi.getTimerCount()).toBe(1);

    wrapper.unmount();

    expect(vi.getTimerCount()).toBe(0);
  });
});
