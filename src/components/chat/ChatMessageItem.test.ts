import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatEventError } from '../../../core/event-errors.ts';
import type { Author } from '../../../core/messages.ts';
import type { TimelineEntry } from '../../../core/timeline.ts';
import { BOB, storedMessage } from '../../test-support/fake-services.ts';
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

describe('ChatMessageItem, the author line', () => {
  function stored(author: Author, continuation = false) {
    const entry: TimelineEntry = { kind: 'message', key: 'm-1', message: { ...storedMessage('lobby', 1, author), text: 'hi' } };
    return mount(ChatMessageItem, { props: { entry, continuation, unreadDivider: false, now: NOW } });
  }

  it('shows the display name, then the @handle set apart', () => {
    const header = stored(BOB).get('header');

    expect(header.get('.author').text()).toBe('Bob');
    expect(header.get('.handle').text()).toBe('@bob');
    expect(header.find('.badge').exists()).toBe(false);
    expect(header.text()).toMatch(/^Bob @bob\s+just now$/);
  });

  it('marks a moderator with a visible "Moderator" badge, in words a screen reader reads once with the header', () => {
    const header = stored({ sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan', moderator: true }).get('header');

    expect(header.get('.badge').text()).toBe('Moderator');
    expect(header.findAll('.badge')).toHaveLength(1);
    expect(header.text()).toMatch(/^Morgan @morgan Moderator\s+just now$/);
  });

  it('keeps the badge in a grouped message, where the header is only for screen readers', () => {
    const header = stored({ sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan', moderator: true }, true).get('header');

    expect(header.classes()).toContain('visually-hidden');
    expect(header.get('.badge').text()).toBe('Moderator');
  });

  it('shows no @ for a message stored before handles', () => {
    const header = stored({ sub: 'sub-old', handle: '', displayName: 'Old Timer', moderator: false }).get('header');

    expect(header.get('.author').text()).toBe('Old Timer');
    expect(header.find('.handle').exists()).toBe(false);
  });

  it('renders names as text, never as markup', () => {
    const wrapper = stored({ sub: 'sub-x', handle: 'x_1', displayName: '<img src=x onerror="window.__xss=1"><b>Bob</b>', moderator: false });

    expect(wrapper.find('header img, header b').exists()).toBe(false);
    expect(wrapper.get('.author').text()).toBe('<img src=x onerror="window.__xss=1"><b>Bob</b>');
  });
});

describe('ChatMessageItem, a direct message to the author', () => {
  it('offers Message on someone else’s message, named for a screen reader, and asks for a DM with its author', async () => {
    const entry: TimelineEntry = { kind: 'message', key: 'm-1', message: storedMessage('lobby', 1) };
    const wrapper = mount(ChatMessageItem, { props: { entry, continuation: false, unreadDivider: false, now: NOW, reportable: true } });

    const button = wrapper.get('button[aria-label^="Message "]');
    expect(button.attributes('aria-label')).toBe('Message Bob @bob');
    await button.trigger('click');

    expect(wrapper.emitted('directMessage')).toEqual([[BOB]]);
  });

  it('offers no Message on the reader’s own message', () => {
    const entry: TimelineEntry = { kind: 'message', key: 'm-1', message: storedMessage('lobby', 1) };
    const wrapper = mount(ChatMessageItem, { props: { entry, continuation: false, unreadDivider: false, now: NOW, reportable: false } });

    expect(wrapper.find('button[aria-label^="Message "]').exists()).toBe(false);
  });
});
