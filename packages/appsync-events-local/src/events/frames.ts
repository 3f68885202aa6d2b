/**
 * The realtime protocol's frames: parsing what clients send, building what the server sends.
 * Pure. Shapes follow AppSync Events (`errors` at top level, `data.event` a JSON string).
 */
import { frameAuthorization, type HeaderMap } from './auth-headers.ts';
import { BAD_REQUEST, type ServiceError } from './service-error.ts';

const OPERATION_ID = /^[a-zA-Z0-9-_+]{1,128}$/;

export interface FrameError {
  errorType: string;
  message: string;
}

export interface SuccessfulEvent {
  identifier: string;
  index: number;
}

export interface FailedEvent extends SuccessfulEvent {
  code: number;
  message: string;
}

export type ServerFrame =
  | { type: 'connection_ack'; connectionTimeoutMs: number }
  | { type: 'connection_error'; errors: (FrameError & { errorCode: number })[] }
  | { type: 'ka' }
  | { type: 'subscribe_success' | 'unsubscribe_success'; id: string }
  | { type: 'subscribe_error' | 'unsubscribe_error' | 'publish_error'; id: string; errors: FrameError[] }
  | { type: 'publish_success'; id: string; successful: SuccessfulEvent[]; failed: FailedEvent[] }
  | { type: 'data'; id: string; event: string }
  | { type: 'error'; id?: string; errors: FrameError[] };

/** A well-formed client frame; `channel`/`events` are checked later, by the operation. */
export type ClientFrame =
  | { type: 'connection_init' }
  | { type: 'subscribe'; id: string; channel: unknown; authorization: HeaderMap | null }
  | { type: 'unsubscribe'; id: string }
  | { type: 'publish'; id: string; channel: unknown; events: unknown; authorization: HeaderMap | null };

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; reply: ServerFrame };

type OperationType = 'subscribe' | 'unsubscribe' | 'publish';
const OPERATIONS: readonly string[] = ['subscribe', 'unsubscribe', 'publish'] satisfies OperationType[];

/**
 * Parses one text frame. Unparseable JSON, a missing `type` or `id` → `error`
 * (`BadRequestException`); an unknown type → `error` (`UnsupportedOperation`); an id of the
 * wrong form → that operation's `*_error`, so the caller can still correlate it.
 */
export function parseClientFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reject(errorFrame(BAD_REQUEST, 'Message is not valid JSON'));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject(errorFrame(BAD_REQUEST, 'Message must be a JSON object'));
  }
  const frame = value as Record<string, unknown>;
  const { type, id } = frame;
  if (typeof type !== 'string') return reject(errorFrame(BAD_REQUEST, 'Message has no type'));
  if (type === 'connection_init') return { ok: true, frame: { type } };
  if (!OPERATIONS.includes(type)) {
    return reject(errorFrame('UnsupportedOperation', `Unsupported message type '${type}'`, stringOrUndefined(id)));
  }
  const operation = type as OperationType;
  if (typeof id !== 'string') return reject(errorFrame(BAD_REQUEST, `A ${operation} message needs a string id`));
  if (!OPERATION_ID.test(id)) {
    return reject(operationError(operation, id, { errorType: BAD_REQUEST, message: `Invalid id: must match ${OPERATION_ID.source}` }));
  }
  if (operation === 'unsubscribe') return { ok: true, frame: { type: operation, id } };
  const authorization = frameAuthorization(frame);
  if (operation === 'subscribe') return { ok: true, frame: { type: operation, id, channel: frame.channel, authorization } };
  return { ok: true, frame: { type: operation, id, channel: frame.channel, events: frame.events, authorization } };
}

export function connectionAck(connectionTimeoutMs: number): ServerFrame {
  return { type: 'connection_ack', connectionTimeoutMs };
}

export function keepAlive(): ServerFrame {
  return { type: 'ka' };
}

export function connectionError(message: string): ServerFrame {
  return { type: 'connection_error', errors: [{ errorType: 'UnauthorizedException', errorCode: 401, message }] };
}

export function dataFrame(subscriptionId: string, eventJson: string): ServerFrame {
  return { type: 'data', id: subscriptionId, event: eventJson };
}

export function errorFrame(errorType: string, message: string, id?: string): ServerFrame {
  return id === undefined ? { type: 'error', errors: [{ errorType, message }] } : { type: 'error', id, errors: [{ errorType, message }] };
}

/** `subscribe_error` / `unsubscribe_error` / `publish_error` for one operation. */
export function operationError(operation: OperationType, id: string, error: FrameError | ServiceError): ServerFrame {
  return { type: `${operation}_error`, id, errors: [{ errorType: error.errorType, message: error.message }] };
}

function reject(reply: ServerFrame): ParsedFrame {
  return { ok: false, reply };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
