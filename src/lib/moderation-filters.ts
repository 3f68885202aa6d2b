import type { MessageStatus } from '../../core/moderation.ts';

/** `mutes` lists running mutes and `reports` the report queue; neither takes filters. */
export type ModerationTab = 'messages' | 'audit' | 'mutes' | 'reports';

/**
 * What the console is filtered by, as it appears in the URL query (so a view can be shared and
 * reloaded). Times are ISO 8601 (UTC). The messages tab uses room, author, time, status and text;
 * the audit tab uses room, moderator and time.
 */
export interface ModerationFilters {
  roomId?: string;
  author?: string;
  moderator?: string;
  from?: string;
  to?: string;
  status?: MessageStatus;
  q?: string;
}

export const FILTER_KEYS = ['roomId', 'author', 'moderator', 'from', 'to', 'status', 'q'] as const;

type QueryValue = string | null | (string | null)[] | undefined;

function first(value: QueryValue): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  const trimmed = raw?.trim();
  return trimmed ? trimmed : undefined;
}

function isoOrUndefined(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** The filters a URL query names; anything malformed is dropped rather than sent to the API. */
export function filtersFromQuery(query: Record<string, QueryValue>): ModerationFilters {
  const status = first(query.status);
  const filters: ModerationFilters = {
    roomId: first(query.roomId),
    author: first(query.author),
    moderator: first(query.moderator),
    from: isoOrUndefined(first(query.from)),
    to: isoOrUndefined(first(query.to)),
    status: status === 'visible' || status === 'removed' ? status : undefined,
    q: first(query.q),
  };
  return compact(filters);
}

/** The URL query for `filters` (empty ones left out) on `tab`. */
export function queryFromFilters(filters: ModerationFilters, tab: ModerationTab): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) query[key] = value;
  }
  if (tab !== 'messages') query.tab = tab;
  return query;
}

export function tabFromQuery(query: Record<string, QueryValue>): ModerationTab {
  const tab = first(query.tab);
  return tab === 'audit' || tab === 'mutes' || tab === 'reports' ? tab : 'messages';
}

/** The filters `GET /moderation/messages` (and its export) take. */
export function messageFilters(filters: ModerationFilters): Record<string, string> {
  const { roomId, author, from, to, status, q } = filters;
  return compact({ roomId, author, from, to, status, q }) as Record<string, string>;
}

/** The filters `GET /moderation/audit` (and its export) take. */
export function auditFilters(filters: ModerationFilters): Record<string, string> {
  const { roomId, moderator, from, to } = filters;
  return compact({ roomId, moderator, from, to }) as Record<string, string>;
}

/** An ISO time as a `datetime-local` input value, in the browser's time zone. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A `datetime-local` input value (browser time zone, minute precision) as an ISO time; undefined
 * when empty. `end` takes the last millisecond of that minute, so "to 12:05" includes 12:05:30.
 */
export function localInputToIso(value: string, edge: 'start' | 'end' = 'start'): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) return undefined;
  return new Date(edge === 'end' ? ms + 59_999 : ms).toISOString();
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
