import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ReportQueueItem, ReportResolutionAction, ReportStatus } from '../../core/reports.ts';
import { describeError } from '../services/errors.ts';
import { useModerationService } from '../services/moderation.ts';
import { createPagedList } from './moderation-paging.ts';

/** Each item carries up to 10 messages of context: smaller pages than the other tabs. */
const REPORTS_PAGE_SIZE = 20;

export type ResolveOutcome = { ok: true; changed: boolean } | { ok: false; error: string };

/** The console's reports tab: the open queue (oldest first) or resolved reports, and resolving one. */
export const useModerationReportsStore = defineStore('moderation-reports', () => {
  const service = useModerationService();
  const status = ref<ReportStatus>('open');
  const list = createPagedList<ReportQueueItem>((filters, cursor) =>
    service.listReports(filters.status === 'resolved' ? 'resolved' : 'open', { limit: REPORTS_PAGE_SIZE, cursor }),
  );

  function load(force = false): Promise<void> {
    return list.load({ status: status.value }, force);
  }

  function show(next: ReportStatus): Promise<void> {
    status.value = next;
    return load();
  }

  /** Dismisses the report, or removes its message; a resolved report leaves the open queue. */
  async function resolve(item: ReportQueueItem, action: ReportResolutionAction, reason: string): Promise<ResolveOutcome> {
    try {
      const trimmed = reason.trim();
      const result = await service.resolveReport(item.id, { action, ...(trimmed ? { reason: trimmed } : {}) });
      if (status.value === 'open') list.items.value = list.items.value.filter((row) => row.id !== item.id);
      return { ok: true, changed: result.changed };
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
  }

  return { ...list, queueStatus: status, load, show, resolve };
});
