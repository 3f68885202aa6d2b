import type { AuditEntry, ModerationPage } from '../../core/moderation.ts';
import { budgetedMerge } from './budgeted-merge.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { type AuditFilters, idRange, type PageParams } from './filters.ts';
import { type AuthorLookupDeps, resolveAuthor } from './author-lookup.ts';
import type { ModerationStore, ReadMeter } from './moderation-store.ts';

/** Audit entries read per request, at most (entries are small: ~300 B). */
export const AUDIT_READ_BUDGET = 1000;

export interface AuditSearchDeps extends AuthorLookupDeps {
  store: ModerationStore;
}

/**
 * The audit log, newest first. A room reads its `AUDIT#<roomId>` partition, a moderator their
 * gsi2 `ACTOR#<sub>` partition(s), neither the gsi1 `AUDIT` partition; the other filters are
 * checked on what that returns.
 */
export async function searchAudit(
  deps: AuditSearchDeps,
  filters: AuditFilters,
  page: PageParams,
  meter: ReadMeter,
  budget = AUDIT_READ_BUDGET,
): Promise<ModerationPage<AuditEntry>> {
  const beforeId = page.cursor === undefined ? undefined : decodeCursor(page.cursor, 'audit', filters);
  const range = idRange(filters, beforeId);
  const moderatorSubs = filters.moderator === undefined ? undefined : (await resolveAuthor(deps, filters.moderator)).subs;
  const sources =
    filters.roomId !== undefined
      ? [deps.store.audit({ roomId: filters.roomId }, range, meter)]
      : moderatorSubs !== undefined
        ? moderatorSubs.map((actorSub) => deps.store.audit({ actorSub }, range, meter))
        : [deps.store.audit('all', range, meter)];
  const result = await budgetedMerge({
    sources,
    id: (entry) => entry.id,
    matches: (entry) =>
      (beforeId === undefined || entry.id < beforeId) &&
      (moderatorSubs === undefined || moderatorSubs.includes(entry.moderator.sub)) &&
      (filters.roomId === undefined || entry.roomId === filters.roomId) &&
      (filters.from === undefined || entry.at >= filters.from) &&
      (filters.to === undefined || entry.at <= filters.to),
    limit: page.limit,
    budget,
  });
  return {
    items: result.items,
    ...(result.continueBelow === undefined ? {} : { nextCursor: encodeCursor('audit', filters, result.continueBelow) }),
    ...(result.truncated ? { truncated: true } : {}),
  };
}
