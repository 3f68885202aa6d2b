import type { Author } from '../../core/messages.ts';
import type { Moderator, Mute } from '../../core/moderation.ts';
import { storedAuthor, storedModerator } from './stored-people.ts';

/**
 * How a mute is stored (amplify/data/README.md, "Mutes"): one item per author, `MUTE#<sub>` /
 * `MUTE`, read by `persist-messages` with one GetItem per batch and written by `moderation`.
 * While it runs it is also in gsi1 `MUTES` / `<until>#<sub>` (the active-mutes listing, ending
 * soonest first); an unmute ends it early and takes it out of gsi1. TTL (`expiresAt`) deletes it
 * a day after it ends.
 */
export const MUTE_LIST_PK = 'MUTES';
export const MUTE_SK = 'MUTE';
/** How long an ended mute stays readable (a retried unmute finds its audit id there). */
export const MUTE_RETENTION_SECONDS = 24 * 3600;

/** The action that ended a mute early, kept on the item like a message's `moderation`. */
export interface Unmuted {
  auditId: string;
  at: string;
  by: Moderator;
  reason?: string;
}

export interface MuteItem {
  pk: string;
  sk: string;
  gsi1pk?: string;
  gsi1sk?: string;
  type: 'mute';
  user: Author;
  /** ISO 8601, UTC: muted while `until` > now. */
  until: string;
  at: string;
  by: Moderator;
  reason: string;
  /** The `user.muted` audit entry. */
  auditId: string;
  /** Set by an unmute. */
  unmuted?: Unmuted;
  /** TTL, epoch seconds. */
  expiresAt: number;
}

export function muteKey(sub: string): { pk: string; sk: string } {
  return { pk: `MUTE#${sub}`, sk: MUTE_SK };
}

/** gsi1 sort key of a running mute: the end time first, so the listing reads in end order. */
export function muteListSk(until: string, sub: string): string {
  return `${until}#${sub}`;
}

export function muteExpiresAt(until: string): number {
  return Math.ceil(Date.parse(until) / 1000) + MUTE_RETENTION_SECONDS;
}

export function toMuteItem(mute: Mute, auditId: string): MuteItem {
  return {
    ...muteKey(mute.user.sub),
    gsi1pk: MUTE_LIST_PK,
    gsi1sk: muteListSk(mute.until, mute.user.sub),
    type: 'mute',
    user: mute.user,
    until: mute.until,
    at: mute.at,
    by: mute.by,
    reason: mute.reason,
    auditId,
    expiresAt: muteExpiresAt(mute.until),
  };
}

export function fromMuteItem(item: Record<string, unknown>): Mute {
  return {
    user: storedAuthor(item.user),
    until: item.until as string,
    at: item.at as string,
    by: storedModerator(item.by),
    reason: item.reason as string,
  };
}

/** ISO 8601 strings of `toISOString` compare as their times do. */
export function isMuteRunning(until: string | undefined, nowIso: string): boolean {
  return until !== undefined && until > nowIso;
}
