// Known answers from aws-amplify's own client half of SRP: whatever it computes, the server half
// must compute the same.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  formatSrpTimestamp,
  isValidClientPublic,
  padHex,
  parseSrpTimestamp,
  passwordClaimKey,
  passwordClaimSignature,
  passwordVerifier,
  randomInt,
  serverEphemeral,
  SRP_K,
  SRP_N,
  srpPoolName,
} from './srp.ts';
import { loadAmplifySrp, type AmplifySrp } from './test-support/amplify-srp-client.ts';

let amplify: AmplifySrp;
const poolName = srpPoolName('local_4f1c2a9e');
const userId = '6f0d5a4e-2b7c-4a10-9d2e-8c1b0f3e5a77';

async function bothKeys(clientPassword: string, serverPassword: string) {
  const helper = await amplify.getAuthenticationHelper(poolName);
  const salt = randomInt(16);
  const verifier = passwordVerifier({ poolName, userId, password: serverPassword, salt });
  const { b, B } = serverEphemeral(verifier);
  const A = BigInt(`0x${helper.A.toString(16)}`);
  const clientKey = await helper.getPasswordAuthenticationKey({ username: userId, password: clientPassword, serverBValue: amplify.bigInteger(B.toString(16)), salt: amplify.bigInteger(salt.toString(16)) });
  return { clientKey: Buffer.from(clientKey), serverKey: passwordClaimKey({ A, B, b, verifier }) };
}

describe('the server half of SRP', () => {
  beforeAll(async () => {
    amplify = await loadAmplifySrp();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('derives k as aws-amplify does', async () => {
    const helper = await amplify.getAuthenticationHelper(poolName);

    expect(SRP_K.toString(16)).toBe(helper.k.toString(16));
  });

  it('derives the same 16-byte key as aws-amplify from the right password', async () => {
    const { clientKey, serverKey } = await bothKeys('Test-pass-1 ünïcode', 'Test-pass-1 ünïcode');

    expect(serverKey).toHaveLength(16);
    expect(serverKey?.equals(clientKey)).toBe(true);
  });

  it('derives a different key from a wrong password', async () => {
    const { clientKey, serverKey } = await bothKeys('Test-pass-2', 'Test-pass-1');

    expect(serverKey?.equals(clientKey)).toBe(false);
  });

  it('signs the claim as aws-amplify does', () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const secretBlock = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)).toString('base64');
    const timestamp = 'Tue Mar 5 09:04:07 UTC 2024';

    const ours = passwordClaimSignature({ key, poolName, userId, secretBlock: Buffer.from(secretBlock, 'base64'), timestamp });

    expect(ours).toBe(amplify.getSignatureString({ userPoolName: poolName, username: userId, challengeParameters: { SECRET_BLOCK: secretBlock }, dateNow: timestamp, hkdf: key }));
  });

  it('pads hex as Java BigInteger bytes: even length, 00 before a set top bit', () => {
    expect([0x14n, 0xecn, 0x1234n, 0x8000n, 0xabcn].map(padHex)).toEqual(['14', '00ec', '1234', '008000', '0abc']);
  });

  it('refuses a client value A that is 0 mod N', () => {
    expect([0n, SRP_N, 2n * SRP_N].map(isValidClientPublic)).toEqual([false, false, false]);
    expect(isValidClientPublic(SRP_N + 2n)).toBe(true);
  });

  it('formats the timestamp as aws-amplify does, and reads it back', () => {
    for (const iso of ['2024-03-05T09:04:07Z', '2026-12-31T23:59:59Z', '2027-01-01T00:00:00Z']) {
      vi.useFakeTimers({ now: new Date(iso) });

      const text = amplify.getNowString();

      expect(formatSrpTimestamp(new Date(iso))).toBe(text);
      expect(parseSrpTimestamp(text)).toBe(Date.parse(iso));
    }
  });

  it('reads no timestamp from a malformed one or one with the wrong weekday', () => {
    expect(parseSrpTimestamp('Mon Mar 5 09:04:07 UTC 2024')).toBeNull();
    expect(parseSrpTimestamp('Tue Mar 5 9:04:07 UTC 2024')).toBeNull();
    expect(parseSrpTimestamp('2024-03-05T09:04:07Z')).toBeNull();
  });

  it('takes the pool name from after the underscore of the pool id', () => {
    expect(srpPoolName('us-east-1_AbC123')).toBe('AbC123');
  });
});
