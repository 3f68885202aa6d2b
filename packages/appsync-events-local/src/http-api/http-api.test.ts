import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { httpApiCors, routes } from './test-support/test-routes.ts';
import { createFaults, InjectedFault, type Faults } from '../faults.ts';
import { LambdaTimeoutError } from '../lambda/lambda-errors.ts';
import { createLambdaRunner, type HandlerFactory, type LambdaRunner } from '../lambda/lambda-runner.ts';
import type { HttpJwtAuthorizer } from './contracts.ts';
import { startHttpApi, type HttpApi, type HttpApiOptions } from './http-api.ts';

const CLAIMS = { sub: 'a1b2', 'cognito:username': 'alice', 'cognito:groups': ['moderators'], exp: 1700003600, email_verified: true };

/** Accepts `Bearer good` only, and counts its calls. */
function fakeAuthorizer() {
  const calls: (string | undefined)[] = [];
  const authorizer: HttpJwtAuthorizer = {
    async authorize(header) {
      calls.push(header);
      if (header === undefined) return { ok: false, message: 'missing token' };
      return header === 'Bearer good' ? { ok: true, claims: CLAIMS } : { ok: false, message: 'the token has expired' };
    },
  };
  return { authorizer, calls };
}

/** A `history` function recording its cold starts and events, answering with `respond`. */
function fakeHistory(respond: (event: APIGatewayProxyEventV2WithJWTAuthorizer) => unknown = () => ({ items: [] })) {
  const record = { envs: [] as Record<string, string | undefined>[], events: [] as APIGatewayProxyEventV2WithJWTAuthorizer[] };
  const factory: HandlerFactory = (env) => {
    record.envs.push(env);
    return async (event) => {
      const proxyEvent = event as APIGatewayProxyEventV2WithJWTAuthorizer;
      record.events.push(proxyEvent);
      return respond(proxyEvent);
    };
  };
  return { factory, record };
}

interface Started {
  api: HttpApi;
  faults: Faults;
  authorizerCalls: (string | undefined)[];
  integrationErrors: unknown[];
}

const open: { api: HttpApi; lambdas: LambdaRunner }[] = [];
afterEach(async () => {
  for (const { api, lambdas } of open.splice(0)) {
    await api.close();
    lambdas.close();
  }
});

async function start(
  factory: HandlerFactory,
  options: { timeoutMs?: number } & Partial<Omit<HttpApiOptions, 'lambdas' | 'authorizer'>> = {},
): Promise<Started> {
  const { timeoutMs, ...apiOptions } = options;
  const faults = createFaults();
  const lambdas = createLambdaRunner({
    functions: { history: { factory, timeoutMs, env: { TABLE_NAME: 'parley', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1' } } },
    faults,
    region: 'eu-west-1',
  });
  const { authorizer, calls } = fakeAuthorizer();
  const integrationErrors: unknown[] = [];
  const api = await startHttpApi({
    // Every route of the definition, served by the one recording function.
    routes: routes.map((route) => ({ ...route, functionName: 'history' as const })),
    lambdas,
    authorizer,
    cors: httpApiCors,
    onIntegrationError: (_routeKey, error) => integrationErrors.push(error),
    ...apiOptions,
  });
  open.push({ api, lambdas });
  return { api, faults, authorizerCalls: calls, integrationErrors };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw node:http, so Origin, duplicate headers and declared lengths are sent exactly. */
function send(url: string, options: { method?: string; headers?: OutgoingHttpHeaders; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const AUTH = { authorization: 'Bearer good' };

describe('startHttpApi', () => {
  it('refuses a request addressed to another host (DNS rebinding) before the authorizer or the function: 421', async () => {
    const { factory, record } = fakeHistory();
    const { api, authorizerCalls } = await start(factory);

    const reply = await send(`${api.url}/rooms/general/messages`, { headers: { ...AUTH, host: `evil.example:${api.port}`, origin: 'http://evil.example' } });

    expect(reply.status).toBe(421);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(authorizerCalls).toEqual([]);
    expect(record.events).toEqual([]);
  });

  it('invokes the route function with the payload format 2.0 event', async () => {
    const { factory, record } = fakeHistory();
    const { api } = await start(factory);

    const reply = await send(`${api.url}/rooms/general/messages?limit=20&tag=a&tag=b`, {
      headers: { ...AUTH, 'X-Dup': ['one', 'two'], Cookie: 'theme=dark; session=abc', 'User-Agent': 'vitest' },
    });

    expect(reply.status).toBe(200);
    const event = record.events[0];
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /rooms/{roomId}/messages',
      rawPath: '/rooms/general/messages',
      rawQueryString: 'limit=20&tag=a&tag=b',
      cookies: ['theme=dark', 'session=abc'],
      queryStringParameters: { limit: '20', tag: 'a,b' },
      pathParameters: { roomId: 'general' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        authorizer: {
          principalId: '',
          integrationLatency: 0,
          jwt: {
            claims: { sub: 'a1b2', 'cognito:username': 'alice', 'cognito:groups': '[moderators]', exp: '1700003600', email_verified: 'true' },
            scopes: null,
          },
        },
        domainName: '127.0.0.1',
        http: { method: 'GET', path: '/rooms/general/messages', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
        requestId: reply.headers['apigw-requestid'],
        routeKey: 'GET /rooms/{roomId}/messages',
        stage: '$default',
      },
    });
    expect(event?.headers).toMatchObject({ authorization: 'Bearer good', 'x-dup': 'one,two', 'x-forwarded-for': '127.0.0.1' });
    expect(event?.headers).not.toHaveProperty('cookie');
    expect(event?.body).toBeUndefined();
    expect(event?.requestContext.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(Math.abs((event?.requestContext.timeEpoch ?? 0) - Date.now())).toBeLessThan(5_000);
  });

  it('passes a JSON body through as text and a binary body as base64', async () => {
    const { factory, record } = fakeHistory();
    const { api } = await start(factory);

    await send(`${api.url}/rooms`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{"name":"lobby"}' });
    await send(`${api.url}/rooms`, { method: 'POST', headers: { ...AUTH, 'content-type': 'image/png' }, body: Buffer.from([137, 80, 0]) });

    expect(record.events[0]).toMatchObject({ routeKey: 'POST /rooms', body: '{"name":"lobby"}', isBase64Encoded: false });
    expect(record.events[1]).toMatchObject({ body: Buffer.from([137, 80, 0]).toString('base64'), isBase64Encoded: true });
  });

  it('creates the function once and gives it its env, leaving process.env untouched', async () => {
    const before = { ...process.env };
    const { factory, record } = fakeHistory();
    const { api } = await start(factory);

    await send(`${api.url}/rooms`, { headers: AUTH });
    await send(`${api.url}/rooms`, { headers: AUTH });

    expect(record.envs).toHaveLength(1);
    expect(record.events).toHaveLength(2);
    expect(record.envs[0]).toMatchObject({
      TABLE_NAME: 'parley',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
      AWS_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'history',
    });
    expect(process.env).toEqual(before);
  });

  it('refuses a request without a token before the function runs', async () => {
    const { factory, record } = fakeHistory();
    const { api } = await start(factory);

    const reply = await send(`${api.url}/rooms`);

    expect(reply).toMatchObject({ status: 401, body: '{"message":"Unauthorized"}' });
    expect(reply.headers['www-authenticate']).toBe('Bearer');
    expect(record.envs).toHaveLength(0);
  });

  it('refuses an invalid token with an invalid_token challenge', async () => {
    const { factory, record } = fakeHistory();
    const { api } = await start(factory);

    const reply = await send(`${api.url}/rooms`, { headers: { authorization: 'Bearer expired' } });

    expect(reply).toMatchObject({ status: 401, body: '{"message":"Unauthorized"}' });
    expect(reply.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="the token has expired"');
    expect(record.events).toHaveLength(0);
  });

  it.each([
    ['GET', '/nowhere'],
    ['DELETE', '/rooms'],
    ['POST', '/rooms/general/messages'],
    ['GET', '/rooms/'],
  ])('answers 404 for %s %s without asking the authorizer', async (method, path) => {
    const { factory } = fakeHistory();
    const { api, authorizerCalls } = await start(factory);

    const reply = await send(`${api.url}${path}`, { method, headers: AUTH });

    expect(reply).toMatchObject({ status: 404, body: '{"message":"Not Found"}' });
    expect(authorizerCalls).toHaveLength(0);
  });

  it('sends a structured result as the function built it', async () => {
    const { factory } = fakeHistory(() => ({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain', 'X-Room': 'lobby' },
      cookies: ['a=1; Path=/', 'b=2'],
      body: 'created',
    }));
    const { api } = await start(factory);

    const reply = await send(`${api.url}/rooms`, { method: 'POST', headers: AUTH });

    expect(reply).toMatchObject({ status: 201, body: 'created' });
    expect(reply.headers).toMatchObject({ 'content-type': 'text/plain', 'x-room': 'lobby', 'set-cookie': ['a=1; Path=/', 'b=2'] });
  });

  it('sends any other JSON value as a 200 application/json body', async () => {
    const { factory } = fakeHistory(() => ({ items: [{ id: 'm1' }], next: null }));
    const { api } = await start(factory);

    const reply = await send(`${api.url}/rooms/lobby/messages`, { headers: AUTH });

    expect(reply).toMatchObject({ status: 200, body: '{"items":[{"id":"m1"}],"next":null}' });
    expect(reply.headers['content-type']).toBe('application/json');
  });

  it('answers 500 when the function throws', async () => {
    const { api, integrationErrors } = await start(() => async () => {
      throw new Error('boom');
    });

    const reply = await send(`${api.url}/rooms`, { headers: AUTH });

    expect(reply).toMatchObject({ status: 500, body: '{"message":"Internal Server Error"}' });
    expect(integrationErrors).toEqual([expect.objectContaining({ errorMessage: 'boom' })]);
  });

  it('answers 500 for an injected fault, then recovers', async () => {
    const { factory, record } = fakeHistory();
    const { api, faults, integrationErrors } = await start(factory);
    faults.setLambdaFault('history', { failNext: 1 });

    const failed = await send(`${api.url}/rooms`, { headers: AUTH });
    const recovered = await send(`${api.url}/rooms`, { headers: AUTH });

    expect(failed).toMatchObject({ status: 500, body: '{"message":"Internal Server Error"}' });
    expect(recovered.status).toBe(200);
    expect(record.events).toHaveLength(1);
    expect(integrationErrors[0]).toBeInstanceOf(InjectedFault);
  });

  it('delays the answer by an injected delay', async () => {
    const { factory } = fakeHistory();
    const { api, faults } = await start(factory);
    faults.setLambdaFault('history', { delayMs: 60 });

    const startedAt = performance.now();
    const reply = await send(`${api.url}/rooms`, { headers: AUTH });

    expect(reply.status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(55);
  });

  it('answers 503 when the function outlasts the integration timeout', async () => {
    const { factory } = fakeHistory();
    const { api, faults } = await start(factory, { integrationTimeoutMs: 30 });
    faults.setLambdaFault('history', { delayMs: 200 });

    const reply = await send(`${api.url}/rooms`, { headers: AUTH });

    expect(reply).toMatchObject({ status: 503, body: '{"message":"Service Unavailable"}' });
  });

  it('answers 500 when the function hits its own Lambda timeout', async () => {
    const { api, integrationErrors } = await start(() => () => new Promise(() => {}), { timeoutMs: 20 });

    const reply = await send(`${api.url}/rooms`, { headers: AUTH });

    expect(reply).toMatchObject({ status: 500, body: '{"message":"Internal Server Error"}' });
    expect(integrationErrors[0]).toBeInstanceOf(LambdaTimeoutError);
  });

  it('answers a CORS preflight itself, without authorization', async () => {
    const { factory, record } = fakeHistory();
    const { api, authorizerCalls } = await start(factory);

    const reply = await send(`${api.url}/rooms/lobby/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

    expect(reply.status).toBe(204);
    expect(reply.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS',
      'access-control-allow-headers': 'authorization,content-type,x-amz-date,x-amz-user-agent,x-api-key',
    });
    expect(authorizerCalls).toHaveLength(0);
    expect(record.envs).toHaveLength(0);
  });

  it('adds CORS headers to every response, replacing the function’s own', async () => {
    const { factory } = fakeHistory(() => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '[]' }));
    const { api } = await start(factory);
    const origin = 'http://127.0.0.1:5173';

    const ok = await send(`${api.url}/rooms`, { headers: { ...AUTH, origin } });
    const refused = await send(`${api.url}/rooms`, { headers: { origin } });
    const missing = await send(`${api.url}/nowhere`, { headers: { origin } });

    expect([ok, refused, missing].map((reply) => reply.headers['access-control-allow-origin'])).toEqual([origin, origin, origin]);
    expect(ok.headers['access-control-expose-headers']).toBe('content-disposition,x-parley-export-truncated,x-parley-export-next-cursor,retry-after');
  });

  it('leaves CORS headers off for an origin it does not allow', async () => {
    const { factory } = fakeHistory();
    const { api } = await start(factory, { allowOrigins: ['https://chat.example'] });

    const preflight = await send(`${api.url}/rooms`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } });
    const allowed = await send(`${api.url}/rooms`, { headers: { ...AUTH, origin: 'https://chat.example' } });

    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(allowed.headers['access-control-allow-origin']).toBe('https://chat.example');
  });

  it('answers 413 to a body over 10 MB without invoking the function', async () => {
    const { factory, record } = fakeHistory();
    const { api } = await start(factory);

    const declared = await sendDeclaringLength(`${api.url}/rooms`, 10 * 1024 * 1024 + 1);
    const streamed = await send(`${api.url}/rooms`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    }).catch((error: unknown) => error);

    expect(declared).toMatchObject({ status: 413, body: '{"message":"Request Entity Too Large"}' });
    // The gateway stops reading at the limit and closes the connection: a client still writing
    // may see the reset instead of the 413. Either way the function never runs.
    expect(streamed instanceof Error ? 'connection closed' : (streamed as Reply).status).toSatisfy(
      (outcome) => outcome === 413 || outcome === 'connection closed',
    );
    expect(record.envs).toHaveLength(0);
  });

  it('survives malformed input', async () => {
    const { factory, record } = fakeHistory();
    const { api } = await start(factory);

    const badEncoding = await send(`${api.url}/rooms/%E0%A4%A/messages?x=%ZZ`, { headers: AUTH });
    const badJson = await send(`${api.url}/rooms`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{"oops' });
    const after = await send(`${api.url}/rooms`, { headers: AUTH });

    expect([badEncoding.status, badJson.status, after.status]).toEqual([200, 200, 200]);
    expect(record.events[0]?.pathParameters).toEqual({ roomId: '%E0%A4%A' });
    expect(record.events[1]?.body).toBe('{"oops');
  });

  it('serves a named stage under its prefix', async () => {
    const { factory, record } = fakeHistory();
    const { api } = await start(factory, { stage: 'v1' });

    const inStage = await send(`${api.url}/rooms/lobby/messages`, { headers: AUTH });
    const outside = await send(api.url.replace(/\/v1$/, '/rooms'), { headers: AUTH });

    expect(api.url).toMatch(/\/v1$/);
    expect(inStage.status).toBe(200);
    expect(outside.status).toBe(404);
    expect(record.events[0]).toMatchObject({
      rawPath: '/v1/rooms/lobby/messages',
      routeKey: 'GET /rooms/{roomId}/messages',
      requestContext: { stage: 'v1', http: { path: '/v1/rooms/lobby/messages' } },
    });
  });
});

/** Declares a body length and sends none: the gateway must answer from the header alone. */
function sendDeclaringLength(url: string, length: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', headers: { ...AUTH, 'content-length': String(length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        outgoing.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() });
      });
    });
    outgoing.on('error', reject);
    outgoing.flushHeaders();
  });
}
