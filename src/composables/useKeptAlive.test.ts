import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, KeepAlive, nextTick, ref } from 'vue';
import { useKeptAlive } from './useKeptAlive.ts';

describe('useKeptAlive', () => {
  function setup(showInnerAtFirst: boolean) {
    const shownAgain = vi.fn();
    const hidden = vi.fn();
    const Inner = defineComponent(() => {
      useKeptAlive({ shownAgain, hidden });
      return () => h('p', 'inner');
    });
    const innerShown = ref(showInnerAtFirst);
    const View = defineComponent(() => () => h('div', innerShown.value ? [h(Inner)] : []));
    const Other = defineComponent(() => () => h('div', 'other'));
    const current = ref<'view' | 'other'>('view');
    const wrapper = mount(defineComponent(() => () => h(KeepAlive, null, [current.value === 'view' ? h(View, { key: 'view' }) : h(Other, { key: 'other' })])));
    return { wrapper, shownAgain, hidden, innerShown, current };
  }

  it('runs shownAgain when the view comes back, not on its first showing', async () => {
    const { shownAgain, hidden, current } = setup(true);
    await nextTick();
    expect(shownAgain).not.toHaveBeenCalled();

    current.value = 'other';
    await nextTick();
    current.value = 'view';
    await nextTick();

    expect(hidden).toHaveBeenCalledTimes(1);
    expect(shownAgain).toHaveBeenCalledTimes(1);
  });

  it('runs shownAgain on the first return of a part that mounted after its view was shown', async () => {
    const { shownAgain, innerShown, current } = setup(false);
    await nextTick();
    innerShown.value = true;
    await nextTick();

    current.value = 'other';
    await nextTick();
    current.value = 'view';
    await nextTick();

    expect(shownAgain).toHaveBeenCalledTimes(1);
  });
});
