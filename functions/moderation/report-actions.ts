import type { Moderator } from '../../core/moderation.ts';
import {
  parseReportId,
  REPORT_CONTEXT_SIZE,
  REPORT_PAGE_MAX,
  REPORT_REPORTERS_SHOWN,
  type ReportAuditEntry,
  type ReportQueueItem,
  type ReportQueuePage,
  type ReportResolution,
  type ReportResolutionAction,
  type ReportStatus,
  type ResolveReportResult,
} from '../../core/reports.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../lib/errors.ts';
import { decodeIdCursor, encodeIdCursor } from '../lib/id-cursor.ts';
import type { QueueRecord } from '../lib/report-items.ts';
import { moderateMessage, type ModerationActionDeps, parseReason } from './moderation-actions.ts';
import type { RoomReadAudit } from './moderator-reads.ts';
import type { ReportQueueStore } from './report-queue-store.ts';

export interface ReportActionDeps extends ModerationActionDeps {
  reports: ReportQueueStore;
}

/** What a removal from the queue records when the moderator gives no reason of their own. */
export const REPORT_REMOVAL_REASON = 'Reported by members';

const DEFAULT_PAGE = 20;

export interface ReportQueueParams {
  status: ReportStatus;
  limit: number;
  cursor?: string;
}

/** `?status=open|resolved&limit=&cursor=`; anything else is a 400 that says what. */
export function parseReportQueueParams(params: Record<string, string | undefined> | undefined): ReportQueueParams {
  const status = params?.status ?? 'open';
  if (status !== 'open' && status !== 'resolved') throw new BadRequestError('status must be open or resolved');
  const limit = params?.limit === undefined ? DEFAULT_PAGE : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > REPORT_PAGE_MAX) throw new BadRequestError(`limit must be a whole number from 1 to ${REPORT_PAGE_MAX}`);
  return { status, limit, ...(params?.cursor ? { cursor: params.cursor } : {}) };
}

/**
 * A page of the queue: open reports oldest first (a queue), resolved ones newest first. Each item
 * carries its message (text included, also once removed), the messages before it and who
 * reported it. For a DM this is the one read of its messages moderators get: a participant
 * reported it, so the reported message and its context are shown. Each private room the page
 * shows is recorded in `reads` (its `room.read` audit entry) before the page is returned.
 */
export async function listReports(deps: ReportActionDeps, params: ReportQueueParams, reads: RoomReadAudit): Promise<ReportQueuePage> {
  const scope = { k: 'reports', s: params.status };
  const after = params.cursor === undefined ? undefined : decodeIdCursor(params.cursor, { k: 'reports' }, { s: params.status }, 'This cursor pages another status');
  const { records, more } = await deps.reports.page(params.status, after, params.limit);
  const items = await Promise.all(records.map((record) => queueItem(deps, record)));
  await reads.record(items.map((item) => item.roomId));
  const last = records.at(-1);
  return more && last ? { items, nextCursor: encodeIdCursor(scope, last.sortId) } : { items };
}

async function queueItem(deps: ReportActionDeps, record: QueueRecord): Promise<ReportQueueItem> {
  const [reports, target, context] = await Promise.all([
    deps.reports.reporters(record.roomId, record.messageId, REPORT_REPORTERS_SHOWN),
    deps.store.find(record.roomId, record.messageId),
    deps.reports.context(record.roomId, record.messageId, REPORT_CONTEXT_SIZE),
  ]);
  return {
    id: record.id,
    roomId: record.roomId,
    messageId: record.messageId,
    status: record.status,
    createdAt: record.createdAt,
    count: record.count,
    reports,
    message: target?.view ?? null,
    context: context.map((stored) => stored.view),
    ...(record.resolution === undefined ? {} : { resolution: record.resolution }),
  };
}

/** `{ action: 'dismiss' | 'remove', reason? }`. */
export function parseResolveRequest(body: unknown): { action: ReportResolutionAction; reason: string | undefined } {
  const action = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).action : undefined;
  if (action !== 'dismiss' && action !== 'remove') throw new BadRequestError("action must be 'dismiss' or 'remove'");
  return { action, reason: parseReason(body, false) };
}

/**
 * Resolves a report once: `remove` removes the message through the one removal path (audited as
 * `message.removed` and broadcast, as from the console) and then closes the report; `dismiss`
 * closes it. Each writes its audit entry (`report.resolved`, `report.dismissed`) once: the
 * entry's id is stored on the report, so a retry after a crash writes that same entry. A retry of
 * the same action answers `changed: false`; the other action on a resolved report is a 409.
 */
export async function resolveReport(
  deps: ReportActionDeps,
  reportId: string,
  request: { action: ReportResolutionAction; reason: string | undefined },
  moderator: Moderator,
): Promise<ResolveReportResult> {
  const address = parseReportId(reportId);
  if (address === null) throw new BadRequestError('Invalid report id');
  const { roomId, messageId } = address;
  const record = await deps.reports.get(roomId, messageId);
  if (record === null) throw new NotFoundError(`Report ${reportId} not found`);
  if (record.status === 'open' && request.action === 'remove') {
    await moderateMessage(deps, { roomId, messageId, action: 'message.removed', reason: request.reason ?? REPORT_REMOVAL_REASON, moderator });
  }
  const now = deps.clock();
  const resolution: ReportResolution = {
    action: request.action,
    by: moderator,
    at: new Date(now).toISOString(),
    auditId: deps.nextId(now),
    ...(request.reason === undefined ? {} : { reason: request.reason }),
  };
  const { record: after, changed } = record.status === 'open' ? await deps.reports.resolve(roomId, messageId, resolution) : { record, changed: false };
  const final = after.resolution;
  if (final === undefined) throw new ConflictError(`Report ${reportId} was reported again meanwhile; reload the queue`);
  if (final.action !== request.action) throw new ConflictError(`Report ${reportId} is already resolved: ${final.action === 'remove' ? 'removed' : 'dismissed'}`);
  const target = await deps.store.find(roomId, messageId);
  if (target === null) throw new NotFoundError(`Message ${messageId} not found in room ${roomId}`);
  const entry: ReportAuditEntry = {
    id: final.auditId,
    at: final.at,
    action: final.action === 'remove' ? 'report.resolved' : 'report.dismissed',
    moderator: final.by,
    ...(final.reason === undefined ? {} : { reason: final.reason }),
    roomId,
    messageId,
    messageAuthor: target.view.message.author,
    reportId: after.id,
    reports: after.count,
  };
  await deps.store.putAudit(entry);
  if (changed) deps.metrics.count(final.action === 'remove' ? 'ReportsResolved' : 'ReportsDismissed', 1);
  deps.logger.info('report resolved', { action: final.action, changed });
  return { id: after.id, status: 'resolved', resolution: final, changed };
}
