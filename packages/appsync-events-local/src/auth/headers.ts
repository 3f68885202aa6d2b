/** Reading the `authorization` headers a request carries (HTTP headers, or a WebSocket frame's `authorization` object). Pure. */

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** The token in an `authorization` value (with or without `Bearer `), unless it is a SigV4 signature. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim().startsWith(SIGV4_ALGORITHM)) return undefined;
  const token = authorization.replace(/^\s*bearer(\s+|$)/i, '').trim();
  return token ? token : undefined;
}
