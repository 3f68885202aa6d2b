import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, BadRequestError, RateLimitedError } from './errors.ts';
import type { Logger } from './logger.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The one error → response mapper. Client errors keep their message, and the `field` they are
 * about when they name one (a 429 also says when to retry, in `Retry-After` seconds); server-side failures are logged and answered with a generic
 * 500 so no internals leak.
 */
export function toErrorResponse(error: unknown, logger: Logger): HttpResult {
  if (error instanceof AppError && error.httpStatus < 500) {
    logger.info('request rejected', { statusCode: error.httpStatus, reason: error.message });
    const retryAfter: Record<string, string> =
      error instanceof RateLimitedError && error.retryAfterSeconds !== undefined ? { 'retry-after': String(error.retryAfterSeconds) } : {};
    const field = error.field === undefined ? {} : { field: error.field };
    return json(error.httpStatus, { message: error.message, ...field }, retryAfter);
  }
  logger.error('request failed', { error: error as Error });
  return json(500, { message: 'Internal server error' });
}

/** The JSON body of an API Gateway (payload 2.0) request; a BadRequestError when it is not JSON. */
export function readJsonBody(event: { body?: string; isBase64Encoded: boolean }): unknown {
  const text = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text ?? '');
  } catch {
    throw new BadRequestError('Body must be JSON');
  }
}
