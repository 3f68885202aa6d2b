import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { searchEmoji } from '../../lib/emoji-names.ts';
import ChatEmojiPicker from './ChatEmojiPicker.vue';

let wrapper: VueWrapper | null = null;

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

/** A query with three rows of matches and more (every name with an "a"), so Up and Down have somewhere to go. */
const QUERY = 'a';

async function picker() {
  wrapper = mount(ChatEmojiPicker, { attachTo: document.body });
  const search = wrapper.get('input[type="search"]');
  await search.setValue(QUERY);
  const names = searchEmoji(QUERY).map((e) => e.name);
  expect(names.length).toBeGreaterThanOrEqual(15);
  const focusedName = () => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label');
  const press = (key: string) => (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  return { search, names, focusedName, press, wrapper };
}

describe('ChatEmojiPicker keyboard', () => {
  it('moves from the search into the emoji with Down, and through them by one and by a row', async () => {
    const { search, names, focusedName, press } = await picker();
    expect(document.activeElement).toBe(search.element);

    press('ArrowDown');
    expect(focusedName()).toBe(names[0]);
    press('ArrowRight');
    expect(focusedName()).toBe(names[1]);
    press('ArrowDown');
    expect(focusedName()).toBe(names[8]);
    press('ArrowLeft');
    expect(focusedName()).toBe(names[7]);
    press('End');
    expect(focusedName()).toBe(names.at(-1));
    press('ArrowRight');
    expect(focusedName()).toBe(names.at(-1));
    press('Home');
    expect(focusedName()).toBe(names[0]);
  });

  it('goes back to the search with Up from the first row', async () => {
    const { search, names, focusedName, press } = await picker();
    press('ArrowDown');
    press('ArrowRight');
    expect(focusedName()).toBe(names[1]);

    press('ArrowUp');

    expect(document.activeElement).toBe(search.element);
  });

  it('keeps the emoji one Tab stop: only the one last moved to is in the tab order', async () => {
    const { press, wrapper } = await picker();
    press('ArrowDown');
    press('ArrowRight');
    press('ArrowRight');
    await wrapper.vm.$nextTick();

    const inTabOrder = wrapper.findAll('.grid button').filter((b) => b.attributes('tabindex') === '0');
    expect(inTabOrder.map((b) => b.attributes('aria-label'))).toEqual([searchEmoji(QUERY)[2]!.name]);
  });
});
