import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEventsService, type TestEventsService } from './test-events-service.ts';

let local: TestEventsService;

beforeEach(async () => {
  local = await startTestEventsService();
});

afterEach(async () => {
  await local.close();
});

function command(body: unknown): Promise<Response> {
  return fetch(local.service.url.replace('/event', '/_local/faults'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

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

    const res = await command({ dropConnections: { username: 'alice' } });

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

    local.faults.dropConnections({ username: 'bob' });
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
});
