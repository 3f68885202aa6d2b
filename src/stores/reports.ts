import { defineStore } from 'pinia';
import type { ChatMessage } from '../../core/messages.ts';
import type { Report } from '../../core/reports.ts';
import { describeError } from '../services/errors.ts';
import { useReportsService } from '../services/reports.ts';

export type ReportOutcome = { ok: true; report: Report } | { ok: false; error: string };

/**
 * A member's reports of messages (`POST /reports`). The server keeps one report per message and
 * member, so reporting again is harmless (it answers the first report) and needs no state here.
 */
export const useReportsStore = defineStore('reports', () => {
  const service = useReportsService();

  async function report(message: ChatMessage, reason: string): Promise<ReportOutcome> {
    try {
      const answer = await service.report({ roomId: message.roomId, messageId: message.id, reason: reason.normalize('NFC').trim() });
      return { ok: true, report: answer };
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
  }

  return { report };
});
