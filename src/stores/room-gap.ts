import type { GapFillPage, MessagePage } from '../../core/history-api.ts';
import { minMessageIdAt } from '../../core/message-id.ts';
import { gapFillAfterId } from '../../core/timeline-cursor.ts';
import type { TimelineInput } from '../../core/timeline.ts';

/** A gap longer than this many pages is not filled page by page: the room reloads from the newest. */
export const MAX_GAP_PAGES = 10;

/** Where a gap starts when the room held no message: the beginning of time. */
export const ROOM_START = minMessageIdAt(0);

/** The earlier of the gap already open (if any) and `start`: a fill must cover both. */
export function earliestGap(gap: string | null, start: string): string {
  return gap !== null && gap < start ? gap : start;
}

/**
 * Where the fill after a dropped connection starts: a little before the newest stored message held
 * when it dropped (`gapFillAfterId`: messages stored at nearly the same time can become visible
 * out of id order), or the beginning of a room that held none.
 */
export function gapAfterNewest(newest: string | undefined): string {
  return newest === undefined ? ROOM_START : gapFillAfterId(newest);
}

/**
 * Where the fill after an opening starts, for a newest page read before the subscription was live:
 * a little before the page's newest message, but not before its oldest when older pages exist.
 * What lies before that is read afresh by scrolling up (`before=`), so fetching it again here would
 * only cost: in a busy room the margin can hold many pages.
 */
export function gapAfterPage(page: MessagePage): string {
  const newest = page.items[0]?.id;
  const oldest = page.items.at(-1)?.id;
  const start = gapAfterNewest(newest);
  return page.nextCursor !== undefined && oldest !== undefined && oldest > start ? oldest : start;
}

export interface GapFillDeps {
  /** `GET …/messages?after=`, as the history service reads it; `changesFrom` on the first page. */
  messagesAfter(after: string, changesFrom?: string): Promise<GapFillPage>;
  /** The oldest stored message the room holds: the changes of everything from it on are asked for. */
  oldestId(): string | undefined;
  /** The newest page, for when the gap is too long or changed too much to fill. */
  newestPage(): Promise<MessagePage>;
  /** Every page and update goes through the room's pure merge. */
  record(input: TimelineInput): void;
  /** Drops what the room shows (keeping unconfirmed sends) and shows `page` as its newest. */
  restart(page: MessagePage): void;
  /** False once the room closed since the fill began: its answers are dropped. */
  stillOpen(): boolean;
}

/**
 * Fetches everything stored after `start`, page by page, with the updates to older messages a gap
 * fill carries, and merges it; idempotent. The first page asks for the changes (edits, deletes,
 * reactions) of every message held, from the oldest on: the later pages' messages come with
 * theirs. A gap of more than `MAX_GAP_PAGES` pages, or one where too many older messages changed
 * to list, reloads the room from its newest page instead. Failures reject.
 */
export async function fillGapFrom(start: string, deps: GapFillDeps): Promise<void> {
  const oldest = deps.oldestId();
  const changesFrom = oldest !== undefined && oldest <= start ? oldest : undefined;
  let after: string | undefined = start;
  for (let pages = 0; after !== undefined; pages += 1) {
    const page: GapFillPage | null = pages === MAX_GAP_PAGES ? null : await deps.messagesAfter(after, pages === 0 ? changesFrom : undefined);
    if (!deps.stillOpen()) return;
    if (page === null || page.updatesTruncated) {
      const newest = await deps.newestPage();
      if (deps.stillOpen()) deps.restart(newest);
      return;
    }
    deps.record({ kind: 'updates', items: page.updates ?? [] });
    deps.record({ kind: 'history', items: page.items });
    after = page.nextCursor;
  }
}

export interface GapFillerDeps extends Omit<GapFillDeps, 'stillOpen'> {
  /** The newest stored message id now: with no gap open, a fill starts a little before it. */
  newestId(): string | undefined;
  /** The room's opening: a fill whose room closed or reopened meanwhile drops its answers. */
  opening(): number;
  fail(cause: unknown): void;
}

/** A room's gap: where the socket may have left one, kept until a fill of it succeeds. */
export function createGapFiller(deps: GapFillerDeps) {
  /** Where the gap the socket may have left starts (a reconnect, an opening); kept until a fill succeeds. */
  let gap: string | null = null;

  /** A gap opened at `start` (by default: after the newest message held now); a fill covers it and any earlier one. */
  function widen(start = gapAfterNewest(deps.newestId())): void {
    gap = earliestGap(gap, start);
  }

  /** Fills the gap (from its start, or the newest message held); a failure fails the room and keeps the gap. */
  async function fill(current: number): Promise<void> {
    try {
      await fillGapFrom(gap ?? gapAfterNewest(deps.newestId()), { ...deps, stillOpen: () => current === deps.opening() });
      if (current === deps.opening()) gap = null;
    } catch (cause) {
      if (current === deps.opening()) deps.fail(cause);
    }
  }

  /** The room closed: a room opened again starts from its newest page. */
  function reset(): void {
    gap = null;
  }

  return { widen, fill, reset };
}
