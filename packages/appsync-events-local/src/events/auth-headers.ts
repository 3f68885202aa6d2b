/**
 * Where a request's credentials come from, and in what shape the authorizer gets them. Pure.
 *
 * Header names are case-insensitive on the wire (Amplify sends `Authorization` in WebSocket
 * frames, `authorization` over HTTP), so every header map here has lower-cased keys.
 */

export const EVENTS_SUBPROTOCOL = 'aws-appsync-event-ws';
const HEADER_SUBPROTOCOL_PREFIX = 'header-';
const BEARER = /^bearer\s+/i;

export type HeaderMap = Record<string, string>;

/** What a `Sec-WebSocket-Protocol` request header offers, split on commas and trimmed. */
export function parseSubprotocols(header: string | undefined): string[] {
  if (!header) return [];
  return header.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
}

export type HandshakeAuth = { ok: true; headers: HeaderMap } | { ok: false; message: string };

/**
 * The connect-time credentials: the `header-<base64url JSON>` subprotocol (browsers) if
 * offered, else the upgrade request's own headers (Swift, Kotlin).
 */
export function handshakeAuth(subprotocols: readonly string[], upgradeHeaders: HeaderMap): HandshakeAuth {
  const encoded = subprotocols.find((p) => p.startsWith(HEADER_SUBPROTOCOL_PREFIX));
  if (encoded === undefined) return { ok: true, headers: normalizeAuthHeaders(upgradeHeaders) };
  const decoded = decodeJsonObject(Buffer.from(encoded.slice(HEADER_SUBPROTOCOL_PREFIX.length), 'base64url').toString('utf8'));
  return decoded
    ? { ok: true, headers: normalizeAuthHeaders(decoded) }
    : { ok: false, message: 'The header subprotocol is not base64url-encoded JSON' };
}

/**
 * A subscribe/publish frame's credentials: its `authorization` object, else
 * `payload.extensions.authorization` (Amplify duplicates it there), else null (the caller then
 * falls back to the connection's credentials).
 */
export function frameAuthorization(frame: Record<string, unknown>): HeaderMap | null {
  const direct = asRecord(frame.authorization);
  if (direct) return normalizeAuthHeaders(direct);
  const nested = asRecord(asRecord(asRecord(frame.payload)?.extensions)?.authorization);
  return nested ? normalizeAuthHeaders(nested) : null;
}

/**
 * Lower-cases keys, keeps string values (arrays joined with `, `), and strips a `Bearer `
 * prefix from `authorization`, which AppSync accepts for JWT modes.
 */
export function normalizeAuthHeaders(source: Record<string, unknown>): HeaderMap {
  const headers = plainHeaders(source);
  if (headers.authorization !== undefined) headers.authorization = headers.authorization.replace(BEARER, '');
  return headers;
}

/** Request headers as handlers see them (`ctx.request.headers`): lower-cased keys, no `cookie`. */
export function plainHeaders(source: Record<string, unknown>): HeaderMap {
  const headers: HeaderMap = {};
  for (const [key, value] of Object.entries(source)) {
    const name = key.toLowerCase();
    if (name === 'cookie') continue;
    if (typeof value === 'string') headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.filter((v) => typeof v === 'string').join(', ');
  }
  return headers;
}

function decodeJsonObject(text: string): Record<string, unknown> | null {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return null;
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
