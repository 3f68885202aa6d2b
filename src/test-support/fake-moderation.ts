import type { AuditEntry, ModeratedMessage, ModerationPage, Mute, MuteRequest, RoomActionResult } from '../../core/moderation.ts';
import type { ReportQueueItem, ReportStatus, ResolveReportRequest, ResolveReportResult } from '../../core/reports.ts';
import type { Room } from '../../core/rooms.ts';
import type { ExportFile, ModerationService, PageRequest } from '../services/moderation.ts';
import { BOB, storedMessage } from './fake-services.ts';

export const MORGAN = { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' };

/** `count` rows of room `roomId`, newest first, texts `message <n>`. */
export function moderatedRows(roomId: string, count: number): ModeratedMessage[] {
  return Array.from({ length: count }, (_, n) => ({ message: storedMessage(roomId, n, BOB), status: 'visible' as const })).reverse();
}

/**
 * Test double of the moderation API over a fixed list of rows: pages of `limit` (cursor = index),
 * and `truncateAt` cuts pages short as a budgeted text search does. Records every call.
 */
export function createFakeModeration(rows: ModeratedMessage[] = [], audit: AuditEntry[] = [], mutes: Mute[] = []) {
  const calls: { op: string; filters?: Record<string, string>; cursor?: string; reason?: string; sub?: string; request?: MuteRequest; roomId?: string; name?: string }[] = [];
  const exports: { kind: string; format: string; filters: Record<string, string>; cursor?: string }[] = [];
  let truncated: number[] = [];
  function page<T>(items: T[], { limit = 50, cursor }: PageRequest): ModerationPage<T> {
    const start = cursor === undefined ? 0 : Number(cursor);
    const cut = truncated.shift();
    const end = Math.min(items.length, start + (cut ?? limit));
    return {
      items: items.slice(start, end),
      ...(end < items.length ? { nextCursor: String(end) } : {}),
      ...(cut !== undefined && end < items.length ? { truncated: true } : {}),
    };
  }
  function setStatus(roomId: string, messageId: string, status: 'visible' | 'removed', reason?: string) {
    const index = rows.findIndex((r) => r.message.roomId === roomId && r.message.id === messageId);
    const row = rows[index] as ModeratedMessage;
    const changed = row.status !== status;
    const next: ModeratedMessage =
      status === 'removed'
        ? { message: row.message, status, removal: { by: MORGAN, at: '2026-11-30T13:00:00.000Z', reason: reason ?? '' } }
        : { message: row.message, status };
    rows[index] = next;
    return { item: next, changed };
  }
  const fake = {
    calls,
    exports,
    rows,
    mutes,
    /** The next pages answered stop after these many items, marked `truncated`. */
    truncateNext(...sizes: number[]) {
      truncated = sizes;
    },
    async listMessages(filters: Record<string, string>, request: PageRequest) {
      calls.push({ op: 'messages', filters, cursor: request.cursor });
      return page(rows, request);
    },
    async listAudit(filters: Record<string, string>, request: PageRequest) {
      calls.push({ op: 'audit', filters, cursor: request.cursor });
      return page(audit, request);
    },
    async remove(roomId: string, messageId: string, { reason }: { reason: string }) {
      calls.push({ op: 'remove', reason });
      return setStatus(roomId, messageId, 'removed', reason);
    },
    async restore(roomId: string, messageId: string, { reason }: { reason?: string }) {
      calls.push({ op: 'restore', reason });
      return setStatus(roomId, messageId, 'visible');
    },
    async listMutes(request: PageRequest) {
      calls.push({ op: 'mutes', cursor: request.cursor });
      return page(mutes, request);
    },
    async mute(request: MuteRequest) {
      calls.push({ op: 'mute', request });
      const row = rows.find((r) => r.message.author.sub === request.author);
      if (!row) throw new Error(`No author is named "${request.author}" or has that sub`);
      const at = '2026-11-30T13:00:00.000Z';
      const mute: Mute = { user: row.message.author, until: new Date(Date.parse(at) + request.durationSeconds * 1000).toISOString(), at, by: MORGAN, reason: request.reason };
      mutes.push(mute);
      return mute;
    },
    async unmute(sub: string, { reason }: { reason?: string }) {
      calls.push({ op: 'unmute', sub, reason });
      const index = mutes.findIndex((m) => m.user.sub === sub);
      if (index >= 0) mutes.splice(index, 1);
      return { sub, changed: index >= 0 };
    },
    /** The rooms the room actions change (a test puts them here), and what the next one rejects with. */
    rooms: [] as Room[],
    roomFailure: undefined as unknown,
    async renameRoom(roomId: string, { name, reason }: { name: string; reason?: string }) {
      calls.push({ op: 'rename', roomId, name, reason });
      return changeRoom(roomId, (room) => ({ ...room, name }));
    },
    async setRoomArchived(roomId: string, archived: boolean, { reason }: { reason?: string }) {
      calls.push({ op: archived ? 'archive' : 'unarchive', roomId, reason });
      return changeRoom(roomId, ({ archived: _was, ...room }) => (archived ? { ...room, archived: true } : room));
    },
    /** The report queue (a test puts items here); resolving moves an item to resolved. */
    reports: [] as ReportQueueItem[],
    async listReports(status: ReportStatus, request: PageRequest) {
      calls.push({ op: 'reports', filters: { status }, cursor: request.cursor });
      return page(fake.reports.filter((item) => item.status === status), request);
    },
    async resolveReport(reportId: string, { action, reason }: ResolveReportRequest): Promise<ResolveReportResult> {
      calls.push({ op: `resolve-${action}`, roomId: reportId, reason });
      const index = fake.reports.findIndex((item) => item.id === reportId);
      const item = fake.reports[index];
      if (!item) throw new Error(`Report ${reportId} not found`);
      const resolution = item.resolution ?? { action, by: MORGAN, at: '2026-11-30T13:00:00.000Z', auditId: `audit-${index}`, ...(reason ? { reason } : {}) };
      fake.reports[index] = { ...item, status: 'resolved', resolution };
      return { id: reportId, status: 'resolved', resolution, changed: item.status === 'open' };
    },
    async exportFile(kind: string, format: string, filters: Record<string, string>, cursor?: string): Promise<ExportFile> {
      exports.push({ kind, format, filters, cursor });
      return { blob: new Blob(['x']), filename: `parley-${kind}.${format}`, truncated: false };
    },
  };
  function changeRoom(roomId: string, change: (room: Room) => Room): RoomActionResult {
    const failure = fake.roomFailure;
    fake.roomFailure = undefined;
    if (failure !== undefined) throw failure;
    const index = fake.rooms.findIndex((room) => room.id === roomId);
    const before = fake.rooms[index] as Room;
    const room = change(before);
    fake.rooms[index] = room;
    return { room, changed: JSON.stringify(room) !== JSON.stringify(before) };
  }
  return fake satisfies ModerationService & Record<string, unknown>;
}

export type FakeModeration = ReturnType<typeof createFakeModeration>;
