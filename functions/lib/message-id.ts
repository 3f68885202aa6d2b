/**
 * The server's message id generator. Ids are read the same way everywhere through
 * `core/message-id.ts` (layout, time, bounds); this adds what only the server does: drawing them.
 * The generator is monotonic: within one millisecond (and if the clock steps back) it increments
 * the previous id, so the messages of one batch keep their batch order.
 */
import { encodeIdTime, isIdTime } from '../../core/message-id.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;
const RANDOM_BITS = 80n;

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
    if (!isIdTime(lastTime)) throw new RangeError(`Time out of range: ${lastTime}`);
    return encodeIdTime(lastTime) + encodeRandom(lastRandom);
  };
}

function encodeRandom(value: bigint): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < RANDOM_CHARS; i += 1) {
    out = ALPHABET[Number(rest & 31n)] + out;
    rest >>= 5n;
  }
  return out;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}
