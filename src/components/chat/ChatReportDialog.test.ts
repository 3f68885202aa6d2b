import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { type Report, type ReportRequest, reportIdOf } from '../../../core/reports.ts';
import type { TimelineEntry } from '../../../core/timeline.ts';
import { REPORTS_SERVICE, type ReportsService } from '../../services/reports.ts';
import { BOB, storedMessage } from '../../test-support/fake-services.ts';
import ChatMessageItem from './ChatMessageItem.vue';
import ChatReportDialog from './ChatReportDialog.vue';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function fakeReports(failWith?: Error) {
  const requests: ReportRequest[] = [];
  const service: ReportsService = {
    async report(request): Promise<Report> {
      requests.push(request);
      if (failWith) throw failWith;
      return { ...request, reportId: reportIdOf(request.roomId, request.messageId), at: '2026-11-30T12:00:00.000Z' };
    },
  };
  return { requests, service };
}

function mountDialog(service: ReportsService) {
  const message = storedMessage('lobby', 1, BOB, 'buy cheap watches');
  const wrapper = mount(ChatReportDialog, {
    props: { message },
    global: { plugins: [createPinia()], provide: { [REPORTS_SERVICE as symbol]: service } },
    attachTo: document.body,
  });
  unmount = () => wrapper.unmount();
  return { wrapper, message };
}

describe('reporting a message', () => {
  it('offers Report on a stored message the list marks reportable, and says whose it is to a screen reader', async () => {
    const entry: TimelineEntry = { kind: 'message', key: 'm-1', message: storedMessage('lobby', 1) };
    const wrapper = mount(ChatMessageItem, { props: { entry, continuation: false, unreadDivider: false, now: NOW, reportable: true } });

    const button = wrapper.get('.actions button');
    expect(button.text()).toBe('Report message by Bob @bob');
    await button.trigger('click');

    expect(wrapper.emitted('report')).toEqual([[entry.message]]);
  });

  it.each([
    ['not reportable (the reader’s own)', { kind: 'message', key: 'm-1', message: storedMessage('lobby', 1) }, false],
    ['removed', { kind: 'removed', key: 'm-1', message: storedMessage('lobby', 1) }, true],
  ] as [string, TimelineEntry, boolean][])('offers no Report on a message that is %s', (_, entry, reportable) => {
    const wrapper = mount(ChatMessageItem, { props: { entry, continuation: false, unreadDivider: false, now: NOW, reportable } });

    expect(wrapper.find('.actions').exists()).toBe(false);
  });

  it('needs a reason, then reports the message with it and closes', async () => {
    const { requests, service } = fakeReports();
    const { wrapper, message } = mountDialog(service);

    expect(wrapper.get('blockquote').text()).toBe('buy cheap watches');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[role="alert"]').text()).toBe('Say why you are reporting this message.');
    expect(requests).toEqual([]);

    await wrapper.get('textarea').setValue('  spam  ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(requests).toEqual([{ roomId: 'lobby', messageId: message.id, reason: 'spam' }]);
    expect(wrapper.emitted('done')).toEqual([[true]]);
  });

  it('keeps the dialog open with what went wrong', async () => {
    const { service } = fakeReports(new Error('Message 01X not found in room lobby'));
    const { wrapper } = mountDialog(service);

    await wrapper.get('textarea').setValue('spam');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('[role="alert"]').text()).toBe('Message 01X not found in room lobby');
    expect(wrapper.emitted('done')).toBeUndefined();
  });
});
