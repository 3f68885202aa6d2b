import { describe, expect, it } from 'vitest';
import { buildProxyEvent, formatRequestTime, type ProxyEventContext, type ProxyRequest } from './build-proxy-event.ts';

const request: ProxyRequest = {
  method: 'GET',
  rawPath: '/rooms/general/messages',
  rawQueryString: 'limit=20&before=abc&tag=a&tag=b%20c',
  rawHeaders: [
    'Host', '127.0.0.1:4000',
    'Authorization', 'Bearer token',
    'User-Agent', 'vitest',
    'X-Dup', 'one',
    'x-dup', 'two',
    'Cookie', 'theme=dark; session=abc',
  ],
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  localPort: 4000,
};

const context: ProxyEventContext = {
  match: { route: { method: 'GET', path: '/rooms/{roomId}/messages', functionName: 'history' }, routeKey: 'GET /rooms/{roomId}/messages', pathParameters: { roomId: 'general' } },
  claims: { sub: 'a1b2', 'cognito:groups': ['moderators'], exp: 1700003600 },
  accountId: '000000000000',
  apiId: 'abcdef1234',
  stage: '$default',
  requestId: 'JKJaXmPLvHcESHA=',
  traceId: 'Root=1-65f0a2b1-000000000000000000000000',
  now: new Date('2024-03-12T19:03:58.123Z'),
};

describe('buildProxyEvent', () => {
  it('builds the payload format 2.0 event of a JWT-authorized route', () => {
    expect(buildProxyEvent(request, context)).toEqual({
      version: '2.0',
      routeKey: 'GET /rooms/{roomId}/messages',
      rawPath: '/rooms/general/messages',
      rawQueryString: 'limit=20&before=abc&tag=a&tag=b%20c',
      cookies: ['theme=dark', 'session=abc'],
      headers: {
        host: '127.0.0.1:4000',
        authorization: 'Bearer token',
        'user-agent': 'vitest',
        'x-dup': 'one,two',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-port': '4000',
        'x-forwarded-proto': 'http',
        'x-amzn-trace-id': 'Root=1-65f0a2b1-000000000000000000000000',
      },
      queryStringParameters: { limit: '20', before: 'abc', tag: 'a,b c' },
      pathParameters: { roomId: 'general' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'abcdef1234',
        authorizer: {
          principalId: '',
          integrationLatency: 0,
          jwt: { claims: { sub: 'a1b2', 'cognito:groups': '[moderators]', exp: '1700003600' }, scopes: null },
        },
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: { method: 'GET', path: '/rooms/general/messages', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
        requestId: 'JKJaXmPLvHcESHA=',
        routeKey: 'GET /rooms/{roomId}/messages',
        stage: '$default',
        time: '12/Mar/2024:19:03:58 +0000',
        timeEpoch: 1710270238123,
      },
      isBase64Encoded: false,
    });
  });

  it('leaves out cookies, query parameters, path parameters and body when there are none', () => {
    const event = buildProxyEvent(
      { ...request, rawQueryString: '', rawHeaders: ['Host', 'localhost:4000'] },
      { ...context, match: { ...context.match, pathParameters: {} } },
    );

    expect(Object.keys(event)).toEqual(['version', 'routeKey', 'rawPath', 'rawQueryString', 'headers', 'requestContext', 'isBase64Encoded']);
    expect(event.requestContext.domainPrefix).toBe('localhost');
  });

  it('passes a text body through and base64-encodes a binary one', () => {
    const json = buildProxyEvent(
      { ...request, method: 'POST', rawHeaders: ['Content-Type', 'application/json; charset=utf-8'], body: Buffer.from('{"name":"café"}') },
      context,
    );
    const binary = buildProxyEvent(
      { ...request, method: 'POST', rawHeaders: ['Content-Type', 'application/octet-stream'], body: Buffer.from([0, 1, 255]) },
      context,
    );

    expect(json).toMatchObject({ body: '{"name":"café"}', isBase64Encoded: false });
    expect(binary).toMatchObject({ body: 'AAH/', isBase64Encoded: true });
  });

  it('appends the source address to a forwarded-for chain', () => {
    const event = buildProxyEvent({ ...request, rawHeaders: ['X-Forwarded-For', '203.0.113.7'] }, context);

    expect(event.headers['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
  });

  it('reports the scopes of an access token', () => {
    const event = buildProxyEvent(request, { ...context, claims: { scope: 'openid profile' } });

    expect(event.requestContext.authorizer.jwt.scopes).toEqual(['openid', 'profile']);
  });
});

describe('formatRequestTime', () => {
  it('pads single digits', () => {
    expect(formatRequestTime(new Date('2024-01-02T03:04:05Z'))).toBe('02/Jan/2024:03:04:05 +0000');
  });
});
