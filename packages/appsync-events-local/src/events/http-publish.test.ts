import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../access/test-support/raw-http.ts';
import { startTestEventsService, type TestEventsService } from './test-events-service.ts';

const KB = 1024;
let local: TestEventsService;

beforeEach(async () => {
  local = await startTestEventsService();
});

afterEach(async () => {
  await local.close();
});

function post(body: unknown, headers: Record<string, string> = { authorization: 'alice-token' }): Promise<Response> {
  return fetch(local.service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /event', () => {
  it('answers 200 {successful, failed} and broadcasts to WebSocket subscribers', async () => {
    const socket = await local.connect('bob-token');
    socket.send({ type: 'subscribe', id: 'sub-1', channel: '/chat/rooms/r1' });
    await socket.next('subscribe_success');

    const res = await post({ channel: '/chat/rooms/r1', events: ['{"text":"hi"}', '7'] });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      failed: [],
      successful: [
        { identifier: expect.any(String), index: 0 },
        { identifier: expect.any(String), index: 1 },
      ],
    });
    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '{"text":"hi"}' });
    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '7' });
  });

  it('refuses a publish addressed to another host (DNS rebinding): 421, nothing broadcast', async () => {
    const socket = await local.connect('bob-token');
    socket.send({ type: 'subscribe', id: 'sub-1', channel: '/chat/rooms/r1' });
    await socket.next('subscribe_success');
    const handled = local.chat.contexts.length;

    const res = await rawRequest(local.service.url, {
      method: 'POST',
      headers: { host: `evil.example:${local.service.port}`, 'content-type': 'application/json', authorization: 'alice-token' },
      body: JSON.stringify({ channel: '/chat/rooms/r1', events: ['"rebound"'] }),
    });

    expect(res.status).toBe(421);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(local.chat.contexts).toHaveLength(handled);
    expect((await post({ channel: '/chat/rooms/r1', events: ['"direct"'] })).status).toBe(200);
    expect(await socket.next()).toEqual({ type: 'data', id: 'sub-1', event: '"direct"' });
  });

  it('accepts the token with or without a Bearer prefix and signs over the raw body', async () => {
    const body = JSON.stringify({ channel: '/chat/a', events: ['1'] });

    const res = await post(body, { Authorization: 'Bearer alice-token', 'x-custom': 'yes' });

    expect(res.status).toBe(200);
    expect(local.authorizer.calls.at(-1)?.request).toMatchObject({ headers: { authorization: 'alice-token' }, signedBody: body });
    expect(local.chat.contexts[0]?.request.headers).toMatchObject({ 'x-custom': 'yes' });
  });

  it('answers per-event handler errors in failed', async () => {
    local.chat.publish = (ctx) => ({ ok: true, events: (ctx.events ?? []).map((e) => ({ id: e.id, error: 'nope' })) });

    const res = await post({ channel: '/chat/a', events: ['1'] });

    expect(await res.json()).toEqual({ successful: [], failed: [{ identifier: expect.any(String), index: 0, code: 400, message: 'nope' }] });
  });

  it.each([
    ['missing credentials', {}, undefined],
    ['unknown credentials', { authorization: 'mallory' }, undefined],
    ['credentials the namespace does not accept', { authorization: 'iam-token' }, '/signals/x'],
  ])('answers %s with 401 UnauthorizedException', async (_, headers, channel) => {
    const res = await post({ channel: channel ?? '/chat/a', events: ['1'] }, headers);

    expect(res.status).toBe(401);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(await res.json()).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: expect.any(String) }], message: expect.any(String) });
  });

  it.each([
    ['a body that is not JSON', '{oops'],
    ['six events', { channel: '/chat/a', events: ['1', '2', '3', '4', '5', '6'] }],
    ['an event that is not JSON', { channel: '/chat/a', events: ['{'] }],
    ['an event nested 20,000 levels deep', { channel: '/chat/a', events: [`${'['.repeat(20_000)}${']'.repeat(20_000)}`] }],
    ['a wildcard channel', { channel: '/chat/*', events: ['1'] }],
    ['an unknown namespace', { channel: '/nowhere/a', events: ['1'] }],
    ['a missing channel', { events: ['1'] }],
  ])('answers %s with 400 BadRequestException', async (_, body) => {
    const res = await post(body);

    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect(await res.json()).toEqual({ errors: [{ errorType: 'BadRequestException', message: expect.any(String) }], message: expect.any(String) });
  });

  it('answers an event over 240 KB with 413', async () => {
    const res = await post({ channel: '/chat/a', events: [JSON.stringify('x'.repeat(241 * KB))] });

    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ errorType: 'BadRequestException', message: expect.stringMatching(/Event 0 exceeds/) }] });
  });

  it('answers a body over 1.2 MB with 413', async () => {
    const res = await post({ channel: '/chat/a', events: ['1'], padding: 'x'.repeat(1300 * KB) });

    expect(res.status).toBe(413);
    expect(res.headers.get('x-amzn-errortype')).toBe('BadRequestException');
  });

  it('answers util.unauthorized() in onPublish with 401 and util.error() with 403', async () => {
    local.chat.publish = () => ({ ok: false, error: { errorType: 'Unauthorized', message: 'Unauthorized' } });
    const denied = await post({ channel: '/chat/a', events: ['1'] });
    local.chat.publish = () => ({ ok: false, error: { errorType: 'RoomClosed', message: 'Room is closed' } });
    const failed = await post({ channel: '/chat/a', events: ['1'] });

    expect([denied.status, denied.headers.get('x-amzn-errortype')]).toEqual([401, 'UnauthorizedException']);
    expect([failed.status, await failed.json()]).toEqual([403, { errors: [{ errorType: 'RoomClosed', message: 'Room is closed' }], message: 'Room is closed' }]);
  });

  it('answers an unknown route with 404', async () => {
    const res = await fetch(local.service.url.replace('/event', '/nope'), { method: 'POST' });

    expect(res.status).toBe(404);
  });
});

describe('CORS', () => {
  it('answers a preflight with the allowed origin, methods and headers', async () => {
    const res = await fetch(local.service.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-amz-user-agent' },
    });

    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['content-type', 'x-api-key', 'authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-user-agent']),
    );
  });

  it('adds CORS headers to successes and errors alike', async () => {
    const ok = await post({ channel: '/chat/a', events: ['1'] }, { authorization: 'alice-token', origin: 'http://app.test' });
    const denied = await post({ channel: '/chat/a', events: ['1'] }, { origin: 'http://app.test' });

    expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(denied.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(denied.headers.get('access-control-expose-headers')).toContain('x-amzn-ErrorType');
  });
});
