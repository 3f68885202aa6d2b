import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { ChatMessage } from '../../core/messages.ts';
import { type Report, reportIdOf } from '../../core/reports.ts';
import { describeError } from '../services/errors.ts';
import { useReportsService } from '../services/reports.ts';

export type ReportOutcome = { ok: true; report: Report } | { ok: false; error: string };

/** A member's reports of messages (`POST /reports`), and which messages they reported in this session. */
export const useReportsStore = defineStore('reports', () => {
  const service = useReportsService();
  /** Report ids (`<roomId>.<messageId>`) answered 201 or 200: the message is reported. */
  const reported = shallowRef<ReadonlySet<string>>(new Set());

  async function report(message: ChatMessage, reason: string): Promise<ReportOutcome> {
    try {
      const answer = await service.report({ roomId: message.roomId, messageId: message.id, reason: reason.normalize('NFC').trim() });
      reported.value = new Set([...reported.value, answer.reportId]);
      return { ok: true, report: answer };
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
  }

  function isReported(message: ChatMessage): boolean {
    return reported.value.has(reportIdOf(message.roomId, message.id));
  }

  return { reported, report, isReported };
});
