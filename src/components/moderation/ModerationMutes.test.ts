import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Mute } from '../../../core/moderation.ts';
import { createFakeModeration, type FakeModeration, moderatedRows, MORGAN } from '../../test-support/fake-moderation.ts';
import { BOB } from '../../test-support/fake-services.ts';
import { mountModerationView } from '../../test-support/mount-moderation-view.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const ALICE = { sub: 'sub-alice', handle: 'alice', displayName: 'Alice', moderator: false };
const muteOf = (user: typeof ALICE, until: string): Mute => ({ user, until, at: '2026-11-30T12:00:00.000Z', by: MORGAN, reason: `${user.displayName} flooded` });

async function mountAt(url: string, fake: FakeModeration) {
  const mounted = await mountModerationView(url, fake);
  unmount = () => mounted.wrapper.unmount();
  return mounted;
}

describe('muting from the console', () => {
  it("mutes a row's author by sub, for the chosen duration, only with a reason", async () => {
    const fake = createFakeModeration(moderatedRows('lobby', 1));
    const { wrapper } = await mountAt('/moderation?roomId=lobby', fake);

    await wrapper.findAll('tbody button').find((b) => b.text().startsWith('Mute author'))!.trigger('click');
    const dialog = wrapper.get('dialog');
    expect(dialog.get('h2').text()).toBe('Mute author');
    expect(document.activeElement).toBe(dialog.get('select').element);
    expect(dialog.get('label[for$="-duration"]').text()).toBe('Mute for');
    await dialog.get('form').trigger('submit');

    expect(dialog.get('[role="alert"]').text()).toBe('Give a reason for muting this author.');
    expect(fake.calls.some((c) => c.op === 'mute')).toBe(false);

    await dialog.get('select').setValue('86400');
    await dialog.get('textarea').setValue('  flooding the room ');
    await dialog.get('form').trigger('submit');
    await flushPromises();

    expect(fake.calls.at(-1)).toEqual({ op: 'mute', request: { author: BOB.sub, durationSeconds: 86_400, reason: 'flooding the room' } });
    expect(wrapper.find('dialog').exists()).toBe(false);
    expect(wrapper.findAll('[role="status"]').map((s) => s.text())).toContain(`Muted Bob @bob until ${new Date('2026-12-01T13:00:00.000Z').toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}.`);
  });

  it('shows what went wrong in the dialog when the mute fails', async () => {
    const fake = createFakeModeration(moderatedRows('lobby', 1));
    fake.mute = async () => {
      throw new Error('durationSeconds must be a whole number from 60 (1 minute) to 2592000 (30 days)');
    };
    const { wrapper } = await mountAt('/moderation?roomId=lobby', fake);

    await wrapper.findAll('tbody button').find((b) => b.text().startsWith('Mute author'))!.trigger('click');
    await wrapper.get('dialog textarea').setValue('x');
    await wrapper.get('dialog form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('dialog [role="alert"]').text()).toContain('durationSeconds must be');
  });
});

describe('the mutes tab', () => {
  it('lists running mutes without the filter bar, and unmutes with an optional reason', async () => {
    const fake = createFakeModeration([], [], [muteOf(BOB, '2026-11-30T12:10:00.000Z'), muteOf(ALICE, '2026-12-07T12:00:00.000Z')]);
    const { wrapper } = await mountAt('/moderation?tab=mutes', fake);

    expect(wrapper.get('#moderation-tab-mutes').attributes('aria-selected')).toBe('true');
    expect(wrapper.find('form[role="search"]').exists()).toBe(false);
    expect(wrapper.findAll('#moderation-panel-mutes tbody tr').map((r) => r.findAll('td')[0]!.text())).toEqual(['Bob @bob', 'Alice @alice']);
    expect(wrapper.get('#moderation-panel-mutes tbody tr').text()).toContain('Bob flooded');

    await wrapper.get('#moderation-panel-mutes tbody button').trigger('click');
    const dialog = wrapper.get('dialog');
    expect(dialog.get('h2').text()).toBe('Unmute author');
    expect(document.activeElement).toBe(dialog.get('textarea').element);
    await dialog.get('form').trigger('submit');
    await flushPromises();

    expect(fake.calls.at(-1)).toEqual({ op: 'unmute', sub: BOB.sub, reason: undefined });
    expect(wrapper.findAll('#moderation-panel-mutes tbody tr')).toHaveLength(1);
    expect(wrapper.findAll('[role="status"]').map((s) => s.text())).toContain('Unmuted Bob @bob.');
    expect(document.activeElement?.textContent).toContain('Unmute');
  });

  it('moves focus to the tab once the last mute is gone, and says no one is muted', async () => {
    const fake = createFakeModeration([], [], [muteOf(BOB, '2026-11-30T12:10:00.000Z')]);
    const { wrapper } = await mountAt('/moderation?tab=mutes', fake);

    await wrapper.get('#moderation-panel-mutes tbody button').trigger('click');
    await wrapper.get('dialog textarea').setValue('sorted out');
    await wrapper.get('dialog form').trigger('submit');
    await flushPromises();

    expect(fake.calls.at(-1)).toEqual({ op: 'unmute', sub: BOB.sub, reason: 'sorted out' });
    expect(document.activeElement?.id).toBe('moderation-tab-mutes');
    expect(wrapper.get('#moderation-panel-mutes').text()).toContain('No one is muted.');
  });
});

describe('mutes in the audit log', () => {
  it('shows who was muted and until when, next to message actions', async () => {
    const entries: AuditEntry[] = [
      { id: 'a2', at: '2026-11-30T12:01:00.000Z', action: 'user.unmuted', user: BOB, moderator: MORGAN },
      { id: 'a1', at: '2026-11-30T12:00:00.000Z', action: 'user.muted', user: BOB, until: '2026-11-30T13:00:00.000Z', moderator: MORGAN, reason: 'flood' },
    ];
    const { wrapper } = await mountAt('/moderation?tab=audit', createFakeModeration([], entries));

    const rows = wrapper.findAll('#moderation-panel-audit tbody tr').map((r) => r.findAll('td').map((td) => td.text()));
    expect(rows.map((cells) => [cells[1], cells[4]])).toEqual([
      ['Unmuted', '—'],
      ['Muted', 'flood'],
    ]);
    expect(rows[0]![2]).toBe('Morgan @morgan');
    expect(rows[0]![3]).toBe('Bob @bob');
    expect(rows[1]![3]).toMatch(/^Bob @bob, until .+/);
    expect(wrapper.get('#moderation-panel-audit tbody tr:nth-child(2) td:nth-child(4) time').attributes('datetime')).toBe('2026-11-30T13:00:00.000Z');
  });
});
