import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { MODERATION_SERVICE } from '../../services/moderation.ts';
import { useModerationStore } from '../../stores/moderation.ts';
import { createFakeModeration, type FakeModeration, moderatedRows } from '../../test-support/fake-moderation.ts';
import { createTestContext, storedMessage } from '../../test-support/fake-services.ts';
import ModerationResultsTable from './ModerationResultsTable.vue';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  vi.unstubAllGlobals();
});

async function mountTable(fake: FakeModeration, filters: Record<string, string> = {}) {
  const { pinia } = createTestContext();
  // The console's own route to start on (an unmatched start location makes the router warn), and the rooms its links open.
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/moderation', name: 'moderation', component: { render: () => null } },
      { path: '/rooms/:roomId', name: 'room', component: { render: () => null } },
    ],
  });
  await router.push('/moderation');
  const wrapper = mount(ModerationResultsTable, {
    global: { plugins: [pinia, router], provide: { [MODERATION_SERVICE as symbol]: fake } },
    attachTo: document.body,
  });
  cleanup = () => wrapper.unmount();
  const store = useModerationStore(pinia);
  await store.load(filters);
  await flushPromises();
  return { wrapper, store };
}

/** Time, room, author, message, status, actions. */
const AUTHOR_COLUMN = 2;
const bodyRows = (wrapper: Awaited<ReturnType<typeof mountTable>>['wrapper']) => wrapper.findAll('tbody tr');
const button = (wrapper: Awaited<ReturnType<typeof mountTable>>['wrapper'], name: string) => {
  const found = wrapper.findAll('button').find((b) => b.text() === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};

describe('ModerationResultsTable paging', () => {
  it('shows the first page, then appends the next one from the cursor until the end', async () => {
    const fake = createFakeModeration(moderatedRows('lobby', 120));
    const { wrapper } = await mountTable(fake, { roomId: 'lobby' });

    expect(bodyRows(wrapper)).toHaveLength(50);
    expect(wrapper.get('[role="status"]').text()).toBe('Showing 50 messages; more are available.');

    await button(wrapper, 'Load more messages').trigger('click');
    await flushPromises();
    await button(wrapper, 'Load more messages').trigger('click');
    await flushPromises();

    expect(bodyRows(wrapper)).toHaveLength(120);
    expect(fake.calls.map((c) => [c.cursor, c.filters])).toEqual([
      [undefined, { roomId: 'lobby' }],
      ['50', { roomId: 'lobby' }],
      ['100', { roomId: 'lobby' }],
    ]);
    expect(bodyRows(wrapper)[119]?.text()).toContain('message 0');
    expect(wrapper.findAll('button').some((b) => b.text() === 'Load more messages')).toBe(false);
    expect(wrapper.get('[role="status"]').text()).toBe('Showing all 120 messages.');
  });

  it('says honestly when a text search was cut off, and searches further on request', async () => {
    const fake = createFakeModeration(moderatedRows('lobby', 60));
    fake.truncateNext(3, 0);
    const { wrapper } = await mountTable(fake, { q: 'message' });

    expect(bodyRows(wrapper)).toHaveLength(3);
    expect(wrapper.get('[role="status"]').text()).toBe(
      'The text search stopped at its read limit after 3 matches. There may be more matches in older messages.',
    );

    await button(wrapper, 'Search further').trigger('click');
    await flushPromises();

    expect(fake.calls.at(-1)).toEqual({ op: 'messages', filters: { q: 'message' }, cursor: '3' });
    expect(bodyRows(wrapper)).toHaveLength(3);
    expect(wrapper.get('[role="status"]').text()).toContain('after 3 matches');

    await button(wrapper, 'Search further').trigger('click');
    await flushPromises();

    expect(bodyRows(wrapper)).toHaveLength(53);
    expect(wrapper.get('[role="status"]').text()).toBe('Showing 53 messages; more are available.');
  });

  it('loads the next page by itself when the end of the list scrolls into view, but never continues a cut-off search', async () => {
    const observers: ((entries: { isIntersecting: boolean }[]) => void)[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
          observers.push(callback);
        }
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    const fake = createFakeModeration(moderatedRows('lobby', 200));
    fake.truncateNext(50);
    const { wrapper } = await mountTable(fake);

    observers.forEach((notify) => notify([{ isIntersecting: true }]));
    await flushPromises();

    expect(fake.calls).toHaveLength(1);
    expect(wrapper.text()).toContain('Search further');

    await button(wrapper, 'Search further').trigger('click');
    await flushPromises();
    await flushPromises();

    expect(fake.calls.map((c) => c.cursor)).toEqual([undefined, '50', '100', '150']);
    expect(bodyRows(wrapper)).toHaveLength(200);
  });

  it('shows the first page failing, with a way to try again', async () => {
    const fake = createFakeModeration(moderatedRows('lobby', 3));
    fake.listMessages = async () => {
      throw new Error('Forbidden');
    };
    const { wrapper } = await mountTable(fake);

    expect(wrapper.get('[role="alert"]').text()).toContain('Could not load messages: Forbidden');
    expect(wrapper.emitted('retry')).toBeUndefined();
    await button(wrapper, 'Try again').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });
});

describe('ModerationResultsTable actions', () => {
  it('removes only with a reason, then shows the row as removed; restores it', async () => {
    const fake = createFakeModeration(moderatedRows('lobby', 2));
    const { wrapper } = await mountTable(fake);
    const first = () => bodyRows(wrapper)[0]!;

    await first().findAll('button').find((b) => b.text().startsWith('Remove'))!.trigger('click');
    const dialog = wrapper.get('dialog');
    await dialog.get('form').trigger('submit');

    expect(dialog.get('[role="alert"]').text()).toBe('Give a reason for removing this message.');
    expect(dialog.get('textarea').attributes('aria-invalid')).toBe('true');
    expect(fake.calls.some((c) => c.op === 'remove')).toBe(false);

    await dialog.get('textarea').setValue('  spam  ');
    await dialog.get('form').trigger('submit');
    await flushPromises();

    expect(fake.calls.at(-1)).toEqual({ op: 'remove', reason: 'spam' });
    expect(wrapper.find('dialog').exists()).toBe(false);
    expect(first().text()).toContain('Removed');
    expect(first().text()).toContain('“spam”');

    await first().findAll('button').find((b) => b.text().startsWith('Restore'))!.trigger('click');
    await wrapper.get('dialog form').trigger('submit');
    await flushPromises();

    expect(fake.calls.at(-1)).toEqual({ op: 'restore', reason: undefined });
    expect(first().text()).toContain('Visible');
  });

  it('renders message text, names and reasons as text, never as markup', async () => {
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
    const message = { ...storedMessage('lobby', 1, { sub: 's', handle: 'h_1', displayName: '<i>d</i>', moderator: false }), text: evil };
    const fake = createFakeModeration([
      { message, status: 'removed', removal: { by: { sub: 'm', handle: 'm_1', displayName: '<u>m</u>' }, at: message.createdAt, reason: '<a href="javascript:x">r</a>' } },
    ]);
    const { wrapper } = await mountTable(fake);

    expect(wrapper.find('tbody img, tbody script, tbody b, tbody i, tbody u, tbody a[href^="javascript"]').exists()).toBe(false);
    expect(wrapper.get('tbody').text()).toContain(evil);
    expect(wrapper.get('tbody').text()).toContain('<a href="javascript:x">r</a>');
    expect(wrapper.get('tbody').text()).toContain('<i>d</i> @h_1');
    expect(wrapper.get('tbody').text()).toContain('by <u>m</u> @m_1');
  });

  it('names authors as "Display name @handle", so two accounts with one display name differ', async () => {
    const twin = { sub: 'sub-twin', handle: 'bob_2', displayName: 'Bob', moderator: false };
    const legacy = { sub: 'sub-old', handle: '', displayName: 'Old Timer', moderator: false };
    const fake = createFakeModeration([
      { message: storedMessage('lobby', 1), status: 'visible' },
      { message: storedMessage('lobby', 2, twin), status: 'visible' },
      { message: storedMessage('lobby', 3, legacy), status: 'visible' },
    ]);
    const { wrapper } = await mountTable(fake);

    const authors = wrapper.findAll('tbody tr').map((row) => row.findAll('td')[AUTHOR_COLUMN]!.text());
    expect(authors).toEqual(['Bob @bob', 'Bob @bob_2', 'Old Timer']);
  });

  it('links each row to its message in its room', async () => {
    const fake = createFakeModeration(moderatedRows('lobby', 1));
    const { wrapper } = await mountTable(fake);

    const link = wrapper.get('tbody a');
    expect(link.attributes('href')).toBe(`/rooms/lobby?message=${fake.rows[0]!.message.id}`);
  });
});

describe('ModerationResultsTable: what members no longer see', () => {
  it('shows a deleted message\'s text with when its author deleted it, and an edited one\'s earlier versions oldest first, all as text', async () => {
    const [deleted, edited] = moderatedRows('lobby', 2);
    const rows = [
      { ...deleted!, deletedAt: '2026-03-01T10:00:00.000Z' },
      {
        ...edited!,
        message: { ...edited!.message, text: 'third <b>take</b>', editedAt: '2026-03-01T11:00:00.000Z' },
        previousVersions: [
          { text: 'first <img src=x onerror=alert(1)>', replacedAt: '2026-03-01T10:30:00.000Z' },
          { text: 'second', replacedAt: '2026-03-01T11:00:00.000Z' },
        ],
      },
    ];
    const { wrapper } = await mountTable(createFakeModeration(rows));

    const [first, second] = bodyRows(wrapper);
    expect(first!.find('.text').text()).toContain('Deleted by its author');
    expect(first!.find('.text').text()).toContain(deleted!.message.text);
    expect(first!.text()).toContain('Deleted by author');
    expect(second!.get('summary').text()).toBe('Edited 2 times: earlier versions');
    expect(second!.findAll('.versions li').map((li) => li.text())).toEqual([
      expect.stringContaining('first <img src=x onerror=alert(1)>'),
      expect.stringContaining('second'),
    ]);
    expect(second!.find('.text img').exists()).toBe(false);
    expect(second!.find('.text b').exists()).toBe(false);
    expect(second!.text()).toContain('Visible');
  });
});
