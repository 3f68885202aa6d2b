import { describe, expect, it } from 'vitest';
import { httpApiCors } from './test-support/test-routes.ts';
import { createCorsPolicy, withoutCorsHeaders } from './cors-policy.ts';

describe('createCorsPolicy', () => {
  it('echoes any localhost origin by default', () => {
    const cors = createCorsPolicy(httpApiCors);

    expect(cors.responseHeaders('http://localhost:5173')).toMatchObject({ 'access-control-allow-origin': 'http://localhost:5173' });
    expect(cors.responseHeaders('http://127.0.0.1:4173')).toMatchObject({ 'access-control-allow-origin': 'http://127.0.0.1:4173' });
    expect(cors.responseHeaders('http://[::1]:8080')).toMatchObject({ 'access-control-allow-origin': 'http://[::1]:8080' });
  });

  it('refuses other origins by default, and requests without one', () => {
    const cors = createCorsPolicy(httpApiCors);

    expect(cors.responseHeaders('https://evil.example')).toEqual({});
    expect(cors.responseHeaders('http://localhost.evil.example')).toEqual({});
    expect(cors.responseHeaders(undefined)).toEqual({});
    expect(cors.preflightHeaders('https://evil.example')).toEqual({});
  });

  it('answers a preflight with the configured methods and headers, reusable for an hour as deployed', () => {
    expect(createCorsPolicy(httpApiCors).preflightHeaders('http://localhost:5173')).toEqual({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS',
      'access-control-allow-headers': 'authorization,content-type,x-amz-date,x-amz-user-agent,x-api-key',
      'access-control-max-age': '3600',
    });
  });

  it('uses a configured origin list, or * for any', () => {
    const listed = createCorsPolicy(httpApiCors, ['https://chat.example']);

    expect(listed.responseHeaders('https://chat.example')).toMatchObject({ 'access-control-allow-origin': 'https://chat.example' });
    expect(listed.responseHeaders('http://localhost:5173')).toEqual({});
    expect(createCorsPolicy(httpApiCors, ['*']).responseHeaders('https://any.example')).toMatchObject({ 'access-control-allow-origin': '*' });
  });

  it('exposes the export headers and Retry-After to the app on an allowed response, not on a preflight', () => {
    const cors = createCorsPolicy(httpApiCors);

    expect(cors.responseHeaders('http://localhost:5173')).toEqual({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-expose-headers': 'content-disposition,x-parley-export-truncated,x-parley-export-next-cursor,retry-after',
    });
    expect(cors.preflightHeaders('http://localhost:5173')['access-control-expose-headers']).toBeUndefined();
  });
});

describe('withoutCorsHeaders', () => {
  it('drops the integration CORS headers and keeps the rest', () => {
    expect(withoutCorsHeaders({ 'access-control-allow-origin': '*', 'content-type': 'text/plain' })).toEqual({
      'content-type': 'text/plain',
    });
  });
});
