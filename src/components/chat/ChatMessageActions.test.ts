import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../core/messages.ts';
import type { TimelineEntry } from '../../../core/timeline.ts';
import { createMessageActions, MESSAGE_ACTIONS } from '../../composables/useMessageActions.ts';
import type { ChangeOutcome } from '../../stores/room-changes.ts';
import { ALICE, BOB, storedMessage } from '../../test-support/fake-services.ts';
import ChatMessageItem from './ChatMessageItem.vue';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
let wrapper: VueWrapper | null = null;

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

/** A row with the room's actions provided, recording what they were asked to do. */
function row(message: ChatMessage, kind: TimelineEntry['kind'] = 'message', outcome: ChangeOutcome = { ok: true }) {
  const asked: string[] = [];
  const actions = createMessageActions({
    room: () => ({
      edit: async (id, text) => (asked.push(`edit ${id} ${text}`), outcome),
      remove: async (id) => (asked.push(`delete ${id}`), outcome),
      react: async (id, emoji, add) => (asked.push(`react ${id} ${emoji} ${add}`), outcome),
    }),
    selfSub: () => ALICE.sub,
    jumpTo: (id) => asked.push(`jump ${id}`),
    linkTo: (id) => `https://parley.example/rooms/lobby?message=${id}`,
    report: (m) => asked.push(`report ${m.id}`),
    whoReacted: async (id) => {
      asked.push(`who ${id}`);
      return { items: [{ emoji: '👍', people: [{ sub: ALICE.sub, handle: 'alice', displayName: 'Alice' }, { sub: BOB.sub, handle: 'bob', displayName: 'Bob' }] }] };
    },
    announce: (text) => asked.push(`say ${text}`),
  });
  const entry = { kind, key: message.id, message } as TimelineEntry;
  wrapper = mount(ChatMessageItem, {
    props: { entry, continuation: false, unreadDivider: false, now: NOW, reportable: message.author.sub !== ALICE.sub, selfSub: ALICE.sub },
    global: { provide: { [MESSAGE_ACTIONS as symbol]: actions } },
    attachTo: document.body,
  });
  return { wrapper, asked, actions };
}

const menuItems = (w: VueWrapper) => w.findAll('[role="menuitem"]').map((item) => item.text());
const focused = () => (document.activeElement as HTMLElement | null)?.textContent?.trim();

describe('the message menu, from the keyboard', () => {
  it('opens on ArrowDown at its first item, moves with the arrows, Home and End, and Escape gives focus back', async () => {
    const { wrapper } = row(storedMessage('lobby', 1, ALICE));
    const button = wrapper.get('button[aria-haspopup="menu"]');
    expect(button.attributes('aria-expanded')).toBe('false');

    await button.trigger('keydown', { key: 'ArrowDown' });
    await flushPromises();

    expect(button.attributes('aria-expanded')).toBe('true');
    expect(menuItems(wrapper)).toEqual(['Reply', 'Edit', 'Delete', 'React', 'Copy link']);
    expect(focused()).toBe('Reply');
    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'ArrowDown' });
    expect(focused()).toBe('Edit');
    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'End' });
    expect(focused()).toBe('Copy link');
    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'ArrowDown' });
    expect(focused()).toBe('Reply');

    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'Escape' });

    expect(wrapper.find('[role="menu"]').exists()).toBe(false);
    expect(document.activeElement).toBe(button.element);
  });

  it('offers Report and no Edit or Delete on someone else’s message', async () => {
    const { wrapper } = row(storedMessage('lobby', 1, BOB));

    await wrapper.get('button[aria-haspopup="menu"]').trigger('keydown', { key: 'ArrowUp' });
    await flushPromises();

    expect(menuItems(wrapper)).toEqual(['Reply', 'React', 'Report', 'Copy link']);
    expect(focused()).toBe('Copy link');
  });
});

describe('editing inline', () => {
  it('opens the editor from the menu with the text; Escape cancels without sending', async () => {
    const message = storedMessage('lobby', 1, ALICE, 'helo');
    const { wrapper, asked } = row(message);
    await wrapper.get('button[aria-haspopup="menu"]').trigger('click');
    await flushPromises();
    await wrapper.findAll('[role="menuitem"]')[1]!.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    const field = wrapper.get('textarea[aria-label="Edit message"]');
    expect((field.element as HTMLTextAreaElement).value).toBe('helo');
    expect(document.activeElement).toBe(field.element);
    await field.trigger('keydown', { key: 'Escape' });

    expect(wrapper.find('textarea').exists()).toBe(false);
    expect(asked).toEqual([]);
  });

  it('saves on Enter, and keeps the text with the reason when the server refuses', async () => {
    const message = storedMessage('lobby', 1, ALICE, 'helo');
    const { wrapper, asked, actions } = row(message, 'message', { ok: false, error: 'Not saved: a moderator muted you', retryable: false });
    actions.startEdit(message);
    await flushPromises();
    const field = wrapper.get('textarea');
    await field.setValue('hello');

    await field.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(asked).toEqual([`edit ${message.id} hello`]);
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe('hello');
    expect(wrapper.get('[role="alert"]').text()).toBe('Not saved: a moderator muted you');
    expect(wrapper.find('[role="alert"] button').exists()).toBe(false);
  });

  it('shows (edited), with the time for a screen reader and on hover', () => {
    const { wrapper } = row({ ...storedMessage('lobby', 1, BOB), editedAt: '2026-11-30T11:58:00.000Z' });

    const edited = wrapper.get('.edited');
    expect(edited.text()).toMatch(/^\(edited, .+\)$/);
    expect(edited.attributes('title')).toMatch(/^Edited /);
    expect(edited.attributes('tabindex')).toBe('0');
  });
});

describe('reactions', () => {
  it('toggles the reader’s own reaction from its chip', async () => {
    const message: ChatMessage = { ...storedMessage('lobby', 1, BOB), reactions: [{ emoji: '👍', count: 2, mine: true }, { emoji: '🎉', count: 1, mine: false }] };
    const { wrapper, asked } = row(message);
    const chips = wrapper.findAll('.reactions button');
    expect(chips.map((c) => [c.text(), c.attributes('aria-pressed')])).toEqual([['👍 2', 'true'], ['🎉 1', 'false']]);
    expect(wrapper.get('[role="tooltip"]').text()).toBe('You and 1 other reacted with 👍');

    await chips[0]!.trigger('click');
    await chips[1]!.trigger('click');

    expect(asked.filter((a) => a.startsWith('react'))).toEqual([`react ${message.id} 👍 false`, `react ${message.id} 🎉 true`]);
  });

  it('names who reacted once a chip is focused', async () => {
    const message: ChatMessage = { ...storedMessage('lobby', 1, BOB), reactions: [{ emoji: '👍', count: 2, mine: true }] };
    const { wrapper, asked } = row(message);

    await wrapper.get('.reactions button').trigger('focus');
    await flushPromises();
    await wrapper.get('.reactions button').trigger('focus');
    await flushPromises();

    expect(wrapper.get('[role="tooltip"]').text()).toBe('Alice @alice and Bob @bob reacted with 👍');
    expect(asked.filter((a) => a.startsWith('who'))).toEqual([`who ${message.id}`]);
  });

  it('picks an emoji by searching its name: Enter takes the first match, and focus returns to React', async () => {
    const message = storedMessage('lobby', 1, BOB);
    const { wrapper, asked } = row(message);
    const react = wrapper.findAll('.actions button').find((b) => b.text().startsWith('React'))!;
    await react.trigger('click');
    // The picker's code is loaded on its first opening.
    const search = await vi.waitFor(() => wrapper.get('input[type="search"]'));
    await flushPromises();
    expect(document.activeElement).toBe(search.element);

    await search.setValue('party');
    expect(wrapper.findAll('.emoji-picker li button').map((b) => b.attributes('aria-label'))).toEqual(['party popper']);
    await search.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(asked).toContain(`react ${message.id} 🎉 true`);
    expect(wrapper.find('.emoji-picker').exists()).toBe(false);
    expect(document.activeElement).toBe(react.element);
  });
});

describe('replies, deletions and mentions in a row', () => {
  it('quotes what a reply answers, and activating the quote jumps to the original', async () => {
    const original = storedMessage('lobby', 1, BOB, 'the original');
    const reply: ChatMessage = { ...storedMessage('lobby', 2, ALICE, 'my answer'), replyTo: { id: original.id, author: BOB, excerpt: '<b>the</b> original' } };
    const { wrapper, asked } = row(reply);

    const quote = wrapper.get('button.reply-quote');
    expect(quote.text()).toBe('In reply to Bob @bob: <b>the</b> original');
    expect(quote.find('b').exists()).toBe(false);
    await quote.trigger('click');

    expect(asked).toEqual([`jump ${original.id}`]);
  });

  it('shows a tombstone for a deleted message, with no actions', () => {
    const { wrapper } = row({ ...storedMessage('lobby', 1, ALICE), text: '' }, 'deleted');

    expect(wrapper.get('.text').text()).toBe('This message was deleted');
    expect(wrapper.find('.actions').exists()).toBe(false);
  });

  it('highlights a mention of the reader, and marks only handles the server resolved', () => {
    const message: ChatMessage = { ...storedMessage('lobby', 1, BOB, 'hi @alice and @carol, not @nobody'), mentions: [{ sub: ALICE.sub, handle: 'alice' }, { sub: 'sub-carol', handle: 'carol' }] };
    const { wrapper } = row(message);

    expect(wrapper.findAll('mark.mention').map((m) => [m.text(), m.classes('self')])).toEqual([['@alice', true], ['@carol', false]]);
    expect(wrapper.get('article').classes()).toContain('mentions-me');
  });
});
