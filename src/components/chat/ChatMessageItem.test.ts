import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { mutedError } from '../../../core/muted-error.ts';
import type { TimelineEntry } from '../../../core/timeline.ts';
import { BOB } from '../../test-support/fake-services.ts';
import ChatMessageItem from './ChatMessageItem.vue';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');

function failed(error: string, now = NOW) {
  const entry: TimelineEntry = {
    kind: 'outgoing',
    key: 'c-1',
    message: { clientMsgId: 'c-1', roomId: 'lobby', text: 'hello?', author: BOB, createdAt: '2026-11-30T11:59:59.000Z', status: 'failed', error },
  };
  return mount(ChatMessageItem, { props: { entry, continuation: false, unreadDivider: false, now } });
}

describe('ChatMessageItem, a failed send', () => {
  it('shows the server text and a Retry', async () => {
    const wrapper = failed('Message not stored; please retry');

    expect(wrapper.get('[role="alert"]').text()).toBe('Not sent: Message not stored; please retry Retry');
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('retry')).toEqual([['c-1']]);
  });

  it('tells a muted sender until when, with no Retry that would fail the same way', () => {
    const wrapper = failed(mutedError('2026-11-30T12:10:00.000Z'));

    expect(wrapper.get('[role="alert"]').text()).toMatch(/^Not sent: a moderator muted you until .+ \(in 10 minutes\)$/);
    expect(wrapper.find('button').exists()).toBe(false);
  });

  it('offers the Retry once the mute has ended', () => {
    const wrapper = failed(mutedError('2026-11-30T12:10:00.000Z'), Date.parse('2026-11-30T12:10:30.000Z'));

    expect(wrapper.get('button').text()).toBe('Retry');
  });
});
