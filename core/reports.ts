/**
 * Reports of messages: a member reports a message they can see (`POST /reports`), and moderators
 * work the queue (`GET /moderation/reports`, `POST /moderation/reports/{reportId}/resolve`). One
 * type and one check each; the `reports` and `moderation` Lambdas produce them, the app checks
 * what it receives. Kept inside the APPSYNC_JS subset like the rest of `core/`.
 */
import { isValidRoomId } from './channels.ts';
import { type Checked, isNonEmptyString, isRecord, refuse } from './checked.ts';
import { isMessageId } from './message-id.ts';
import type { Author } from './messages.ts';
import type { ModeratedMessage, Moderator } from './moderation.ts';
import { codePointLength, sanitizeText } from './sanitize.ts';
import { isChatMessage } from './timeline-events.ts';

/** The longest reason, in code points after the message sanitize rules. */
export const REPORT_REASON_MAX_LENGTH = 500;
/** How many messages before the reported one a queue item shows. */
export const REPORT_CONTEXT_SIZE = 10;
/** How many of a message's reporters a queue item lists (`count` has them all). */
export const REPORT_REPORTERS_SHOWN = 20;
/** The most queue items one page holds. */
export const REPORT_PAGE_MAX = 50;

export const REPORTS_PATH = '/reports';
export const MODERATION_REPORTS_PATH = '/moderation/reports';

/** Body of `POST /reports`. `reason` is stored sanitized (NFC first, at the edge). */
export interface ReportRequest {
  roomId: string;
  messageId: string;
  reason: string;
}

/**
 * A message's report, as `id` names it in the queue: `<roomId>.<messageId>`. One per message, so
 * the queue shows a message once, however many members report it. Room ids have no `.`.
 */
export function reportIdOf(roomId: string, messageId: string): string {
  return `${roomId}.${messageId}`;
}

/** The room and message of a report id, or null when it is not one. */
export function parseReportId(value: unknown): { roomId: string; messageId: string } | null {
  if (typeof value !== 'string') return null;
  const parts = value.split('.');
  if (parts.length !== 2 || !isValidRoomId(parts[0]) || !isMessageId(parts[1])) return null;
  return { roomId: parts[0], messageId: parts[1] };
}

/** A reason sanitized as message text is (NFC is the caller's step), then 1–500 code points. */
export function checkReportReason(value: unknown): Checked<string> {
  if (typeof value !== 'string') return refuse('reason must be a string');
  const reason = sanitizeText(value);
  if (reason === '') return refuse('A reason is required');
  const length = codePointLength(reason);
  if (length > REPORT_REASON_MAX_LENGTH) return refuse(`reason must be at most ${REPORT_REASON_MAX_LENGTH} characters (it has ${length})`);
  return { ok: true, value: reason };
}

export function checkReportRequest(value: unknown): Checked<ReportRequest> {
  if (!isRecord(value)) return refuse('body must be { roomId, messageId, reason }');
  if (!isValidRoomId(value.roomId)) return refuse('roomId must be a room id');
  if (!isMessageId(value.messageId)) return refuse('messageId must be a message id');
  const reason = checkReportReason(value.reason);
  if (!reason.ok) return reason;
  return { ok: true, value: { roomId: value.roomId, messageId: value.messageId, reason: reason.value } };
}

/**
 * The answer to `POST /reports`: the caller's report of that message, 201 when new, 200 when they
 * had reported it before (then the first reason stands: once per message per member).
 */
export interface Report {
  /** The message's queue item (`reportIdOf`). */
  reportId: string;
  roomId: string;
  messageId: string;
  reason: string;
  /** ISO 8601. */
  at: string;
}

export function checkReport(value: unknown): Checked<Report> {
  if (!isRecord(value)) return refuse('expected { reportId, roomId, messageId, reason, at }');
  const { reportId, roomId, messageId, reason, at } = value;
  const address = parseReportId(reportId);
  if (address === null || address.roomId !== roomId || address.messageId !== messageId) return refuse('reportId must name the room and message');
  if (!isNonEmptyString(reason) || !isNonEmptyString(at)) return refuse('reason and at must be non-empty strings');
  return { ok: true, value: { reportId: reportId as string, roomId: address.roomId, messageId: address.messageId, reason, at } };
}

export type ReportStatus = 'open' | 'resolved';
export const REPORT_STATUSES: readonly ReportStatus[] = ['open', 'resolved'];

/** What a moderator does with a report: close it, or remove the message (audited and broadcast as any removal). */
export type ReportResolutionAction = 'dismiss' | 'remove';
export const REPORT_RESOLUTION_ACTIONS: readonly ReportResolutionAction[] = ['dismiss', 'remove'];

/** One member's report of a message, as the queue lists it. */
export interface ReportEntry {
  reporter: Moderator;
  reason: string;
  /** ISO 8601. */
  at: string;
}

export interface ReportResolution {
  action: ReportResolutionAction;
  by: Moderator;
  /** ISO 8601. */
  at: string;
  reason?: string;
  /** The `report.dismissed` / `report.resolved` audit entry. */
  auditId: string;
}

/**
 * One row of `GET /moderation/reports`: a reported message with what came before it, and who
 * reported it and why. A direct message's report is the one place moderators read a DM.
 */
export interface ReportQueueItem {
  id: string;
  roomId: string;
  messageId: string;
  status: ReportStatus;
  /** When the first report came in (ISO 8601); the open queue is oldest first. */
  createdAt: string;
  /** How many members reported it. */
  count: number;
  /** Up to `REPORT_REPORTERS_SHOWN` of them. */
  reports: ReportEntry[];
  /** The message as moderation sees it (its text, also once removed), or null if it cannot be read. */
  message: ModeratedMessage | null;
  /** Up to `REPORT_CONTEXT_SIZE` messages before it, oldest first. */
  context: ModeratedMessage[];
  /** Present once resolved. */
  resolution?: ReportResolution;
}

/** A page of the queue: open oldest first, resolved newest resolution first. */
export interface ReportQueuePage {
  items: ReportQueueItem[];
  nextCursor?: string;
}

/** Body of `POST /moderation/reports/{reportId}/resolve`. */
export interface ResolveReportRequest {
  action: ReportResolutionAction;
  /** At most `MODERATION_REASON_MAX_LENGTH` characters; a removal without one records "Reported by members". */
  reason?: string;
}

/** Audit actions of the queue: a report dismissed, or resolved by removing its message. */
export type ReportAuditAction = 'report.dismissed' | 'report.resolved';

/**
 * An audit row about a report (in its room's audit log). A removal also writes its own
 * `message.removed` row, as every removal does.
 */
export interface ReportAuditEntry {
  id: string;
  /** ISO 8601. */
  at: string;
  action: ReportAuditAction;
  moderator: Moderator;
  reason?: string;
  roomId: string;
  messageId: string;
  messageAuthor: Author;
  reportId: string;
  /** How many members had reported it. */
  reports: number;
  user?: undefined;
  until?: undefined;
}

/** Answer to a resolve: `changed` is false when the report already was resolved so (a retry). */
export interface ResolveReportResult {
  id: string;
  status: 'resolved';
  resolution: ReportResolution;
  changed: boolean;
}

function checkPerson(value: unknown): Moderator | null {
  if (!isRecord(value) || !isNonEmptyString(value.sub) || typeof value.handle !== 'string' || typeof value.displayName !== 'string') return null;
  return { sub: value.sub, handle: value.handle, displayName: value.displayName };
}

function checkModeratedMessage(value: unknown, roomId: string): ModeratedMessage | null {
  if (!isRecord(value) || !isChatMessage(value.message, roomId)) return null;
  if (value.status !== 'visible' && value.status !== 'removed') return null;
  const removal = value.removal;
  if (removal === undefined) return { message: value.message, status: value.status };
  if (!isRecord(removal) || typeof removal.at !== 'string' || typeof removal.reason !== 'string') return null;
  const by = checkPerson(removal.by);
  if (by === null) return null;
  return { message: value.message, status: value.status, removal: { by, at: removal.at, reason: removal.reason } };
}

function checkResolution(value: unknown): ReportResolution | null {
  if (!isRecord(value) || (value.action !== 'dismiss' && value.action !== 'remove')) return null;
  const by = checkPerson(value.by);
  if (by === null || !isNonEmptyString(value.at) || !isNonEmptyString(value.auditId)) return null;
  if (value.reason !== undefined && typeof value.reason !== 'string') return null;
  return {
    action: value.action,
    by,
    at: value.at,
    auditId: value.auditId,
    ...(typeof value.reason === 'string' ? { reason: value.reason } : {}),
  };
}

function checkEntry(value: unknown): ReportEntry | null {
  if (!isRecord(value) || typeof value.reason !== 'string' || !isNonEmptyString(value.at)) return null;
  const reporter = checkPerson(value.reporter);
  return reporter === null ? null : { reporter, reason: value.reason, at: value.at };
}

export function checkReportQueueItem(value: unknown): Checked<ReportQueueItem> {
  if (!isRecord(value)) return refuse('a queue item must be an object');
  const address = parseReportId(value.id);
  if (address === null || address.roomId !== value.roomId || address.messageId !== value.messageId) return refuse('id must name the room and message');
  if (value.status !== 'open' && value.status !== 'resolved') return refuse(`${value.id}: status must be open or resolved`);
  if (!isNonEmptyString(value.createdAt) || typeof value.count !== 'number') return refuse(`${value.id}: createdAt and count are required`);
  if (!Array.isArray(value.reports) || !Array.isArray(value.context)) return refuse(`${value.id}: reports and context must be arrays`);
  const reports = value.reports.map(checkEntry);
  if (reports.some((entry) => entry === null)) return refuse(`${value.id}: a report entry is malformed`);
  const context = value.context.map((item) => checkModeratedMessage(item, address.roomId));
  if (context.some((item) => item === null)) return refuse(`${value.id}: a context message is malformed`);
  const message = value.message === null ? null : checkModeratedMessage(value.message, address.roomId);
  if (value.message !== null && message === null) return refuse(`${value.id}: the message is malformed`);
  const resolution = value.resolution === undefined ? undefined : checkResolution(value.resolution);
  if (resolution === null) return refuse(`${value.id}: the resolution is malformed`);
  const item: ReportQueueItem = {
    id: value.id as string,
    roomId: address.roomId,
    messageId: address.messageId,
    status: value.status,
    createdAt: value.createdAt,
    count: value.count,
    reports: reports as ReportEntry[],
    message,
    context: context as ModeratedMessage[],
  };
  return { ok: true, value: resolution === undefined ? item : { ...item, resolution } };
}

export function checkReportQueuePage(value: unknown): Checked<ReportQueuePage> {
  if (!isRecord(value) || !Array.isArray(value.items)) return refuse('expected { items: ReportQueueItem[], nextCursor? }');
  const checked = value.items.map(checkReportQueueItem);
  const bad = checked.find((c) => !c.ok);
  if (bad !== undefined && !bad.ok) return refuse(bad.error);
  if (value.nextCursor !== undefined && !isNonEmptyString(value.nextCursor)) return refuse('nextCursor must be a non-empty string');
  const items = checked.map((c) => (c as { ok: true; value: ReportQueueItem }).value);
  return { ok: true, value: value.nextCursor === undefined ? { items } : { items, nextCursor: value.nextCursor } };
}

export function checkResolveReportResult(value: unknown): Checked<ResolveReportResult> {
  if (!isRecord(value) || parseReportId(value.id) === null || value.status !== 'resolved' || typeof value.changed !== 'boolean') {
    return refuse('expected { id, status: "resolved", resolution, changed }');
  }
  const resolution = checkResolution(value.resolution);
  if (resolution === null) return refuse('the resolution is malformed');
  return { ok: true, value: { id: value.id as string, status: 'resolved', resolution, changed: value.changed } };
}
