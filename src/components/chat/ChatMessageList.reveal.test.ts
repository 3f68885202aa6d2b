import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../core/timeline.ts';
import { BOB, storedMessage } from '../../test-support/fake-services.ts';
import ChatMessageList from './ChatMessageList.vue';

describe('ChatMessageList linked message', () => {
  it('marks the linked message, and reveals and focuses it on request', async () => {
    const entries: TimelineEntry[] = Array.from({ length: 5 }, (_, n) => {
      const message = storedMessage('lobby', n, BOB);
      return { kind: 'message', key: message.id, message };
    });
    const key = entries[2]!.key;
    const wrapper = mount(ChatMessageList, {
      props: { entries, olderStatus: 'done', label: 'Messages in lobby', highlightKey: key },
      attachTo: document.body,
    });

    const revealed = await wrapper.vm.revealMessage(key);

    const marked = wrapper.findAll('article[aria-current="true"]');
    expect(marked.map((a) => a.attributes('data-key'))).toEqual([key]);
    expect(marked[0]?.classes()).toContain('highlighted');
    expect(revealed).toBe(true);
    expect(document.activeElement).toBe(marked[0]?.element);
    expect(await wrapper.vm.revealMessage('not-listed')).toBe(false);
    wrapper.unmount();
  });
});
