import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeModeration, type FakeModeration, moderatedRows } from '../test-support/fake-moderation.ts';
import { mountModerationView } from '../test-support/mount-moderation-view.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function mountAt(url: string, fake: FakeModeration = createFakeModeration(moderatedRows('lobby', 3))) {
  const { wrapper, router } = await mountModerationView(url, fake);
  unmount = () => wrapper.unmount();
  return { wrapper, router, fake };
}

describe('ModerationView filters and the URL', () => {
  it('fills the filter bar from the URL and searches with those filters', async () => {
    const { wrapper, fake } = await mountAt('/moderation?roomId=lobby&author=alice&status=removed&q=spam&from=2026-11-30T10:00:00.000Z');

    expect((wrapper.get('input[name="roomId"]').element as HTMLInputElement).value).toBe('lobby');
    expect((wrapper.get('input[name="author"]').element as HTMLInputElement).value).toBe('alice');
    expect((wrapper.get('select[name="status"]').element as HTMLSelectElement).value).toBe('removed');
    expect((wrapper.get('input[name="q"]').element as HTMLInputElement).value).toBe('spam');
    expect((wrapper.get('input[name="from"]').element as HTMLInputElement).value).not.toBe('');
    expect(fake.calls[0]).toEqual({
      op: 'messages',
      filters: { roomId: 'lobby', author: 'alice', status: 'removed', q: 'spam', from: '2026-11-30T10:00:00.000Z' },
      cursor: undefined,
    });
  });

  it('puts applied filters in the URL, and searches again', async () => {
    const { wrapper, router, fake } = await mountAt('/moderation');

    await wrapper.get('input[name="author"]').setValue('  bob ');
    await wrapper.get('select[name="status"]').setValue('visible');
    await wrapper.get('input[name="from"]').setValue('2026-11-30T12:00');
    await wrapper.get('input[name="to"]').setValue('2026-11-30T13:30');
    await wrapper.get('form[role="search"]').trigger('submit');
    await flushPromises();

    const from = new Date('2026-11-30T12:00').toISOString();
    const to = new Date(new Date('2026-11-30T13:30').getTime() + 59_999).toISOString();
    expect(router.currentRoute.value.query).toEqual({ author: 'bob', status: 'visible', from, to });
    expect(fake.calls.at(-1)).toEqual({ op: 'messages', filters: { author: 'bob', status: 'visible', from, to }, cursor: undefined });
    expect((wrapper.get('input[name="to"]').element as HTMLInputElement).value).toBe('2026-11-30T13:30');
  });

  it('follows the URL when it changes under it (Back, a shared link)', async () => {
    const { wrapper, router } = await mountAt('/moderation?q=first');
    await router.push('/moderation?q=second&roomId=lobby');
    await flushPromises();

    expect((wrapper.get('input[name="q"]').element as HTMLInputElement).value).toBe('second');

    const navigated = new Promise<void>((resolve) => router.afterEach(() => resolve()));
    router.back();
    await navigated;
    await flushPromises();

    expect((wrapper.get('input[name="q"]').element as HTMLInputElement).value).toBe('first');
    expect((wrapper.get('input[name="roomId"]').element as HTMLInputElement).value).toBe('');
  });

  it('clears every filter from the URL', async () => {
    const { wrapper, router } = await mountAt('/moderation?q=spam&roomId=lobby');

    await wrapper.findAll('button').find((b) => b.text() === 'Clear')?.trigger('click');
    await flushPromises();

    expect(router.currentRoute.value.query).toEqual({});
  });

  it('keeps the filters when switching to the audit tab, which searches the audit log', async () => {
    const { wrapper, router, fake } = await mountAt('/moderation?roomId=lobby&q=spam');

    await wrapper.get('#moderation-tab-audit').trigger('click');
    await flushPromises();

    expect(router.currentRoute.value.query).toEqual({ roomId: 'lobby', q: 'spam', tab: 'audit' });
    expect(fake.calls.at(-1)).toEqual({ op: 'audit', filters: { roomId: 'lobby' }, cursor: undefined });
    expect(wrapper.get('#moderation-tab-audit').attributes('aria-selected')).toBe('true');
    expect(wrapper.find('input[name="moderator"]').exists()).toBe(true);
    expect(wrapper.find('input[name="q"]').exists()).toBe(false);
  });

  it('starts no search when leaving for a room, and shows the same results again on Back', async () => {
    const { router, fake } = await mountAt('/moderation?roomId=lobby');

    await router.push('/rooms/lobby?message=01M8P5BJZG0000000000000001');
    await flushPromises();
    const navigated = new Promise<void>((resolve) => router.afterEach(() => resolve()));
    router.back();
    await navigated;
    await flushPromises();

    expect(fake.calls).toEqual([{ op: 'messages', filters: { roomId: 'lobby' }, cursor: undefined }]);
  });

  it('moves between tabs with the arrow keys', async () => {
    const { wrapper, router } = await mountAt('/moderation');

    await wrapper.get('#moderation-tab-messages').trigger('keydown', { key: 'ArrowRight' });
    await flushPromises();

    expect(router.currentRoute.value.query.tab).toBe('audit');
    expect(document.activeElement?.id).toBe('moderation-tab-audit');
  });
});
