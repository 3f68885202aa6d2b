/**
 * The errors the sandbox reports, spelled as AppSync Events reports them where that is known
 * (the errorType strings its frames and official clients use). Pure.
 */
import type { HandlerError, PublishHandlerResult } from '../events/contracts.ts';

export type Operation = 'PUBLISH' | 'SUBSCRIBE';

/** errorType of a crashing handler (exception, timeout, bad return value): no AppSync name is documented. */
export const HANDLER_ERROR_TYPE = 'HandlerError';

const UNAUTHORIZED_MESSAGE = 'You are not authorized to make this call.';

/**
 * `util.unauthorized()`: `UnauthorizedException` on publish; on subscribe the service answers
 * `subscribe_error` with errorType `Unauthorized` (not `…Exception`), which aws-amplify scopes to
 * that one subscription rather than closing the socket.
 */
export function unauthorizedError(operation: Operation): HandlerError {
  return {
    errorType: operation === 'SUBSCRIBE' ? 'Unauthorized' : 'UnauthorizedException',
    message: UNAUTHORIZED_MESSAGE,
  };
}

/**
 * `util.error(message, errorType?)`. Without a type AppSync's default is undocumented; the
 * sandbox uses the generic processing error of each operation.
 */
export function customError(operation: Operation, message: unknown, errorType: unknown): HandlerError {
  const fallback = operation === 'SUBSCRIBE' ? 'SubscriptionProcessingError' : 'MessageProcessingError';
  return {
    errorType: typeof errorType === 'string' && errorType.length > 0 ? errorType : fallback,
    message: typeof message === 'string' ? message : JSON.stringify(message ?? null),
  };
}

export function handlerCrash(message: string): HandlerError {
  return { errorType: HANDLER_ERROR_TYPE, message };
}

export function failedPublish(error: HandlerError): PublishHandlerResult {
  return { ok: false, error };
}
