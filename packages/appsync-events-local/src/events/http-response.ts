/** HTTP plumbing for the Events port: JSON answers with AppSync's CORS (or exactly the headers given), capped body reads. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceError } from './service-error.ts';

/** The request headers browser clients send to `/event` (any auth mode's, plus Amplify's user agent), so their preflight passes. */
const ALLOWED_HEADERS = 'content-type, x-api-key, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent';

export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return {
    'access-control-allow-origin': typeof origin === 'string' && origin.length > 0 ? origin : '*',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-expose-headers': 'x-amzn-ErrorType, x-amzn-RequestId',
    'access-control-max-age': '86400',
    vary: 'Origin',
  };
}

export function sendPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, { ...corsHeaders(req), 'x-amzn-requestid': randomUUID() });
  res.end();
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  writeJson(res, status, body, { ...corsHeaders(req), ...headers });
}

/**
 * An AppSync-style error: `x-amzn-ErrorType` header and `{"errors":[{errorType, message}]}`.
 * The top-level `message` is what Amplify's REST error parser shows (else "Unknown error").
 */
export function sendError(req: IncomingMessage, res: ServerResponse, error: ServiceError): void {
  writeError(res, error, corsHeaders(req));
}

/** A JSON answer with exactly the given headers (no CORS unless they carry it). */
export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

/** `sendError`'s answer with exactly the given headers. */
export function writeError(res: ServerResponse, error: ServiceError, headers: Record<string, string> = {}): void {
  const body = { errors: [{ errorType: error.errorType, message: error.message }], message: error.message };
  writeJson(res, error.status, body, { ...headers, 'x-amzn-ErrorType': error.errorType });
}

export interface RequestBody {
  /** The body, or its first `limit` bytes when it was longer. */
  text: string;
  /** The full length received. */
  bytes: number;
}

/** Reads the whole body, keeping at most `limit` bytes: an oversize body is drained, not buffered. */
export async function readBody(req: IncomingMessage, limit: number): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    if (bytes + buffer.length <= limit) chunks.push(buffer);
    bytes += buffer.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes };
}
