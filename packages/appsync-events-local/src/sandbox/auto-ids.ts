/**
 * `util.autoId`, `util.autoUlid` and `util.autoKsuid`. Clock and randomness are injected so
 * tests can pin them.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export interface IdSources {
  now: () => Date;
  randomBytes?: (size: number) => Uint8Array;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID epoch: 2014-05-13T16:53:20Z, in seconds. */
const KSUID_EPOCH_SECONDS = 1_400_000_000;

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

function encode(value: bigint, alphabet: string, length: number): string {
  const base = BigInt(alphabet.length);
  let out = '';
  let rest = value;
  while (out.length < length) {
    out = alphabet[Number(rest % base)] + out;
    rest /= base;
  }
  return out;
}

export function autoId(): string {
  return randomUUID();
}

/** 26 characters: 48-bit millisecond time then 80 random bits, Crockford base32 (sortable). */
export function autoUlid(sources: IdSources): string {
  const random = (sources.randomBytes ?? randomBytes)(10);
  return encode(BigInt(sources.now().getTime()), CROCKFORD, 10) + encode(toBigInt(random), CROCKFORD, 16);
}

/** 27 characters: 32-bit seconds since the KSUID epoch then 128 random bits, base62 (sortable). */
export function autoKsuid(sources: IdSources): string {
  const seconds = BigInt(Math.floor(sources.now().getTime() / 1000) - KSUID_EPOCH_SECONDS);
  const random = toBigInt((sources.randomBytes ?? randomBytes)(16));
  return encode((seconds << 128n) | random, BASE62, 27);
}
