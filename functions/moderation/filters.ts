import { isValidRoomId } from '../../core/channels.ts';
import { MODERATION_NAME_MAX_LENGTH, MODERATION_QUERY_MAX_LENGTH, PAGE_SIZE, PAGE_SIZE_MAX } from '../../core/limits.ts';
import type { MessageStatus } from '../../core/moderation.ts';
import { BadRequestError } from '../lib/errors.ts';
import { maxMessageIdAt, minMessageIdAt } from '../../core/message-id.ts';


type Params = Record<string, string | undefined> | undefined;

/** `GET /moderation/messages` filters; every one is optional and they all combine. */
export interface MessageFilters {
  roomId?: string;
  /**
   * `@handle` or a bare handle someone holds (exactly that account), else a display name or past
   * handle (case-insensitive), or an author's `sub` (functions/moderation/author-lookup.ts).
   */
  author?: string;
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, inclusive. */
  to?: string;
  status?: MessageStatus;
  /** Lower-cased; matched as a substring of the lower-cased text. */
  q?: string;
}

/** `GET /moderation/audit` filters. */
export interface AuditFilters {
  roomId?: string;
  /** A moderator's `sub`, handle, or a name the author directory knows, read as `author` is. */
  moderator?: string;
  from?: string;
  to?: string;
}

export interface PageParams {
  limit: number;
  /** Raw; decoded against the filters by cursor.ts. */
  cursor?: string;
}

/** Inclusive bounds on ULID-style ids (message ids, audit ids): both sort in time order. */
export interface IdRange {
  lower?: string;
  upper?: string;
}

export type ExportFormat = 'csv' | 'json';
export type ExportKind = 'messages' | 'audit';

export function parseMessageFilters(params: Params): MessageFilters {
  const p = params ?? {};
  const status = p.status;
  if (status !== undefined && status !== 'visible' && status !== 'removed') throw new BadRequestError('status must be visible or removed');
  const q = p.q?.trim().toLowerCase();
  if (q !== undefined && q.length > MODERATION_QUERY_MAX_LENGTH) throw new BadRequestError(`q must be at most ${MODERATION_QUERY_MAX_LENGTH} characters`);
  return compact({
    roomId: parseRoomId(p.roomId),
    author: parseName(p.author, 'author'),
    ...parseTimeRange(p.from, p.to),
    status,
    q: q === '' ? undefined : q,
  });
}

export function parseAuditFilters(params: Params): AuditFilters {
  const p = params ?? {};
  return compact({ roomId: parseRoomId(p.roomId), moderator: parseName(p.moderator, 'moderator'), ...parseTimeRange(p.from, p.to) });
}

export function parsePageParams(params: Params): PageParams {
  const { limit: raw, cursor } = params ?? {};
  let limit = PAGE_SIZE;
  if (raw !== undefined) {
    limit = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (!(limit >= 1 && limit <= PAGE_SIZE_MAX)) throw new BadRequestError(`limit must be an integer from 1 to ${PAGE_SIZE_MAX}`);
  }
  return compact({ limit, cursor: cursor === '' ? undefined : cursor });
}

export function parseExportParams(params: Params): { kind: ExportKind; format: ExportFormat } {
  const { kind = 'messages', format = 'csv' } = params ?? {};
  if (kind !== 'messages' && kind !== 'audit') throw new BadRequestError('kind must be messages or audit');
  if (format !== 'csv' && format !== 'json') throw new BadRequestError('format must be csv or json');
  return { kind, format };
}

/** The id range a time range covers, narrowed to ids below `beforeId` (a cursor) when given. */
export function idRange(range: { from?: string; to?: string }, beforeId?: string): IdRange {
  const lower = range.from === undefined ? undefined : minMessageIdAt(Date.parse(range.from));
  const byTime = range.to === undefined ? undefined : maxMessageIdAt(Date.parse(range.to));
  const upper = byTime !== undefined && beforeId !== undefined ? (byTime < beforeId ? byTime : beforeId) : (byTime ?? beforeId);
  return compact({ lower, upper });
}

function parseRoomId(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isValidRoomId(value)) throw new BadRequestError('Invalid roomId');
  return value;
}

function parseName(value: string | undefined, name: string): string | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  if (trimmed.length > MODERATION_NAME_MAX_LENGTH) throw new BadRequestError(`${name} must be at most ${MODERATION_NAME_MAX_LENGTH} characters`);
  return trimmed;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function parseTimeRange(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const start = parseTime(from, 'from');
  const end = parseTime(to, 'to');
  if (start !== undefined && end !== undefined && start > end) throw new BadRequestError('from must not be after to');
  return compact({ from: start, to: end });
}

function parseTime(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = ISO_TIME.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms > 2 ** 48 - 1) throw new BadRequestError(`${name} must be an ISO 8601 time`);
  return new Date(ms).toISOString();
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
