/**
 * CORS as an HTTP API with a `CorsConfiguration` applies it: API Gateway answers preflight
 * `OPTIONS` requests itself, and puts its own CORS headers on every response, replacing any the
 * integration returned. Pure: the server asks it for headers.
 */

export const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'x-amz-date', 'x-amz-user-agent', 'x-api-key'];
/** As `allowMethods` in amplify/api/http-api.ts (DELETE: `DELETE /moderation/mutes/{sub}`). */
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'DELETE', 'OPTIONS'];
/** As `exposeHeaders` in amplify/api/http-api.ts: what the app may read of a cross-origin response. */
export const CORS_EXPOSE_HEADERS = ['content-disposition', 'x-parley-export-truncated', 'x-parley-export-next-cursor'];

const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * `allowOrigins` lists exact origins, or `*` for any; when omitted, any `http(s)://localhost`,
 * `127.0.0.1` or `[::1]` origin on any port is allowed (the dev server's port varies).
 */
export interface CorsPolicy {
  /** Headers for an ordinary response; empty when the origin is absent or not allowed. */
  responseHeaders(origin: string | undefined): Record<string, string>;
  /** Headers for the preflight answer (status 204); empty when the origin is not allowed. */
  preflightHeaders(origin: string | undefined): Record<string, string>;
}

export function createCorsPolicy(allowOrigins?: readonly string[]): CorsPolicy {
  const allowOrigin = (origin: string | undefined): string | undefined => {
    if (!origin) return undefined;
    if (!allowOrigins) return LOCALHOST_ORIGIN.test(origin) ? origin : undefined;
    if (allowOrigins.includes('*')) return '*';
    return allowOrigins.includes(origin) ? origin : undefined;
  };
  return {
    responseHeaders(origin): Record<string, string> {
      const allowed = allowOrigin(origin);
      return allowed ? { 'access-control-allow-origin': allowed, 'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(',') } : {};
    },
    preflightHeaders(origin): Record<string, string> {
      const allowed = allowOrigin(origin);
      if (!allowed) return {};
      return {
        'access-control-allow-origin': allowed,
        'access-control-allow-methods': CORS_ALLOW_METHODS.join(','),
        'access-control-allow-headers': CORS_ALLOW_HEADERS.join(','),
      };
    },
  };
}

/** Drops the integration's own CORS headers, which API Gateway ignores when CORS is configured. */
export function withoutCorsHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('access-control-')));
}
