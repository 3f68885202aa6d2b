import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_HEADER } from '../access/local-access.ts';
import { rawRequest } from '../access/test-support/raw-http.ts';
import { startTestEventsService, type TestEventsService } from './test-events-service.ts';

let local: TestEventsService;

beforeEach(async () => {
  local = await startTestEventsService();
});

afterEach(async () => {
  await local.close();
});

const faultsUrl = () => local.service.url.replace('/event', '/_local/faults');

function command(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(faultsUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: local.service.adminToken, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const SET_FAULT = { lambda: { name: 'persist-messages', fault: { failRate: 1 } } };

describe('POST /_local/faults', () => {
  it('drops every live connection and says how many', async () => {
    const alice = await local.connect('alice-token');
    const bob = await local.connect('bob-token');

    const res = await command({ dropConnections: {} });

    expect(await res.json()).toEqual({ dropped: 2 });
    await Promise.all([alice.closed, bob.closed]);
  });

  it("drops only one user's connections", async () => {
    const alice = await local.connect('alice-token');
    const aliceAgain = await local.connect('alice-token');
    const bob = await local.connect('bob-token');
    bob.send({ type: 'subscribe', id: 'sub-1', channel: '/chat/a' });
    await bob.next('subscribe_success');

    const res = await command({ dropConnections: { sub: 'sub-alice' } });

    expect(await res.json()).toEqual({ dropped: 2 });
    await Promise.all([alice.closed, aliceAgain.closed]);
    const publisher = await local.connect('alice-token');
    publisher.send({ type: 'publish', id: 'p', channel: '/chat/a', events: ['1'] });
    expect(await bob.next()).toEqual({ type: 'data', id: 'sub-1', event: '1' });
  });

  it('forgets the subscriptions of dropped connections', async () => {
    const bob = await local.connect('bob-token');
    bob.send({ type: 'subscribe', id: 'sub-1', channel: '/chat/a' });
    await bob.next('subscribe_success');

    local.faults.dropConnections({ sub: 'sub-bob' });
    await bob.closed;
    const again = await local.connect('bob-token');
    again.send({ type: 'subscribe', id: 'sub-1', channel: '/chat/a' });

    expect(await again.next()).toEqual({ type: 'subscribe_success', id: 'sub-1' });
  });

  it('sets and clears a Lambda fault', async () => {
    const set = await command({ lambda: { name: 'persist-messages', fault: { failNext: 1 } } });
    expect(await set.json()).toEqual({ faults: { lambdas: { 'persist-messages': { failNext: 1 } } } });

    const removed = await command({ lambda: { name: 'persist-messages', fault: null } });
    expect(await removed.json()).toEqual({ faults: { lambdas: {} } });
  });

  it('clears every fault', async () => {
    local.faults.setLambdaFault('history', { delayMs: 10 });

    const res = await command({ clear: true });

    expect(await res.json()).toEqual({ faults: { lambdas: {} } });
  });

  it.each([
    ['not JSON', '{'],
    ['an unknown command', { reboot: true }],
    ['an unknown function', { lambda: { name: 'nope', fault: null } }],
    ['a bad fault', { lambda: { name: 'history', fault: { failRate: 5 } } }],
  ])('answers %s with 400 and changes nothing', async (_, body) => {
    const res = await command(body);

    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ errorType: 'BadRequestException', message: expect.any(String) }], message: expect.any(String) });
    expect(local.faults.snapshot()).toEqual({ lambdas: {} });
  });

  it('refuses a page on another site: a text/plain CORS simple request, without the token, changes nothing', async () => {
    const res = await fetch(faultsUrl(), {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(SET_FAULT),
    });

    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(local.faults.snapshot()).toEqual({ lambdas: {} });
  });

  it('refuses another origin even when it has the token, and grants it no CORS', async () => {
    const res = await command(SET_FAULT, { origin: 'https://evil.example' });

    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(local.faults.snapshot()).toEqual({ lambdas: {} });
  });

  it('answers a preflight from another origin without CORS permission', async () => {
    const res = await fetch(faultsUrl(), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('refuses %s content even with the token: 415, nothing changed', async (_, contentType) => {
    const res = await command(SET_FAULT, { 'content-type': contentType });

    expect(res.status).toBe(415);
    expect(local.faults.snapshot()).toEqual({ lambdas: {} });
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'f'.repeat(64)],
  ])('refuses a request with %s: 401, nothing changed', async (_, token) => {
    const res = await fetch(faultsUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { [ADMIN_TOKEN_HEADER]: token }) },
      body: JSON.stringify(SET_FAULT),
    });

    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { errorType: string }[] }).errors[0]?.errorType).toBe('UnauthorizedException');
    expect(local.faults.snapshot()).toEqual({ lambdas: {} });
  });

  it('refuses every /_local/ path without the token, not only the known one', async () => {
    const res = await fetch(faultsUrl().replace('/faults', '/anything'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    expect(res.status).toBe(401);
  });

  it("serves the app's own origin, with CORS for it alone", async () => {
    const res = await command(SET_FAULT, { origin: 'http://localhost:5173' });

    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(local.faults.snapshot()).toEqual({ lambdas: { 'persist-messages': { failRate: 1 } } });
  });

  it('refuses a request addressed to another host (DNS rebinding) even with the token: 421, nothing changed', async () => {
    const res = await rawRequest(faultsUrl(), {
      method: 'POST',
      headers: { host: `evil.example:${local.service.port}`, 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: local.service.adminToken },
      body: JSON.stringify(SET_FAULT),
    });

    expect(res.status).toBe(421);
    expect(JSON.parse(res.body)).toEqual({ message: expect.stringContaining('evil.example') });
    expect(local.faults.snapshot()).toEqual({ lambdas: {} });
  });
});

