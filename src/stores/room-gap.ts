import type { GapFillPage, MessagePage } from '../../core/history-api.ts';
import { minMessageIdAt } from '../../core/message-id.ts';
import { gapFillAfterId } from '../../core/timeline-cursor.ts';
import type { TimelineInput } from '../../core/timeline.ts';

/** A gap longer than this many pages is not filled page by page: the room reloads from the newest. */
export const MAX_GAP_PAGES = 10;

/** Where a gap starts when the room held no message: the beginning of time. */
export const ROOM_START = minMessageIdAt(0);

/**
 * The start of a gap: one already open keeps its start unless `newest` (the newest stored id held
 * now; none in an empty room) is earlier. The fill starts a little before it (`gapFillAfterId`).
 */
export function earliestGap(gap: string | null, newest: string | undefined): string {
  const start = newest ?? ROOM_START;
  return gap !== null && gap < start ? gap : start;
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
 * Fetches everything stored after (a little before) `start`, page by page, with the updates to
 * older messages a gap fill carries, and merges it; idempotent. A gap of more than
 * `MAX_GAP_PAGES` pages, or one where too many older messages changed to list, reloads the room
 * from its newest page instead. Failures reject.
 */
export async function fillGapFrom(start: string, deps: GapFillDeps): Promise<void> {
  let after: string | undefined = gapFillAfterId(start);
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
