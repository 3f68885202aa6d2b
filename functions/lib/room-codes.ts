import { createHash, randomBytes } from 'node:crypto';
import { DM_ROOM_PREFIX, PRIVATE_ROOM_PREFIX, ROOM_CODE_CHARS, ROOM_CODE_LENGTH, ROOM_EPOCH_LENGTH } from '../../core/channels.ts';

/**
 * Ids and epochs of members-only rooms (core/channels.ts): lower-case Crockford base32, 5 bits a
 * character. Random ones come from the CSPRNG: an epoch must not be guessable, or a member about to
 * be removed could subscribe to the next one in advance.
 */
function base32(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ROOM_CODE_CHARS[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** `length` random base32 characters (5 random bits each). */
export function randomCode(length: number, random: (size: number) => Uint8Array = randomBytes): string {
  return base32(random(Math.ceil((length * 5) / 8)), length);
}

/** A new private room's id: `p-` + 26 random characters (130 bits). */
export function newPrivateRoomId(random?: (size: number) => Uint8Array): string {
  return PRIVATE_ROOM_PREFIX + randomCode(ROOM_CODE_LENGTH, random);
}

/** A new epoch: 10 random characters (50 bits). */
export function newEpoch(random?: (size: number) => Uint8Array): string {
  return randomCode(ROOM_EPOCH_LENGTH, random);
}

/**
 * The DM of two accounts: `d-` + the first 26 characters of the SHA-256 of the sorted pair, so
 * either side, at any time, names the same room, and two first messages at once meet on one key.
 */
export function dmRoomId(subA: string, subB: string): string {
  const [first, second] = [subA, subB].sort();
  return DM_ROOM_PREFIX + base32(createHash('sha256').update(`${first}\n${second}`).digest(), ROOM_CODE_LENGTH);
}
