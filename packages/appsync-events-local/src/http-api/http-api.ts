/**
 * The local API Gateway HTTP API: routes from the shared definition, the JWT authorizer on
 * every route, Lambda proxy integrations with payload format 2.0, and CORS answered by the
 * gateway. A request not addressed to loopback is refused first (`local/access/loopback-host.ts`).
 * Only I/O lives here; the decisions are in the pure modules beside it.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteModel } from '../template/backend-model.ts';
import { refuseForeignHost } from '../access/host-guard.ts';
import type { LambdaInvoker } from '../lambda/contracts.ts';
import { buildProxyEvent } from './build-proxy-event.ts';
import type { HttpJwtAuthorizer } from './contracts.ts';
import { createCorsPolicy, type CorsSettings, withoutCorsHeaders } from './cors-policy.ts';
import { bearerChallenge, gatewayErrorResponse, type GatewayResponse } from './gateway-response.ts';
import { mapLambdaResult } from './map-lambda-result.ts';
import { matchRoute } from './match-route.ts';
import { readBody } from './read-body.ts';

export interface HttpApiOptions {
  routes: RouteModel[];
  lambdas: LambdaInvoker;
  authorizer: HttpJwtAuthorizer;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** `$default` (the default) serves at the root; another name prefixes every path with `/<stage>`. */
  stage?: string;
  /** The template's CORS methods, headers and max age. */
  cors: CorsSettings;
  /** CORS `allowOrigins`: exact origins or `*`. Default: any localhost origin. */
  allowOrigins?: string[];
  /** How long the gateway waits for the function before answering 503. AWS's default: 30 s. */
  integrationTimeoutMs?: number;
  /** Reported in `requestContext.accountId`. Default `000000000000`. */
  accountId?: string;
  /**
   * Told why a request got a 5xx, which the client never sees (on AWS it would be in the logs).
   * Default: a one-line `console.warn`.
   */
  onIntegrationError?: (routeKey: string, error: unknown) => void;
}

export interface HttpApi {
  /** The invoke URL, without a trailing slash (like CDK's `apiEndpoint`, plus the stage if named). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** HTTP API payload limit. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_STAGE = '$default';

type Outcome = { kind: 'result'; value: unknown } | { kind: 'failed'; error: unknown } | { kind: 'timeout' };

export async function startHttpApi(options: HttpApiOptions): Promise<HttpApi> {
  const host = options.host ?? '127.0.0.1';
  const stage = options.stage ?? DEFAULT_STAGE;
  const stagePrefix = stage === DEFAULT_STAGE ? '' : `/${stage}`;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? 30_000;
  const accountId = options.accountId ?? '000000000000';
  const apiId = randomId(10);
  const cors = createCorsPolicy(options.cors, options.allowOrigins);
  const waiting = new Set<() => void>();
  const onIntegrationError = options.onIntegrationError ?? warnIntegrationError;

  /** Waits for the function, up to the integration timeout (a timed-out function keeps running). */
  function integrate(invocation: Promise<unknown>): Promise<Outcome> {
    return new Promise((resolve) => {
      const finish = (outcome: Outcome) => {
        clearTimeout(timer);
        if (waiting.delete(cancel)) resolve(outcome);
      };
      const cancel = () => finish({ kind: 'timeout' });
      const timer = setTimeout(cancel, integrationTimeoutMs);
      waiting.add(cancel);
      invocation.then(
        (value) => finish({ kind: 'result', value }),
        (error: unknown) => finish({ kind: 'failed', error }),
      );
    });
  }

  async function respond(request: IncomingMessage, port: number, requestId: string): Promise<GatewayResponse> {
    if (request.method === 'OPTIONS') {
      return { statusCode: 204, headers: cors.preflightHeaders(request.headers.origin), cookies: [], body: Buffer.alloc(0) };
    }
    const target = request.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : target.slice(queryAt + 1);
    const routePath = stripStage(rawPath, stagePrefix);
    const match = routePath === undefined ? undefined : matchRoute(options.routes, request.method ?? '', routePath);
    if (!match) return gatewayErrorResponse('notFound');

    const body = await readBody(request, MAX_BODY_BYTES);
    if (!body) return gatewayErrorResponse('payloadTooLarge', { connection: 'close' });

    const authorizationHeader = request.headers.authorization;
    const auth = await options.authorizer.authorize(authorizationHeader);
    if (!auth.ok) {
      return gatewayErrorResponse('unauthorized', {
        'www-authenticate': bearerChallenge(Boolean(authorizationHeader), auth.message),
      });
    }

    const now = new Date();
    const event = buildProxyEvent(
      {
        method: request.method ?? 'GET',
        rawPath,
        rawQueryString,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        localPort: port,
      },
      {
        match,
        claims: auth.claims,
        accountId,
        apiId,
        stage,
        requestId,
        traceId: `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
        now,
      },
    );
    const outcome = await integrate(options.lambdas.invoke(match.route.functionName, event));
    if (outcome.kind === 'timeout') {
      onIntegrationError(match.routeKey, new Error(`Integration timed out after ${integrationTimeoutMs} ms`));
      return gatewayErrorResponse('serviceUnavailable');
    }
    // Function errors, timeouts inside Lambda and injected faults all reach the client as a bare
    // 500; only the local cloud's log says which.
    if (outcome.kind === 'failed') {
      onIntegrationError(match.routeKey, outcome.error);
      return gatewayErrorResponse('internalServerError');
    }
    const mapped = mapLambdaResult(outcome.value);
    return { ...mapped, headers: withoutCorsHeaders(mapped.headers) };
  }

  const server = createServer((request, response) => {
    if (refuseForeignHost(request, response)) return;
    const requestId = randomBytes(11).toString('base64');
    const port = (server.address() as AddressInfo).port;
    respond(request, port, requestId)
      .catch((error: unknown) => {
        onIntegrationError(`${request.method} ${request.url}`, error);
        return gatewayErrorResponse('internalServerError');
      })
      .then((result) => send(response, result, { ...cors.responseHeaders(request.headers.origin), 'apigw-requestid': requestId }));
  });
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}${stagePrefix}`,
    port,
    async close() {
      for (const cancel of [...waiting]) cancel();
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

function send(response: ServerResponse, result: GatewayResponse, gatewayHeaders: Record<string, string>): void {
  if (response.destroyed || response.headersSent) return;
  const headers: Record<string, string | string[]> = {
    ...result.headers,
    ...gatewayHeaders,
    'content-length': String(result.body.length),
  };
  if (result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  if (result.headers.connection === 'close') response.shouldKeepAlive = false;
  response.on('error', () => response.destroy());
  response.writeHead(result.statusCode, headers);
  response.end(result.statusCode === 204 || result.statusCode === 304 ? undefined : result.body);
}

/** The path the routes see, or `undefined` when a named stage's prefix is missing. */
function stripStage(rawPath: string, stagePrefix: string): string | undefined {
  if (!stagePrefix) return rawPath;
  if (rawPath === stagePrefix) return '/';
  return rawPath.startsWith(`${stagePrefix}/`) ? rawPath.slice(stagePrefix.length) : undefined;
}

function warnIntegrationError(routeKey: string, error: unknown): void {
  console.warn(`[http-api] ${routeKey}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
}

function randomId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}
