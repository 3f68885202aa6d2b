import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { type HttpResult, toErrorResponse } from './http-response.ts';
import type { Logger } from './logger.ts';
import type { MetricsSink } from './metrics.ts';

/** What API Gateway (payload 2.0, JWT authorizer) sends every HTTP Lambda. */
export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * An HTTP Lambda as the runtimes call it. It takes `unknown` like every function's handler, so
 * one runner type fits them all; API Gateway is the only caller, so the event is read as `HttpEvent`.
 */
export type HttpHandler = (event: unknown, context?: Context) => Promise<HttpResult>;

export interface HttpHandlerOptions {
  logger: Logger;
  metrics: MetricsSink;
  /** Maps what `handle` throws to a response; `toErrorResponse` unless a function has its own. */
  toResponse?: (error: unknown, logger: Logger) => HttpResult;
}

/**
 * The edge every HTTP Lambda shares: log keys and context fresh per invocation (a warm instance
 * serves many), the route in every log line, anything thrown mapped to a response, and the
 * metrics flushed however the request ended.
 */
export function httpHandler(options: HttpHandlerOptions, handle: (request: HttpEvent) => Promise<HttpResult>): HttpHandler {
  const { logger, metrics } = options;
  const toResponse = options.toResponse ?? toErrorResponse;
  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const request = event as HttpEvent;
    logger.appendKeys({ routeKey: request.routeKey });
    try {
      return await handle(request);
    } catch (error) {
      return toResponse(error, logger);
    } finally {
      metrics.flush();
    }
  };
}
