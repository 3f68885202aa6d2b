/**
 * Checks an AppSync Events request's SigV4 signature against the local cloud's static
 * credentials, as AppSync does for AWS_IAM: service `appsync`, the API's region, `POST /event`
 * on the signed `host`, over the signed body (in any of its JSON spellings).
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, timingSafeEqual } from 'node:crypto';
import { jsonSpellings } from './json-spellings.ts';
import type { LocalIamCredentials } from './local-iam-credentials.ts';
import { parseAmzDate, parseSigV4Authorization } from './parse-sigv4-authorization.ts';

export type SignatureCheck = { ok: true } | { ok: false; message: string };

/** SigV4 allows this much clock skew either way before the signature counts as expired. */
export const MAX_SIGNATURE_SKEW_MS = 15 * 60 * 1000;

const SERVICE = 'appsync';
const PATH = '/event';
const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';

/**
 * @param headers lower-cased header names (the HTTP request's, or a WebSocket frame's `authorization` object)
 * @param signedBody the body the client signed, as the service serializes it
 */
export async function verifyEventSignature(
  headers: Readonly<Record<string, string>>,
  signedBody: string,
  credentials: LocalIamCredentials,
  now: Date = new Date(),
): Promise<SignatureCheck> {
  const auth = parseSigV4Authorization(headers.authorization ?? '');
  if (!auth) return { ok: false, message: 'Authorization header is not a valid AWS4-HMAC-SHA256 signature' };
  if (auth.accessKeyId !== credentials.accessKeyId) {
    return { ok: false, message: 'The security token included in the request is invalid' };
  }
  if (auth.service !== SERVICE || auth.region !== credentials.region || auth.terminator !== 'aws4_request') {
    return { ok: false, message: `Credential should be scoped to ${credentials.region}/${SERVICE}/aws4_request` };
  }
  const date = parseAmzDate(headers['x-amz-date']);
  if (!date) return { ok: false, message: 'Missing or malformed x-amz-date header' };
  if (headers['x-amz-date']!.slice(0, 8) !== auth.scopeDate) {
    return { ok: false, message: 'Credential date does not match x-amz-date' };
  }
  if (Math.abs(now.getTime() - date.getTime()) > MAX_SIGNATURE_SKEW_MS) {
    return { ok: false, message: `Signature expired: ${headers['x-amz-date']} is more than 15 minutes from the server time` };
  }
  for (const required of ['host', 'x-amz-date']) {
    if (!auth.signedHeaders.includes(required)) return { ok: false, message: `Signature must sign the ${required} header` };
  }
  const missing = auth.signedHeaders.find((name) => headers[name] === undefined);
  if (missing) return { ok: false, message: `Signed header ${missing} is missing from the request` };

  const signer = new SignatureV4({ credentials, region: credentials.region, service: SERVICE, sha256: Sha256, applyChecksum: false });
  for (const body of jsonSpellings(signedBody)) {
    const expected = await signatureFor(signer, headers, auth.signedHeaders, body, date);
    if (sameHex(expected, auth.signature)) return { ok: true };
  }
  return { ok: false, message: 'The request signature we calculated does not match the signature you provided' };
}

async function signatureFor(
  signer: SignatureV4,
  headers: Readonly<Record<string, string>>,
  signedHeaders: readonly string[],
  body: string,
  signingDate: Date,
): Promise<string> {
  const toSign: Record<string, string> = {};
  for (const name of signedHeaders) toSign[name] = headers[name]!;
  // smithy would trust a payload-hash header as is; recompute it from the body actually received.
  if (toSign[PAYLOAD_HASH_HEADER] !== undefined) toSign[PAYLOAD_HASH_HEADER] = createHash('sha256').update(body).digest('hex');
  const signed = await signer.sign(
    { method: 'POST', protocol: 'https:', hostname: headers.host!, path: PATH, query: {}, headers: toSign, body },
    // Sign exactly the client's header list, including any smithy would skip by default.
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  return /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
