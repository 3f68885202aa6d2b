/**
 * Errors as the Events service reports them: an `errorType`/`message` pair for WebSocket
 * `*_error` frames, plus the HTTP status used when the same error answers `POST /event`.
 */
import type { HandlerError } from './contracts.ts';

export interface ServiceError {
  status: number;
  errorType: string;
  message: string;
}

export const BAD_REQUEST = 'BadRequestException';
export const UNAUTHORIZED = 'UnauthorizedException';
export const INTERNAL_FAILURE = 'InternalFailureException';

/** The errorTypes APPSYNC_JS `util.unauthorized()` surfaces as. */
const HANDLER_UNAUTHORIZED = new Set(['Unauthorized', UNAUTHORIZED]);

export function badRequest(message: string): ServiceError {
  return { status: 400, errorType: BAD_REQUEST, message };
}

export function payloadTooLarge(message: string): ServiceError {
  // 413 tells HTTP callers what went wrong; the errorType stays the one clients treat as final.
  return { status: 413, errorType: BAD_REQUEST, message };
}

export function unauthorized(message = 'You are not authorized to make this call.'): ServiceError {
  return { status: 401, errorType: UNAUTHORIZED, message };
}

export function internalFailure(message: string): ServiceError {
  return { status: 500, errorType: INTERNAL_FAILURE, message };
}

/**
 * An onPublish failure: `util.unauthorized()` → 401 `UnauthorizedException`; `util.error(…)`
 * and other handler errors → 403 with the handler's errorType, as AppSync answers an HTTP publish.
 */
export function publishHandlerError(error: HandlerError): ServiceError {
  if (HANDLER_UNAUTHORIZED.has(error.errorType)) return unauthorized(error.message || undefined);
  return { status: 403, errorType: error.errorType, message: error.message };
}
