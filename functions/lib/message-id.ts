/**
 * Server-assigned message ids: ULID layout (26 Crockford base32 characters, 10 of millisecond time
 * then 16 of randomness), so ids are fixed-width and sort lexicographically in time order. The
 * generator is monotonic: within one millisecond (and if the clock steps back) it increments the
 * previous id, so the messages of one batch keep their batch order.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const RANDOM_BITS = 80n;
const MAX_TIME = 2 ** 48 - 1;

export const MESSAGE_ID_LENGTH = TIME_CHARS + RANDOM_CHARS;

export type MessageIdGenerator = (nowMs: number) => string;

/** `randomBytes(n)` must return `n` cryptographically random bytes. */
export function createMessageIdGenerator(randomBytes: (length: number) => Uint8Array): MessageIdGenerator {
  let lastTime = -1;
  let lastRandom = 0n;
  return (nowMs) => {
    if (nowMs > lastTime) {
      lastTime = nowMs;
      lastRandom = bytesToBigInt(randomBytes(10));
    } else {
      // Same millisecond, or the clock went backwards: stay on the last time and count up.
      lastRandom = (lastRandom + 1n) & ((1n << RANDOM_BITS) - 1n);
      if (lastRandom === 0n) lastTime += 1;
    }
    return encodeTime(lastTime) + encode(lastRandom, RANDOM_CHARS);
  };
}

/** The smallest id that could be generated at `ms`: a bound for time-range queries. */
export function minMessageIdAt(ms: number): string {
  return encodeTime(ms) + '0'.repeat(RANDOM_CHARS);
}

/** The largest id that could be generated at `ms`. */
export function maxMessageIdAt(ms: number): string {
  return encodeTime(ms) + 'Z'.repeat(RANDOM_CHARS);
}

/**
 * The millisecond time in an id's first 10 characters. Usually the `nowMs` it was generated at;
 * later when the generator stayed on a previous, later time (the clock stepped back).
 */
export function messageIdTime(id: string): number {
  return [...id.slice(0, TIME_CHARS)].reduce((ms, c) => ms * 32 + ALPHABET.indexOf(c), 0);
}

export function isMessageId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length === MESSAGE_ID_LENGTH &&
    // The first character only reaches '7': 48 bits of time in 50 bits of base32.
    value[0]! <= '7' &&
    [...value].every((c) => ALPHABET.includes(c))
  );
}

function encodeTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME) throw new RangeError(`Time out of range: ${ms}`);
  return encode(BigInt(ms), TIME_CHARS);
}

function encode(value: bigint, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i += 1) {
    out = ALPHABET[Number(rest & 31n)] + out;
    rest >>= 5n;
  }
  return out;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}
