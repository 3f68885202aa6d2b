/**
 * Where a gap fill starts. Message ids are assigned by whichever Lambda instance stored the
 * message, so two messages stored at nearly the same time may become visible slightly out of id
 * order. A gap fill therefore asks for everything after an id a little *before* the newest stored
 * one; the merge drops what it already has. Written inside the APPSYNC_JS subset like the rest of
 * `core/`.
 */
import { messageIdTime, minMessageIdAt } from './message-id.ts';

/** How far before the newest stored message a gap fill starts, by default. */
export const GAP_FILL_MARGIN_MS = 10000;

/** The `after=` id for a gap fill that follows `newestId`, `marginMs` early. */
export function gapFillAfterId(newestId: string, marginMs: number = GAP_FILL_MARGIN_MS): string {
  const time = messageIdTime(newestId);
  if (time === null) {
    return newestId;
  }
  const start = time > marginMs ? time - marginMs : 0;
  return minMessageIdAt(start);
}
