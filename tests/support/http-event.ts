/**
 * For tests and benches that call an HTTP Lambda directly: an API Gateway (payload 2.0) event as
 * the JWT authorizer passes it on, with only the parts our functions read.
 */
import type { HttpEvent } from '../../functions/lib/http-handler.ts';

export interface HttpCall {
  path?: Record<string, string>;
  query?: Record<string, string>;
  /** A string is sent as it is (malformed bodies included); anything else as its JSON. */
  body?: unknown;
  /** The token's claims, as the authorizer passes them on (lists as `[a b]` strings). */
  claims: Record<string, string>;
}

export function httpEvent(routeKey: string, { path, query, body, claims }: HttpCall): HttpEvent {
  return {
    version: '2.0',
    routeKey,
    rawPath: '/',
    rawQueryString: '',
    headers: {},
    pathParameters: path,
    queryStringParameters: query,
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims, scopes: null } } },
  } as unknown as HttpEvent;
}
