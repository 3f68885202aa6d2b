import { MAX_REACTION_EMOJI } from '../../core/limits.ts';
import type { ReactionSummary } from '../../core/messages.ts';

/**
 * A message's reactions, kept on its overlay item (overlay-item.ts) as `r`: each emoji in the
 * order of its first reaction with the subs of who reacted (`{e, s}`). Who reacted is a set per
 * emoji, so adding twice counts once; a history page reads the overlays of its id range in one
 * Query, and `mine` is whether the reader's sub is there: no read per message, no item per account.
 */
export interface ReactionEntry {
  e: string;
  s: string[];
}

export type ReactionOutcome =
  | { ok: true; entries: ReactionEntry[]; changed: boolean; count: number }
  | { ok: false; error: 'too-many-emoji' };

/**
 * `sub` adds (or takes back) `emoji`. Pure: the same call on its own result changes nothing (a
 * retry has one effect). An emoji whose last reaction is taken back leaves the list, and so frees
 * its place among the `MAX_REACTION_EMOJI`.
 */
export function applyReaction(entries: ReactionEntry[], sub: string, emoji: string, add: boolean): ReactionOutcome {
  const entry = entries.find((x) => x.e === emoji);
  const has = entry?.s.includes(sub) === true;
  if (has === add) return { ok: true, entries, changed: false, count: entry?.s.length ?? 0 };
  if (add && !entry && entries.length >= MAX_REACTION_EMOJI) return { ok: false, error: 'too-many-emoji' };
  if (add) {
    const next = entry ? entries.map((x) => (x === entry ? { e: x.e, s: [...x.s, sub] } : x)) : [...entries, { e: emoji, s: [sub] }];
    return { ok: true, entries: next, changed: true, count: (entry?.s.length ?? 0) + 1 };
  }
  const left = entry!.s.filter((s) => s !== sub);
  const next = left.length === 0 ? entries.filter((x) => x !== entry) : entries.map((x) => (x === entry ? { e: x.e, s: left } : x));
  return { ok: true, entries: next, changed: true, count: left.length };
}

/** What `reader` sees: each emoji's count and whether they are one of them, in first-reaction order. */
export function summarize(entries: ReactionEntry[], reader: string | undefined): ReactionSummary[] {
  return entries.filter((x) => x.s.length > 0).map((x) => ({ emoji: x.e, count: x.s.length, mine: reader !== undefined && x.s.includes(reader) }));
}

export function entriesOf(item: Record<string, unknown> | undefined): ReactionEntry[] {
  return Array.isArray(item?.r) ? (item.r as ReactionEntry[]) : [];
}
