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
  /** `GET …/messages?after=`, as the history service reads it. */
  messagesAfter(after: string): Promise<GapFillPage>;
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
 * fill carries, and merges it; idempotent. A gap of more than `MAX_GAP_PAGES` pages, or one where
 * too many older messages changed to list, reloads the room from its newest page instead.
 * Failures reject.
 */
export async function fillGapFrom(start: string, deps: GapFillDeps): Promise<void> {
  let after: string | undefined = start;
  for (let pages = 0; after !== undefined; pages += 1) {
    const page: GapFillPage | null = pages === MAX_GAP_PAGES ? null : await deps.messagesAfter(after);
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
