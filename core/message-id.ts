/**
 * Message ids as every runtime reads them. The server assigns them (functions/lib/message-id.ts
 * generates them) in ULID layout: 26 Crockford base32 characters, 10 of millisecond time then 16
 * of randomness, so ids are fixed-width and sort lexicographically in time order. Kept inside the
 * APPSYNC_JS subset like the rest of `core/`: no loops, no regex.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
/** The random part at its smallest and largest (literals: the APPSYNC_JS string subset is not fully listed). */
const RANDOM_MIN = '0000000000000000';
const RANDOM_MAX = 'ZZZZZZZZZZZZZZZZ';
/** Powers of 32 from the most significant time character down: `32 ** 9` … `32 ** 0`. */
const TIME_POSITIONS = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
/** The largest time 48 bits hold; later times have no id. */
export const MAX_MESSAGE_ID_TIME = 2 ** 48 - 1;

export const MESSAGE_ID_LENGTH = TIME_CHARS + RANDOM_CHARS;

/** True for a well-formed message id (upper case; the first character only reaches '7': 48 bits of time in 50). */
export function isMessageId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length === MESSAGE_ID_LENGTH &&
    value.slice(0, 1) <= '7' &&
    value.split('').every((c) => ALPHABET.includes(c))
  );
}

/**
 * The millisecond time in an id's first 10 characters, or null for anything that is not a message
 * id. Usually the time it was generated at; later when the generator stayed on a previous, later
 * time because the clock stepped back.
 */
export function messageIdTime(id: string): number | null {
  if (!isMessageId(id)) {
    return null;
  }
  return id
    .slice(0, TIME_CHARS)
    .split('')
    .reduce((acc, c) => acc * 32 + ALPHABET.indexOf(c), 0);
}

/** The 10 time characters of `ms` (a whole number of milliseconds from 0 to `MAX_MESSAGE_ID_TIME`). */
export function encodeIdTime(ms: number): string {
  return TIME_POSITIONS.map((p) => ALPHABET[Math.floor(ms / 32 ** p) % 32]).join('');
}

/** True for a time a message id can carry. */
export function isIdTime(ms: number): boolean {
  return Number.isInteger(ms) && ms >= 0 && ms <= MAX_MESSAGE_ID_TIME;
}

/** The smallest id that could be generated at `ms`: a bound for time-range queries. */
export function minMessageIdAt(ms: number): string {
  return `${encodeIdTime(ms)}${RANDOM_MIN}`;
}

/** The largest id that could be generated at `ms`. */
export function maxMessageIdAt(ms: number): string {
  return `${encodeIdTime(ms)}${RANDOM_MAX}`;
}
