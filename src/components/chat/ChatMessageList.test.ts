import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { TimelineEntry } from '../../../core/timeline.ts';
import { ALICE, BOB, storedMessage } from '../../test-support/fake-services.ts';
import ChatMessageList from './ChatMessageList.vue';

function entries(count: number, text?: (n: number) => string): TimelineEntry[] {
  return Array.from({ length: count }, (_, n) => {
    const message = storedMessage('lobby', n, n % 2 ? ALICE : BOB, text?.(n));
    return { kind: 'message', key: message.id, message };
  });
}

function mountList(list: TimelineEntry[], props: Record<string, unknown> = {}) {
  return mount(ChatMessageList, {
    props: { entries: list, olderStatus: 'idle', label: 'Messages in lobby', ...props },
    attachTo: document.body,
  });
}

describe('ChatMessageList', () => {
  it('has a polite log that announces new live messages from others only', async () => {
    const list = entries(3);
    const wrapper = mountList(list, { selfSub: ALICE.sub });
    const next = storedMessage('lobby', 10, BOB, 'fresh news');

    await wrapper.setProps({ entries: [...list, { kind: 'message', key: next.id, message: next }] });

    const log = wrapper.get('[role="log"]');
    expect(log.attributes('aria-live')).toBe('polite');
    expect(log.text()).toBe('Bob @bob: fresh news');
  });

  it('paints its first window without the rows\' actions, their room kept, and adds them once idle', async () => {
    const wrapper = mountList(entries(4), { selfSub: ALICE.sub });

    expect(wrapper.findAll('article .actions')).toHaveLength(0);
    expect(wrapper.findAll('article .actions-room')).toHaveLength(2);
    await vi.waitFor(() => expect(wrapper.findAll('article .actions')).toHaveLength(2));
    expect(wrapper.findAll('article .actions-room')).toHaveLength(0);
    expect(wrapper.findAll('article button').map((b) => b.text())).toContain('Report message by Bob @bob');
  });

  it('renders only a window of a 10,000-message history', () => {
    const wrapper = mountList(entries(10_000));

    const rendered = wrapper.findAll('article').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThanOrEqual(150);
    expect(wrapper.get('[role="feed"]').attributes('style')).toMatch(/padding-top/);
  });

  it('renders markup and scripts in messages as plain text, and only http(s) links', () => {
    const evil = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=1</script>', 'javascript:alert(1) https://ok.example/'];
    const wrapper = mountList(entries(3, (n) => evil[n] as string));

    expect(wrapper.find('[role="feed"] img').exists()).toBe(false);
    expect(wrapper.find('[role="feed"] script').exists()).toBe(false);
    expect(wrapper.text()).toContain('<img src=x onerror="window.__xss=1">');
    const links = wrapper.findAll('[role="feed"] a');
    expect(links.map((a) => a.attributes('href'))).toEqual(['https://ok.example/']);
    expect(links[0]?.attributes('rel')).toBe('noopener noreferrer nofollow');
    expect(links[0]?.attributes('target')).toBe('_blank');
  });

  it('shows the author and an exact time on each message group', () => {
    const wrapper = mountList(entries(2));

    const time = wrapper.get('article time');
    expect(time.attributes('datetime')).toMatch(/^2026-11-30T/);
    expect(time.attributes('title')).toBeTruthy();
    expect(wrapper.get('article .author').text()).toBe('Bob');
  });

  it('shows the loading indicator, then the start of the room', async () => {
    const wrapper = mountList(entries(2), { olderStatus: 'loading' });
    expect(wrapper.text()).toContain('Loading older messages');

    await wrapper.setProps({ olderStatus: 'done' });

    expect(wrapper.text()).toContain('Start of the room');
  });

  it('shows removed messages as removed, and failed sends with Retry', async () => {
    const [first] = entries(1);
    const failed: TimelineEntry = {
      kind: 'outgoing',
      key: 'out:c1',
      message: { clientMsgId: 'c1', roomId: 'lobby', text: 'oops', author: ALICE, createdAt: new Date().toISOString(), status: 'failed', error: 'network' },
    };
    const wrapper = mountList([{ ...(first as TimelineEntry), kind: 'removed' } as TimelineEntry, failed]);

    expect(wrapper.text()).toContain('Message removed by a moderator');
    expect(wrapper.text()).not.toContain('message 0');
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('retry')).toEqual([['c1']]);
  });

  it('draws the unread divider above the first message after the read marker', () => {
    const list = entries(4);
    const wrapper = mountList(list, { unreadAfterId: list[1]?.key });

    const articles = wrapper.findAll('article');
    expect(articles.findIndex((a) => a.find('[role="separator"]').exists())).toBe(2);
  });

  it('moves focus between messages with Page Down and Page Up', async () => {
    const wrapper = mountList(entries(3));
    const articles = wrapper.findAll('article');
    (articles[0]?.element as HTMLElement).focus();

    await articles[0]?.trigger('keydown', { key: 'PageDown' });
    expect(document.activeElement).toBe(articles[1]?.element);
    await articles[1]?.trigger('keydown', { key: 'PageUp' });
    expect(document.activeElement).toBe(articles[0]?.element);
    wrapper.unmount();
  });

  it('marks the room read at the bottom only while the page is visible', async () => {
    let state: DocumentVisibilityState = 'hidden';
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => state);
    const wrapper = mountList(entries(3));
    await nextTick();
    expect(wrapper.emitted('readToEnd')).toBeUndefined();

    state = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await nextTick();

    expect(wrapper.emitted('readToEnd')).toHaveLength(1);
    wrapper.unmount();
    visibility.mockRestore();
  });
});

describe('ChatMessageList member changes', () => {
  it('shows a member change as a line of text among the messages', () => {
    const list = entries(2);
    const line = { key: 'member-x', text: 'Alice added <b>Bob</b>', afterId: list[0]!.key };

    const wrapper = mountList(list, { memberChanges: [line] });

    const items = wrapper.findAll('[role="feed"] > article');
    expect(items.map((item) => item.attributes('data-key'))).toEqual([list[0]!.key, 'member-x', list[1]!.key]);
    expect(items[1]!.text()).toBe('Alice added <b>Bob</b>');
    expect(items[1]!.find('b').exists()).toBe(false);
    wrapper.unmount();
  });
});
