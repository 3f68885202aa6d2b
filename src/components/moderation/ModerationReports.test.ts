import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModeratedMessage } from '../../../core/moderation.ts';
import { type ReportQueueItem, reportIdOf } from '../../../core/reports.ts';
import { createFakeModeration, moderatedRows } from '../../test-support/fake-moderation.ts';
import { mountModerationView } from '../../test-support/mount-moderation-view.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const CYD = { sub: 'sub-cyd', handle: 'cyd', displayName: 'Cyd' };

/** A report of the newest of `rows`, with the others (oldest first) as its context. */
function reportOf(rows: ModeratedMessage[], count = 1): ReportQueueItem {
  const [newest, ...older] = rows as [ModeratedMessage, ...ModeratedMessage[]];
  return {
    id: reportIdOf(newest.message.roomId, newest.message.id),
    roomId: newest.message.roomId,
    messageId: newest.message.id,
    status: 'open',
    createdAt: '2026-11-30T12:00:00.000Z',
    count,
    reports: [{ reporter: CYD, reason: 'selling <b>pills</b>', at: '2026-11-30T12:00:00.000Z' }],
    message: newest,
    context: older.reverse(),
  };
}

async function mountReports(reports: ReportQueueItem[]) {
  const fake = createFakeModeration();
  fake.reports = reports;
  const mounted = await mountModerationView('/moderation?tab=reports', fake);
  unmount = () => mounted.wrapper.unmount();
  return { fake, wrapper: mounted.wrapper };
}

describe('the reports tab', () => {
  it('shows the open queue: where, how often, the message, its context and each reason as text', async () => {
    const { fake, wrapper } = await mountReports([reportOf(moderatedRows('lobby', 3), 2)]);

    const tab = wrapper.get('#moderation-tab-reports');
    expect(tab.attributes('aria-selected')).toBe('true');
    expect(fake.calls[0]).toEqual({ op: 'reports', filters: { status: 'open' }, cursor: undefined });
    const report = wrapper.get('article.report');
    expect(report.get('h3').text()).toContain('Reported 2 times in #lobby');
    expect(report.get('blockquote').text()).toBe('Bob @bob: message 2');
    expect(report.findAll('.context li').map((li) => li.text())).toEqual(['Bob @bob: message 0', 'Bob @bob: message 1']);
    expect(report.get('.reasons').text()).toBe('Cyd @cyd: selling <b>pills</b>');
    expect(report.find('.reasons b').exists()).toBe(false);
  });

  it('removes a reported message from the dialog: the item leaves the queue and the result is announced', async () => {
    const { fake, wrapper } = await mountReports([reportOf(moderatedRows('lobby', 2))]);

    await wrapper.findAll('article.report button').find((b) => b.text().startsWith('Remove'))!.trigger('click');
    const dialog = wrapper.get('dialog');
    expect(dialog.get('h2').text()).toBe('Remove reported message');
    await dialog.get('textarea').setValue(' spam ');
    await dialog.get('form').trigger('submit');
    await flushPromises();

    expect(fake.calls.at(-1)).toEqual({ op: 'resolve-remove', roomId: fake.reports[0]?.id, reason: 'spam' });
    expect(wrapper.find('article.report').exists()).toBe(false);
    expect(wrapper.findAll('[role="status"]').map((s) => s.text())).toContain('Removed the message by Bob @bob.');
  });

  it('dismisses without a reason, and shows resolved reports with who resolved them', async () => {
    const { fake, wrapper } = await mountReports([reportOf(moderatedRows('lobby', 1))]);

    await wrapper.findAll('article.report button').find((b) => b.text().startsWith('Dismiss'))!.trigger('click');
    await wrapper.get('dialog form').trigger('submit');
    await flushPromises();
    await wrapper.get('input[value="resolved"]').setValue(true);
    await flushPromises();

    expect(fake.calls.map((call) => call.op)).toEqual(['reports', 'resolve-dismiss', 'reports']);
    expect(wrapper.get('article.report').text()).toContain('Dismissed by Morgan @morgan');
    expect(wrapper.find('article.report button').exists()).toBe(false);
  });

  it('keeps the dialog open with the error when the resolve fails', async () => {
    const { fake, wrapper } = await mountReports([reportOf(moderatedRows('lobby', 1))]);
    fake.resolveReport = async () => {
      throw new Error('Report lobby.x is already resolved: dismissed');
    };

    await wrapper.findAll('article.report button').find((b) => b.text().startsWith('Remove'))!.trigger('click');
    await wrapper.get('dialog form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('dialog [role="alert"]').text()).toBe('Report lobby.x is already resolved: dismissed');
    expect(wrapper.find('article.report').exists()).toBe(true);
  });

  it('links a public room’s report to the message, and names a DM’s without a link moderators could not follow', async () => {
    const publicReport = reportOf(moderatedRows('lobby', 1));
    const { wrapper } = await mountReports([publicReport, reportOf(moderatedRows('d-0123456789abcdefghjkmnpqrs', 1))]);

    const [lobby, dm] = wrapper.findAll('article.report');
    expect(lobby?.get('h3 a').attributes('href')).toBe(`/rooms/lobby?message=${publicReport.messageId}`);
    expect(dm?.get('h3').text()).toContain('Reported once in a direct message');
    expect(dm?.find('h3 a').exists()).toBe(false);
  });
});
