/**
 * Where a gap fill starts. Message ids are ULIDs (10 base32 characters of millisecond time, then
 * randomness), assigned by whichever Lambda instance stored the message, so two messages stored
 * at nearly the same time may become visible slightly out of id order. A gap fill therefore asks
 * for everything after an id a little *before* the newest stored one; the merge drops what it
 * already has. Written inside the APPSYNC_JS subset like the rest of `core/`.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const TIME_POSITIONS = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];

/** How far before the newest stored message a gap fill starts, by default. */
export const GAP_FILL_MARGIN_MS = 10000;

/** The millisecond time encoded in a message id, or null for anything that is not one. */
export function messageIdTime(id: string): number | null {
  if (id.length !== 26) {
    return null;
  }
  const digits = id.slice(0, TIME_CHARS).split('').map((c) => ALPHABET.indexOf(c));
  if (digits.some((d) => d < 0)) {
    return null;
  }
  return digits.reduce((acc, d) => acc * 32 + d, 0);
}

/** The smallest message id that could have been assigned at `ms`. */
export function minMessageIdAt(ms: number): string {
  const time = TIME_POSITIONS.map((p) => ALPHABET[Math.floor(ms / 32 ** p) % 32]).join('');
  return `${time}0000000000000000`;
}

/** The `after=` id for a gap fill that follows `newestId`, `marginMs` early. */
export function gapFillAfterId(newestId: string, marginMs: number = GAP_FILL_MARGIN_MS): string {
  const time = messageIdTime(newestId);
  if (time === null) {
    return newestId;
  }
  const start = time > marginMs ? time - marginMs : 0;
  return minMessageIdAt(start);
}
