/**
 * The checks of a request to a local-only endpoint, in order: a browser's `Origin` must be one of
 * the app's; a JSON endpoint takes only a JSON content type (a page can send `text/plain`, a form
 * or an untyped body without a CORS preflight, so those must not drive anything); the admin token
 * must match. Pure.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ADMIN_TOKEN_HEADER, type LocalAccess } from './local-access.ts';

export interface AdminRefusal {
  reason: 'origin' | 'content-type' | 'token';
  message: string;
}

/**
 * Why the request may not use a local-only endpoint, or null when it may. `jsonTypes`: the media
 * types the endpoint reads (lower case); omitted for a request without a body.
 */
export function adminRefusal(headers: IncomingHttpHeaders, access: LocalAccess, jsonTypes?: readonly string[]): AdminRefusal | null {
  const origin = headers.origin;
  if (origin !== undefined && !access.appOrigins.includes(origin)) {
    return { reason: 'origin', message: `Origin ${origin} may not use the local cloud's local-only endpoints; only the app's origins may (${access.appOrigins.join(', ')}).` };
  }
  if (jsonTypes !== undefined) {
    const mediaType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!jsonTypes.includes(mediaType)) {
      return { reason: 'content-type', message: `Content-Type ${mediaType || '(none)'} is refused here; send ${jsonTypes.join(' or ')}.` };
    }
  }
  if (!tokenMatches(headers[ADMIN_TOKEN_HEADER], access.adminToken)) {
    return {
      reason: 'token',
      message: `This local-only call needs the local cloud's admin token in ${ADMIN_TOKEN_HEADER} (custom.local.admin_token in the outputs file).`,
    };
  }
  return null;
}

/** CORS for a local-only endpoint: the app's origins only, and nothing for any other origin. */
export function adminCorsHeaders(origin: string | undefined, access: LocalAccess): Record<string, string> {
  if (origin === undefined || !access.appOrigins.includes(origin)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': `content-type, ${ADMIN_TOKEN_HEADER}`,
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** Constant-time comparison of a sent header with the expected secret. */
export function tokenMatches(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
