import type { Moderator } from '../../core/moderation.ts';
import { type ReportResolution, type ReportStatus, reportIdOf } from '../../core/reports.ts';

/**
 * Reports of a message (amplify/data/README.md, "Reports"), one partition per reported message,
 * `REPORT#<roomId>#<messageId>`:
 * - `BY#<sub>`: one member's report (who, why, when). Put with `attribute_not_exists(pk)`, so a
 *   member reports a message once; the put is the once-per-member rule.
 * - `REPORT`: the queue item, one per message however many report it: `count`, `createdAt`
 *   (the first report), `status`, and on gsi1 `REPORTS#open` / `<first report's id>` (the queue,
 *   oldest first) or, once resolved, `REPORTS#resolved` / `<the resolution's audit id>`.
 * `reports` writes both in one transaction; `moderation` reads the queue and resolves it.
 */
export const REPORT_QUEUE_SK = 'REPORT';
export const REPORTER_SK_PREFIX = 'BY#';

export function reportPk(roomId: string, messageId: string): string {
  return `REPORT#${roomId}#${messageId}`;
}

export function reportQueueKey(roomId: string, messageId: string): { pk: string; sk: string } {
  return { pk: reportPk(roomId, messageId), sk: REPORT_QUEUE_SK };
}

export function reporterKey(roomId: string, messageId: string, sub: string): { pk: string; sk: string } {
  return { pk: reportPk(roomId, messageId), sk: `${REPORTER_SK_PREFIX}${sub}` };
}

/** The gsi1 partition of the queue in a status. */
export function reportQueuePk(status: ReportStatus): string {
  return `REPORTS#${status}`;
}

export interface ReporterItem {
  pk: string;
  sk: string;
  type: 'report-by';
  roomId: string;
  messageId: string;
  reporter: Moderator;
  reason: string;
  at: string;
}

export function toReporterItem(roomId: string, messageId: string, reporter: Moderator, reason: string, at: string): ReporterItem {
  return { ...reporterKey(roomId, messageId, reporter.sub), type: 'report-by', roomId, messageId, reporter, reason, at };
}

/** The queue item as moderation reads it. */
export interface QueueRecord {
  id: string;
  roomId: string;
  messageId: string;
  status: ReportStatus;
  createdAt: string;
  count: number;
  resolution?: ReportResolution;
}

export function fromQueueItem(item: Record<string, unknown>): QueueRecord {
  const roomId = item.roomId as string;
  const messageId = item.messageId as string;
  return {
    id: reportIdOf(roomId, messageId),
    roomId,
    messageId,
    status: item.status === 'resolved' ? 'resolved' : 'open',
    createdAt: item.createdAt as string,
    count: typeof item.count === 'number' ? item.count : 0,
    ...(item.resolution === undefined ? {} : { resolution: item.resolution as ReportResolution }),
  };
}
