/**
 * The server half of Cognito's SRP-6a (`USER_SRP_AUTH` and its `PASSWORD_VERIFIER` challenge), in
 * the byte encodings aws-amplify's client uses: the 3072-bit group of RFC 5054 with g = 2, SHA-256,
 * integers hashed as the hex of their shortest two's-complement bytes (`padHex`), the password
 * hashed with the pool name (the part of the pool id after `_`) and `USER_ID_FOR_SRP`, a 16-byte
 * HKDF key ("Caldera Derived Key") and an HMAC-SHA256 signature over the secret block and a
 * timestamp. Pure: no I/O, randomness only where a caller does not pass it in.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

/** RFC 5054's 3072-bit prime. */
export const SRP_N = BigInt(`0x${N_HEX}`);
export const SRP_G = 2n;
/** k = H(N | PAD(g)). */
export const SRP_K = hashToInt(padHex(SRP_N) + padHex(SRP_G));

const HKDF_INFO = 'Caldera Derived Key';
const KEY_BYTES = 16;
// 256 bits of secret exponent: 128-bit security against this group, at a quarter of the cost of
// the 1024 bits aws-amplify draws for `a` (each modPow is a few ms of BigInt work per sign-in).
const SECRET_EXPONENT_BYTES = 32;

/**
 * The hex Cognito hashes for a non-negative integer: even length, and a leading `00` when the top
 * bit is set, so it reads as positive (Java's `BigInteger.toByteArray()`).
 */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError('SRP values are non-negative');
  const hex = value.toString(16);
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  return /^[89a-f]/.test(even) ? `00${even}` : even;
}

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let square = base % modulus;
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

/** The pool name SRP hashes: the part of the pool id after the underscore (`us-east-1_abc` → `abc`). */
export function srpPoolName(userPoolId: string): string {
  return userPoolId.split('_')[1] ?? '';
}

export interface PasswordInput {
  poolName: string;
  /** `USER_ID_FOR_SRP`: the user's username (the sub, in a pool that signs in with email). */
  userId: string;
  password: string;
  salt: bigint;
}

/** The verifier v = g^x, x = H(PAD(salt) | H(poolName | userId | ':' | password)). */
export function passwordVerifier(input: PasswordInput): bigint {
  const inner = createHash('sha256').update(`${input.poolName}${input.userId}:${input.password}`, 'utf8').digest('hex');
  return modPow(SRP_G, hashToInt(padHex(input.salt) + inner), SRP_N);
}

export interface ServerEphemeral {
  b: bigint;
  /** B = k·v + g^b (mod N), sent as `SRP_B`. */
  B: bigint;
}

/** The server's one-time key pair for a verifier; `b` is random unless given (known-answer tests). */
export function serverEphemeral(verifier: bigint, b: bigint = randomInt(SECRET_EXPONENT_BYTES)): ServerEphemeral {
  return { b, B: (SRP_K * verifier + modPow(SRP_G, b, SRP_N)) % SRP_N };
}

/** SRP's safety check on the client's public value: A mod N must not be 0. */
export function isValidClientPublic(A: bigint): boolean {
  return A > 0n && A % SRP_N !== 0n;
}

export interface SessionValues {
  A: bigint;
  B: bigint;
  b: bigint;
  verifier: bigint;
}

/**
 * The 16-byte key both sides derive: u = H(PAD(A) | PAD(B)), S = (A·v^u)^b mod N, and
 * HKDF-SHA256(ikm = PAD(S), salt = PAD(u), info = "Caldera Derived Key"). Null when u is 0.
 */
export function passwordClaimKey({ A, B, b, verifier }: SessionValues): Buffer | null {
  const u = hashToInt(padHex(A) + padHex(B));
  if (u === 0n) return null;
  const S = modPow((A * modPow(verifier, u, SRP_N)) % SRP_N, b, SRP_N);
  return Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), HKDF_INFO, KEY_BYTES));
}

export interface SignatureInput {
  key: Buffer;
  poolName: string;
  userId: string;
  /** The `SECRET_BLOCK` as bytes (it travels base64-encoded). */
  secretBlock: Buffer;
  /** `TIMESTAMP` exactly as the client sent it. */
  timestamp: string;
}

/** `PASSWORD_CLAIM_SIGNATURE`: base64 HMAC-SHA256(key, poolName | userId | secretBlock | timestamp). */
export function passwordClaimSignature(input: SignatureInput): string {
  return createHmac('sha256', input.key)
    .update(Buffer.from(input.poolName, 'utf8'))
    .update(Buffer.from(input.userId, 'utf8'))
    .update(input.secretBlock)
    .update(Buffer.from(input.timestamp, 'utf8'))
    .digest('base64');
}

/** Compares a claimed signature with the expected one in constant time. */
export function signaturesMatch(claimed: string, expected: string): boolean {
  const a = Buffer.from(claimed, 'base64');
  const b = Buffer.from(expected, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/;

/** The `TIMESTAMP` format, "ddd MMM D HH:mm:ss UTC YYYY" in UTC (`Tue Mar 5 09:04:07 UTC 2024`). */
export function formatSrpTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/** Milliseconds since the epoch of a `TIMESTAMP`, or null when it is not one (or names a wrong weekday). */
export function parseSrpTimestamp(text: string): number | null {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [, weekday, month, day, hours, minutes, seconds, year] = match;
  const monthIndex = MONTHS.indexOf(month!);
  if (monthIndex < 0) return null;
  const time = Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds));
  const date = new Date(time);
  if (date.getUTCDate() !== Number(day) || WEEKDAYS[date.getUTCDay()] !== weekday) return null;
  return time;
}

export function randomInt(bytes: number): bigint {
  return BigInt(`0x${randomBytes(bytes).toString('hex')}`);
}

function hashToInt(hex: string): bigint {
  return BigInt(`0x${createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex')}`);
}
