/** Parsing of SigV4 `Authorization` and `x-amz-date` header values. Pure. */

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

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

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
  if (!credential || credential.length !== 5 || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) {
    return null;
  }
  const [accessKeyId, scopeDate, region, service, terminator] = credential as [string, string, string, string, string];
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    terminator,
    signedHeaders: signedHeaders.split(';').map((name) => name.trim().toLowerCase()),
    signature,
  };
}

/** `YYYYMMDDTHHMMSSZ` (the `x-amz-date` form) as a Date, or null. */
export function parseAmzDate(value: string | undefined): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return Number.isNaN(date.getTime()) ? null : date;
}
