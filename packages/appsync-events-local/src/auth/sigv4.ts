/**
 * SigV4 as AppSync Events checks it for AWS_IAM, with node:crypto: service `appsync`, `POST /event`
 * on the signed `host` (WebSocket frames sign the same request), the signed headers as sent, over
 * the body in any of its JSON spellings. Pure but for the clock the caller passes.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SIGV4_ALGORITHM } from './headers.ts';
import { jsonSpellings } from './json-spellings.ts';

export interface SigV4Authorization {
  accessKeyId: string;
  /** Credential scope parts: `YYYYMMDD`, region, service, `aws4_request`. */
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  /** Lower-cased header names, in the order given. */
  signedHeaders: string[];
  signature: string;
}

/** SigV4 allows this much clock skew either way before the signature counts as expired. */
export const MAX_SIGNATURE_SKEW_MS = 15 * 60 * 1000;

/** `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/appsync/aws4_request, SignedHeaders=a;b, Signature=hex`, or null. */
export function parseSigV4Authorization(value: string): SigV4Authorization | null {
  const trimmed = value.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) return null;
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || credential.length !== 5 || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return null;
  const [accessKeyId, scopeDate, region, service, terminator] = credential as [string, string, string, string, string];
  return { accessKeyId, scopeDate, region, service, terminator, signedHeaders: signedHeaders.split(';').map((name) => name.trim().toLowerCase()), signature };
}

/** `YYYYMMDDTHHMMSSZ` (the `x-amz-date` form) as a Date, or null. */
export function parseAmzDate(value: string | undefined): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return Number.isNaN(date.getTime()) ? null : date;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text).digest();

export interface SignatureInput {
  method: string;
  path: string;
  /** Lower-cased names. */
  headers: Readonly<Record<string, string>>;
  signedHeaders: readonly string[];
  body: string;
  amzDate: string;
  scope: { date: string; region: string; service: string };
  secretAccessKey: string;
}

/** The hex signature SigV4 computes for a request with no query string. */
export function sigV4Signature(input: SignatureInput): string {
  const names = [...input.signedHeaders].sort();
  const canonicalHeaders = names.map((name) => `${name}:${(input.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [input.method, input.path, '', canonicalHeaders, names.join(';'), sha256Hex(input.body)].join('\n');
  const scope = `${input.scope.date}/${input.scope.region}/${input.scope.service}/aws4_request`;
  const stringToSign = [SIGV4_ALGORITHM, input.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = [input.scope.date, input.scope.region, input.scope.service, 'aws4_request'].reduce<Buffer | string>(
    (previous, part) => hmac(previous, part),
    `AWS4${input.secretAccessKey}`,
  );
  return hmac(key, stringToSign).toString('hex');
}

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type SignatureCheck = { ok: true; accessKeyId: string } | { ok: false; message: string };

/**
 * @param headers lower-cased names: the HTTP request's, or a WebSocket frame's `authorization` object
 * @param signedBody the body the client signed (`{}` for a connect), as the service received it
 * @param credentialsFor the credentials for an access key id, or undefined for an unknown one
 */
export function verifyEventSignature(
  headers: Readonly<Record<string, string>>,
  signedBody: string,
  region: string,
  credentialsFor: (accessKeyId: string) => SigningCredentials | undefined,
  now: Date,
): SignatureCheck {
  const auth = parseSigV4Authorization(headers.authorization ?? '');
  if (!auth) return { ok: false, message: 'Authorization header is not a valid AWS4-HMAC-SHA256 signature' };
  const credentials = credentialsFor(auth.accessKeyId);
  if (!credentials) return { ok: false, message: 'The security token included in the request is invalid' };
  if (auth.service !== 'appsync' || auth.region !== region || auth.terminator !== 'aws4_request') {
    return { ok: false, message: `Credential should be scoped to ${region}/appsync/aws4_request` };
  }
  if (headers['x-amz-security-token'] !== credentials.sessionToken) {
    return { ok: false, message: 'The security token included in the request is invalid' };
  }
  const amzDate = headers['x-amz-date'];
  const date = parseAmzDate(amzDate);
  if (!date || !amzDate) return { ok: false, message: 'Missing or malformed x-amz-date header' };
  if (amzDate.slice(0, 8) !== auth.scopeDate) return { ok: false, message: 'Credential date does not match x-amz-date' };
  if (Math.abs(now.getTime() - date.getTime()) > MAX_SIGNATURE_SKEW_MS) {
    return { ok: false, message: `Signature expired: ${amzDate} is more than 15 minutes from the server time` };
  }
  for (const required of ['host', 'x-amz-date']) {
    if (!auth.signedHeaders.includes(required)) return { ok: false, message: `Signature must sign the ${required} header` };
  }
  const missing = auth.signedHeaders.find((name) => headers[name] === undefined);
  if (missing) return { ok: false, message: `Signed header ${missing} is missing from the request` };
  const scope = { date: auth.scopeDate, region, service: 'appsync' };
  for (const body of jsonSpellings(signedBody)) {
    const expected = sigV4Signature({ method: 'POST', path: '/event', headers, signedHeaders: auth.signedHeaders, body, amzDate, scope, secretAccessKey: credentials.secretAccessKey });
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))) return { ok: true, accessKeyId: auth.accessKeyId };
  }
  return { ok: false, message: 'The request signature we calculated does not match the signature you provided' };
}
