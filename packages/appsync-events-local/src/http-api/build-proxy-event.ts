import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteMatch } from './match-route.ts';
import { jwtScopes, stringifyJwtClaims } from './stringify-jwt-claims.ts';

/** The parts of an HTTP request the event is built from, as read off the socket. */
export interface ProxyRequest {
  method: string;
  /** The path as sent, still percent-encoded, stage prefix included. */
  rawPath: string;
  /** After `?`, as sent; `''` when there is none. */
  rawQueryString: string;
  /** Node's `rawHeaders`: name, value, name, value… in arrival order. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  /** The port the client connected to, reported in `x-forwarded-port`. */
  localPort: number;
}

/** What API Gateway knows about the request beyond its bytes. */
export interface ProxyEventContext {
  match: RouteMatch;
  claims: Record<string, unknown>;
  accountId: string;
  apiId: string;
  stage: string;
  requestId: string;
  traceId: string;
  now: Date;
}

/** Builds the payload format 2.0 event exactly as an HTTP API with a JWT authorizer sends it. */
export function buildProxyEvent(request: ProxyRequest, context: ProxyEventContext): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { headers, cookies } = collectHeaders(request.rawHeaders);
  const forwardedFor = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] = context.traceId;
  const domainName = (headers.host ?? `${context.apiId}.execute-api.localhost`).replace(/:\d+$/, '');
  const query = queryStringParameters(request.rawQueryString);
  const body = encodeBody(request.body, headers['content-type']);

  return {
    version: '2.0',
    routeKey: context.match.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(query && { queryStringParameters: query }),
    ...(Object.keys(context.match.pathParameters).length > 0 && { pathParameters: context.match.pathParameters }),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: stringifyJwtClaims(context.claims), scopes: jwtScopes(context.claims) },
      },
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.match.routeKey,
      stage: context.stage,
      time: formatRequestTime(context.now),
      timeEpoch: context.now.getTime(),
    },
    ...(body && { body: body.text }),
    isBase64Encoded: body?.isBase64Encoded ?? false,
  };
}

/** Lower-cased names, repeats joined with commas; `cookie` headers go to `cookies` instead. */
function collectHeaders(rawHeaders: string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] ?? '').toLowerCase();
    const value = rawHeaders[index + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(...value.split(';').map((cookie) => cookie.trim()).filter((cookie) => cookie.length > 0));
    } else {
      headers[name] = name in headers ? `${headers[name]},${value}` : value;
    }
  }
  return { headers, cookies };
}

/** Decoded parameters, repeated keys joined with commas; `undefined` when there are none. */
export function queryStringParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString.length === 0) return undefined;
  const parameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    parameters[key] = key in parameters ? `${parameters[key]},${value}` : value;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

const TEXT_MEDIA_TYPES = ['application/json', 'application/javascript', 'application/xml', 'application/x-www-form-urlencoded'];

/**
 * Text bodies pass through as UTF-8; anything else (including a body without a content type)
 * reaches the function base64-encoded with `isBase64Encoded: true`.
 */
export function encodeBody(body: Buffer, contentType: string | undefined): { text: string; isBase64Encoded: boolean } | undefined {
  if (body.length === 0) return undefined;
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const isText =
    mediaType.startsWith('text/') || mediaType.endsWith('+json') || mediaType.endsWith('+xml') || TEXT_MEDIA_TYPES.includes(mediaType);
  return isText ? { text: body.toString('utf8'), isBase64Encoded: false } : { text: body.toString('base64'), isBase64Encoded: true };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time`: the CLF timestamp API Gateway uses, `12/Mar/2020:19:03:58 +0000`. */
export function formatRequestTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
