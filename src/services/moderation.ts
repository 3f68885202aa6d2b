import { del, get, post } from '@aws-amplify/api-rest';
import { inject, type InjectionKey } from 'vue';
import type {
  AuditEntry,
  ModeratedMessage,
  ModerationActionResult,
  ModerationPage,
  Mute,
  MuteRequest,
  RemoveMessageRequest,
  RenameRoomRequest,
  RestoreMessageRequest,
  RoomActionResult,
  RoomStateRequest,
  UnmuteRequest,
  UnmuteResult,
} from '../../core/moderation.ts';
import {
  checkReportQueuePage,
  checkResolveReportResult,
  MODERATION_REPORTS_PATH,
  type ReportQueuePage,
  type ReportStatus,
  type ResolveReportRequest,
  type ResolveReportResult,
} from '../../core/reports.ts';
import type { AuthService } from './auth.ts';
import { REST_API_NAME } from './history.ts';

export type ExportKind = 'messages' | 'audit';
export type ExportFormat = 'csv' | 'json';

/** A downloaded export, ready to save. */
export interface ExportFile {
  blob: Blob;
  filename: string;
  /** The export stopped at its size cap; `nextCursor` exports the rest. */
  truncated: boolean;
  nextCursor?: string;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** The moderation HTTP API (moderators only), non-reactive. Failures throw (Amplify's `ApiError`). */
export interface ModerationService {
  /** Filters as `GET /moderation/messages` takes them (see `messageFilters`). */
  listMessages(filters: Record<string, string>, page: PageRequest): Promise<ModerationPage<ModeratedMessage>>;
  /** Filters as `GET /moderation/audit` takes them (see `auditFilters`). */
  listAudit(filters: Record<string, string>, page: PageRequest): Promise<ModerationPage<AuditEntry>>;
  remove(roomId: string, messageId: string, request: RemoveMessageRequest): Promise<ModerationActionResult>;
  restore(roomId: string, messageId: string, request: RestoreMessageRequest): Promise<ModerationActionResult>;
  /** Running mutes, ending soonest first (`GET /moderation/mutes`). */
  listMutes(page: PageRequest): Promise<ModerationPage<Mute>>;
  mute(request: MuteRequest): Promise<Mute>;
  unmute(sub: string, request: UnmuteRequest): Promise<UnmuteResult>;
  /** `POST /moderation/rooms/{roomId}/rename`: the room keeps its id; 409 when the name looks like another room's. */
  renameRoom(roomId: string, request: RenameRoomRequest): Promise<RoomActionResult>;
  /** `POST /moderation/rooms/{roomId}/archive` (`archived: true`) or `…/unarchive`. */
  setRoomArchived(roomId: string, archived: boolean, request: RoomStateRequest): Promise<RoomActionResult>;
  /** `GET /moderation/reports`: open reports oldest first, resolved ones newest first; checked by core's check. */
  listReports(status: ReportStatus, page: PageRequest): Promise<ReportQueuePage>;
  /** `POST /moderation/reports/{reportId}/resolve`: dismiss, or remove the message. */
  resolveReport(reportId: string, request: ResolveReportRequest): Promise<ResolveReportResult>;
  /** `GET /moderation/export` with the token; the body as a Blob, named by `content-disposition`. */
  exportFile(kind: ExportKind, format: ExportFormat, filters: Record<string, string>, cursor?: string): Promise<ExportFile>;
}

export const MODERATION_SERVICE: InjectionKey<ModerationService> = Symbol('moderation-service');

export function useModerationService(): ModerationService {
  const service = inject(MODERATION_SERVICE);
  if (!service) throw new Error('The moderation service is not provided: app.provide(MODERATION_SERVICE, …) first');
  return service;
}

/** The file name a `content-disposition` header gives, reduced to safe characters. */
export function filenameFromDisposition(header: string | undefined, fallback: string): string {
  const match = /filename="?([^";]+)"?/i.exec(header ?? '');
  const name = match?.[1]?.replace(/[^\w.-]/g, '_');
  return name && !name.startsWith('.') ? name : fallback;
}

function pageParams({ limit, cursor }: PageRequest): Record<string, string> {
  return { ...(limit === undefined ? {} : { limit: String(limit) }), ...(cursor ? { cursor } : {}) };
}

export function createModerationService(auth: AuthService): ModerationService {
  async function headers() {
    return { Authorization: `Bearer ${await auth.accessToken()}` };
  }
  async function read<T>(path: string, queryParams: Record<string, string>): Promise<T> {
    const { body } = await get({ apiName: REST_API_NAME, path, options: { headers: await headers(), queryParams } }).response;
    return (await body.json()) as T;
  }
  async function postJson<T>(path: string, request: object): Promise<T> {
    const { body } = await post({ apiName: REST_API_NAME, path, options: { headers: await headers(), body: { ...request } } }).response;
    return (await body.json()) as unknown as T;
  }
  async function act(action: 'remove' | 'restore', roomId: string, messageId: string, request: object) {
    const path = `/moderation/messages/${encodeURIComponent(roomId)}/${encodeURIComponent(messageId)}/${action}`;
    const { body } = await post({ apiName: REST_API_NAME, path, options: { headers: await headers(), body: { ...request } } }).response;
    return (await body.json()) as unknown as ModerationActionResult;
  }
  return {
    listMessages: (filters, page) => read('/moderation/messages', { ...filters, ...pageParams(page) }),
    listAudit: (filters, page) => read('/moderation/audit', { ...filters, ...pageParams(page) }),
    remove: (roomId, messageId, request) => act('remove', roomId, messageId, request),
    restore: (roomId, messageId, request) => act('restore', roomId, messageId, request),
    listMutes: (page) => read('/moderation/mutes', pageParams(page)),
    renameRoom: (roomId, request) => postJson(`/moderation/rooms/${encodeURIComponent(roomId)}/rename`, request),
    setRoomArchived: (roomId, archived, request) => postJson(`/moderation/rooms/${encodeURIComponent(roomId)}/${archived ? 'archive' : 'unarchive'}`, request),
    async listReports(status, page) {
      const checked = checkReportQueuePage(await read(MODERATION_REPORTS_PATH, { status, ...pageParams(page) }));
      if (!checked.ok) throw new Error(`Unexpected report queue: ${checked.error}`);
      return checked.value;
    },
    async resolveReport(reportId, request) {
      const checked = checkResolveReportResult(await postJson(`${MODERATION_REPORTS_PATH}/${encodeURIComponent(reportId)}/resolve`, request));
      if (!checked.ok) throw new Error(`Unexpected answer to the resolve: ${checked.error}`);
      return checked.value;
    },
    async mute(request) {
      const { body } = await post({ apiName: REST_API_NAME, path: '/moderation/mutes', options: { headers: await headers(), body: { ...request } } }).response;
      return (await body.json()) as unknown as Mute;
    },
    async unmute(sub, request) {
      const path = `/moderation/mutes/${encodeURIComponent(sub)}`;
      const { body } = await del({ apiName: REST_API_NAME, path, options: { headers: await headers(), body: { ...request } } }).response;
      return (await body.json()) as unknown as UnmuteResult;
    },
    async exportFile(kind, format, filters, cursor) {
      const queryParams = { ...filters, kind, format, ...(cursor ? { cursor } : {}) };
      const response = await get({ apiName: REST_API_NAME, path: '/moderation/export', options: { headers: await headers(), queryParams } })
        .response;
      // Readable cross-origin only because the API's CORS exposes them (exposeHeaders).
      const disposition = response.headers['content-disposition'];
      const nextCursor = response.headers['x-parley-export-next-cursor'];
      return {
        blob: await response.body.blob(),
        filename: filenameFromDisposition(disposition, `parley-${kind}.${format}`),
        truncated: response.headers['x-parley-export-truncated'] === 'true',
        ...(nextCursor ? { nextCursor } : {}),
      };
    },
  };
}
