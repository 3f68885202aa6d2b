import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../core/messages.ts';
import type { TimelineEntry } from '../../../core/timeline.ts';
import { ALICE, BOB, storedMessage } from '../../test-support/fake-services.ts';
import ChatAnnouncer from './ChatAnnouncer.vue';

const entry = (message: ChatMessage): TimelineEntry => ({ kind: 'message', key: message.id, message });

describe('ChatAnnouncer', () => {
  it('says who a live reply answers and when a message mentions the reader', async () => {
    const first = storedMessage('lobby', 1, BOB, 'hi');
    const wrapper = mount(ChatAnnouncer, { props: { entries: [entry(first)], selfSub: ALICE.sub } });
    const reply: ChatMessage = {
      ...storedMessage('lobby', 2, BOB, 'see @alice'),
      replyTo: { id: first.id, author: ALICE, excerpt: 'hi' },
      mentions: [{ sub: ALICE.sub, handle: 'alice' }],
    };

    await wrapper.setProps({ entries: [entry(first), entry(reply)] });

    expect(wrapper.get('[role="log"]').text()).toBe('Bob @bob, replying to Alice @alice, mentions you: see @alice');
  });
});
