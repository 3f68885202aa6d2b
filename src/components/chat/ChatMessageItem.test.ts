import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatEventError } from '../../../core/event-errors.ts';
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

afterEach(() => {
  vi.useRealTimers();
});

describe('ChatMessageItem, a failed send', () => {
  it('offers a Retry when storing failed', async () => {
    const wrapper = failed(formatEventError('UNAVAILABLE', 'Message not stored; please retry'));

    expect(wrapper.get('[role="alert"]').text()).toBe('Not sent: the server could not store it Retry');
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('retry')).toEqual([['c-1']]);
  });

  it('offers a Retry after a network failure that carries no code', () => {
    const wrapper = failed('Network error');

    expect(wrapper.get('[role="alert"]').text()).toBe('Not sent: Network error Retry');
  });

  it.each([
    [formatEventError('NOT_FOUND', 'Room lobby does not exist; create it with POST /rooms'), 'Not sent: this room does not exist (any more)'],
    [formatEventError('MESSAGE_REMOVED', 'Message c-1 was removed by a moderator'), 'Not sent: a moderator removed this message'],
    [formatEventError('BAD_REQUEST', 'clientMsgId must be a UUID'), 'Not sent: the server does not accept this message; clientMsgId must be a UUID'],
  ])('says why, with no Retry that would fail the same way: %s', (error, text) => {
    const wrapper = failed(error);

    expect(wrapper.get('[role="alert"]').text()).toBe(text);
    expect(wrapper.find('button').exists()).toBe(false);
  });

  it('tells a muted sender until when, with no Retry that would fail the same way', () => {
    const wrapper = failed(formatEventError('MUTED', 'you are muted', '2026-11-30T12:10:00.000Z'));

    expect(wrapper.get('[role="alert"]').text()).toMatch(/^Not sent: a moderator muted you until .+ \(in 10 minutes\)$/);
    expect(wrapper.find('button').exists()).toBe(false);
  });

  it('offers the Retry once the mute has ended', () => {
    const wrapper = failed(formatEventError('MUTED', 'you are muted', '2026-11-30T12:10:00.000Z'), Date.parse('2026-11-30T12:10:30.000Z'));

    expect(wrapper.get('button').text()).toBe('Retry');
  });

  it('offers the Retry when the rate limit window ends, without waiting for the list clock', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const wrapper = failed(formatEventError('RATE_LIMITED', 'more than 20 messages in 10 s', '2026-11-30T12:00:08.000Z'));
    expect(wrapper.get('[role="alert"]').text()).toBe('Not sent: you are sending too fast; you can retry in 8 seconds');
    expect(wrapper.find('button').exists()).toBe(false);

    await vi.advanceTimersByTimeAsync(8_000);

    expect(wrapper.get('[role="alert"]').text()).toBe('Not sent: you were sending too fast; you can retry now Retry');
  });
});
