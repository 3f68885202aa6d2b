/**
 * CORS as an HTTP API with a `CorsConfiguration` applies it: API Gateway answers preflight
 * `OPTIONS` requests itself, and puts its own CORS headers on every response, replacing any the
 * integration returned, from the template's `CorsConfiguration`. Pure: the server asks it for
 * headers.
 */

/** The template's `CorsConfiguration` but its origins. */
export interface CorsSettings {
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
}

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

export function createCorsPolicy(httpApiCors: CorsSettings, allowOrigins?: readonly string[]): CorsPolicy {
  const allowOrigin = (origin: string | undefined): string | undefined => {
    if (!origin) return undefined;
    if (!allowOrigins) return LOCALHOST_ORIGIN.test(origin) ? origin : undefined;
    if (allowOrigins.includes('*')) return '*';
    return allowOrigins.includes(origin) ? origin : undefined;
  };
  return {
    responseHeaders(origin): Record<string, string> {
      const allowed = allowOrigin(origin);
      return allowed ? { 'access-control-allow-origin': allowed, 'access-control-expose-headers': httpApiCors.exposeHeaders.join(',') } : {};
    },
    preflightHeaders(origin): Record<string, string> {
      const allowed = allowOrigin(origin);
      if (!allowed) return {};
      return {
        'access-control-allow-origin': allowed,
        'access-control-allow-methods': httpApiCors.allowMethods.join(','),
        'access-control-allow-headers': httpApiCors.allowHeaders.join(','),
        'access-control-max-age': String(httpApiCors.maxAgeSeconds),
      };
    },
  };
}

/** Drops the integration's own CORS headers, which API Gateway ignores when CORS is configured. */
export function withoutCorsHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('access-control-')));
}
