/**
 * What the Events API must answer to any frame or HTTP publish body, written from AppSync Events'
 * documented protocol (channel and id rules, the frame catalogue, quotas, HTTP publish errors)
 * and, where AWS leaves a case open, the local cloud's documented choices. Independent of the
 * server's code: the fuzz run checks the server against this. Pure.
 */

/** Operation ids: unique among the connection's active operations, 1–128 of these characters. */
const OPERATION_ID = /^[a-zA-Z0-9-_+]{1,128}$/;
/** One channel segment: 1–50 letters, digits and `-`, not starting or ending with `-`. */
const SEGMENT = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/;
const ROOM_ID = /^[a-z0-9-]{1,50}$/;
export const NAMESPACES = ['chat', 'signals'];
/**
 * AppSync Events' quotas; `eventNesting` (arrays and objects in one event) is the local cloud's
 * documented choice (`packages/appsync-events-local/src/events/limits.ts`), as AWS names no limit.
 */
export const LIMITS = { events: 5, eventBytes: 240 * 1024, eventNesting: 1000, requestBytes: Math.floor(1.2 * 1024 * 1024), subscribeBytes: 240 * 1024, subscriptions: 200 };

export type Expected =
  | { type: 'connection_ack' }
  | { type: 'error'; errorTypes: string[]; id?: string }
  | { type: 'subscribe_error' | 'unsubscribe_error' | 'publish_error'; id: string; errorTypes: string[] }
  | { type: 'subscribe_success' | 'unsubscribe_success'; id: string }
  | { type: 'publish_success'; id: string; events: number };

export interface OracleState {
  /** Ids of this connection's active subscriptions. */
  active: Set<string>;
  /** Authorization values (without `Bearer `) the pool would accept. */
  validTokens: Set<string>;
}

const BAD_REQUEST = ['BadRequestException'];
const UNAUTHORIZED = ['UnauthorizedException'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 1–5 segments, the first the namespace; `*` only as the whole last segment and only on subscribe. Null when malformed, else its segments. */
export function channelSegments(raw: unknown, subscribe: boolean): string[] | null {
  if (typeof raw !== 'string' || raw.length === 0) return null;
  const segments = raw.replace(/^\//, '').replace(/\/$/, '').split('/');
  if (segments.length > 5) return null;
  const wildcard = subscribe && segments.length > 1 && segments[segments.length - 1] === '*';
  const concrete = wildcard ? segments.slice(0, -1) : segments;
  return concrete.every((s) => SEGMENT.test(s)) ? segments : null;
}

/** The app's rule (core/room-access.ts, documented in the handlers): exactly `/<ns>/rooms/<roomId>`. */
function isRoomChannel(segments: string[]): boolean {
  return segments.length === 3 && segments[1] === 'rooms' && ROOM_ID.test(segments[2]!);
}

/** Credentials in the frame (`authorization`, or the copy Amplify nests in `payload.extensions`), else the connection's. */
function frameAuthorized(frame: Record<string, unknown>, state: OracleState): boolean {
  const direct = frame.authorization;
  const payload = frame.payload;
  const nested = isRecord(payload) && isRecord(payload.extensions) ? payload.extensions.authorization : undefined;
  const auth = isRecord(direct) ? direct : isRecord(nested) ? nested : null;
  return auth === null ? true : headersAuthorized(auth, state);
}

export function headersAuthorized(headers: Record<string, unknown>, state: OracleState): boolean {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === 'authorization');
  const value = entry?.[1];
  return typeof value === 'string' && state.validTokens.has(value.replace(/^bearer /i, ''));
}

export type PublishVerdict = { ok: true; events: number } | { ok: false; errorTypes: string[]; status: number[] };

/**
 * A publish (WebSocket or HTTP), checked in this order: quotas and events → channel →
 * namespace → authorization → onPublish. The room handlers refuse non-room channels with
 * `util.error(…, 'BadRequestException')`, which an HTTP publish answers with 403.
 */
export function publishVerdict(channel: unknown, events: unknown, requestBytes: number, authorized: boolean): PublishVerdict {
  if (requestBytes > LIMITS.requestBytes) return { ok: false, errorTypes: BAD_REQUEST, status: [413] };
  if (!Array.isArray(events) || events.length === 0 || events.length > LIMITS.events) return { ok: false, errorTypes: BAD_REQUEST, status: [400] };
  for (const event of events) {
    if (typeof event !== 'string') return { ok: false, errorTypes: BAD_REQUEST, status: [400] };
    if (Buffer.byteLength(event) > LIMITS.eventBytes) return { ok: false, errorTypes: BAD_REQUEST, status: [413] };
    let value: unknown;
    try {
      value = JSON.parse(event);
    } catch {
      return { ok: false, errorTypes: BAD_REQUEST, status: [400] };
    }
    if (nestingDepth(value) > LIMITS.eventNesting) return { ok: false, errorTypes: BAD_REQUEST, status: [400] };
  }
  const segments = channelSegments(channel, false);
  if (segments === null || !NAMESPACES.includes(segments[0]!)) return { ok: false, errorTypes: BAD_REQUEST, status: [400] };
  if (!authorized) return { ok: false, errorTypes: UNAUTHORIZED, status: [401] };
  if (!isRoomChannel(segments)) return { ok: false, errorTypes: BAD_REQUEST, status: [403] };
  return { ok: true, events: events.length };
}

/** How deeply arrays and objects nest in a parsed value (`[]` is 1), walked with a stack so any depth is fine. */
function nestingDepth(root: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** The one reply a WebSocket text frame must get; updates `state` as the server must. */
export function expectedReply(text: string, state: OracleState): Expected {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { type: 'error', errorTypes: BAD_REQUEST };
  }
  if (!isRecord(value) || typeof value.type !== 'string') return { type: 'error', errorTypes: BAD_REQUEST };
  const { type, id } = value;
  if (type === 'connection_init') return { type: 'connection_ack' };
  if (type !== 'subscribe' && type !== 'unsubscribe' && type !== 'publish') {
    return { type: 'error', errorTypes: ['UnsupportedOperation'], id: typeof id === 'string' ? id : undefined };
  }
  if (typeof id !== 'string') return { type: 'error', errorTypes: BAD_REQUEST };
  if (!OPERATION_ID.test(id)) return { type: `${type}_error`, id, errorTypes: BAD_REQUEST };
  const bytes = Buffer.byteLength(text);

  if (type === 'unsubscribe') {
    if (!state.active.delete(id)) return { type: 'unsubscribe_error', id, errorTypes: ['UnknownOperationError'] };
    return { type: 'unsubscribe_success', id };
  }
  if (type === 'subscribe') {
    if (bytes > LIMITS.subscribeBytes) return { type: 'subscribe_error', id, errorTypes: BAD_REQUEST };
    const segments = channelSegments(value.channel, true);
    if (segments === null || !NAMESPACES.includes(segments[0]!)) return { type: 'subscribe_error', id, errorTypes: BAD_REQUEST };
    if (state.active.has(id)) return { type: 'subscribe_error', id, errorTypes: ['DuplicatedOperationError'] };
    if (state.active.size >= LIMITS.subscriptions) return { type: 'subscribe_error', id, errorTypes: ['MaxSubscriptionsReachedError'] };
    if (!frameAuthorized(value, state)) return { type: 'subscribe_error', id, errorTypes: UNAUTHORIZED };
    // onSubscribe's `util.unauthorized()` surfaces as errorType `Unauthorized`, not `UnauthorizedException`.
    if (!isRoomChannel(segments)) return { type: 'subscribe_error', id, errorTypes: ['Unauthorized'] };
    state.active.add(id);
    return { type: 'subscribe_success', id };
  }
  const verdict = publishVerdict(value.channel, value.events, bytes, frameAuthorized(value, state));
  return verdict.ok ? { type: 'publish_success', id, events: verdict.events } : { type: 'publish_error', id, errorTypes: verdict.errorTypes };
}

/** Why `frame` is not the `expected` reply, or null when it is. */
export function mismatch(expected: Expected, frame: Record<string, unknown>): string | null {
  if (frame.type !== expected.type) return `expected ${expected.type}, got ${JSON.stringify(frame).slice(0, 300)}`;
  if ('id' in expected && expected.id !== undefined && frame.id !== expected.id) return `expected id ${expected.id}, got ${String(frame.id)}`;
  if ('errorTypes' in expected) {
    const errors = frame.errors as { errorType?: unknown; message?: unknown }[] | undefined;
    const first = Array.isArray(errors) ? errors[0] : undefined;
    if (!first || !expected.errorTypes.includes(String(first.errorType)) || typeof first.message !== 'string' || first.message === '') {
      return `expected errors[0].errorType in ${expected.errorTypes.join('|')} with a message, got ${JSON.stringify(frame).slice(0, 300)}`;
    }
  }
  if (expected.type === 'publish_success') return partitionMismatch(frame, expected.events);
  if (expected.type === 'connection_ack' && typeof frame.connectionTimeoutMs !== 'number') return 'connection_ack without connectionTimeoutMs';
  return null;
}

/** A publish result: every event index exactly once in `successful` or `failed`; failed entries carry an integer code and a message. */
export function partitionMismatch(body: Record<string, unknown>, events: number): string | null {
  const successful = body.successful as { index?: unknown; identifier?: unknown }[] | undefined;
  const failed = body.failed as { index?: unknown; identifier?: unknown; code?: unknown; message?: unknown }[] | undefined;
  if (!Array.isArray(successful) || !Array.isArray(failed)) return `no successful/failed lists: ${JSON.stringify(body).slice(0, 300)}`;
  const indexes = [...successful, ...failed].map((e) => e.index).sort((a, b) => Number(a) - Number(b));
  if (indexes.length !== events || indexes.some((index, k) => index !== k)) return `indexes ${JSON.stringify(indexes)} for ${events} events`;
  if ([...successful, ...failed].some((e) => typeof e.identifier !== 'string')) return 'an entry without identifier';
  if (failed.some((f) => !Number.isInteger(f.code) || typeof f.message !== 'string')) return `a failed entry without integer code and message: ${JSON.stringify(failed)}`;
  return null;
}
