import { afterEach, describe, expect, it } from 'vitest';
import { startTestEventsService, type TestEventsService } from './test-events-service.ts';
import { headerSubprotocol, realtimeUrl, upgradeStatus } from './test-socket.ts';

const PROTOCOL = 'aws-appsync-event-ws';
let local: TestEventsService;

afterEach(async () => {
  await local.close();
});

describe('WebSocket handshake', () => {
  it('refuses an upgrade without the aws-appsync-event-ws subprotocol', async () => {
    local = await startTestEventsService();

    const status = await upgradeStatus(realtimeUrl(local.service.url), { protocols: [headerSubprotocol({ Authorization: 'alice-token' })] });

    expect(status).toBe(400);
  });

  it('refuses an upgrade addressed to another host (DNS rebinding) before the handshake: 421', async () => {
    local = await startTestEventsService();

    const status = await upgradeStatus(realtimeUrl(local.service.url), {
      protocols: [PROTOCOL, headerSubprotocol({ Authorization: 'alice-token' })],
      headers: { host: `evil.example:${local.service.port}` },
    });

    expect(status).toBe(421);
    expect(local.authorizer.calls).toEqual([]);
  });

  it('upgrades when addressed as localhost on its port', async () => {
    local = await startTestEventsService();

    const socket = await local.open({ protocols: [PROTOCOL], headers: { host: `localhost:${local.service.port}` } });

    expect(socket.protocol).toBe(PROTOCOL);
  });

  it('refuses an upgrade on another path', async () => {
    local = await startTestEventsService();

    const status = await upgradeStatus(local.service.url.replace(/^http/, 'ws'), { protocols: [PROTOCOL] });

    expect(status).toBe(404);
  });

  it('selects exactly aws-appsync-event-ws, never the header subprotocol', async () => {
    local = await startTestEventsService();

    const socket = await local.open({ protocols: [headerSubprotocol({ Authorization: 'alice-token' }), PROTOCOL] });

    expect(socket.protocol).toBe(PROTOCOL);
  });

  it('authorizes the connection from the header subprotocol against the connection auth modes', async () => {
    local = await startTestEventsService();

    await local.connect('alice-token');

    expect(local.authorizer.calls[0]).toMatchObject({
      request: { headers: { authorization: 'alice-token', host: 'localhost' }, signedBody: '{}' },
      modes: ['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'],
    });
  });

  it('falls back to the upgrade request headers and ignores the query string', async () => {
    local = await startTestEventsService();
    const socket = await local.open({ protocols: [PROTOCOL], headers: { Authorization: 'Bearer bob-token' } });

    socket.send({ type: 'connection_init' });

    expect(await socket.next()).toEqual({ type: 'connection_ack', connectionTimeoutMs: 300_000 });
  });

  it('sends connection_error (UnauthorizedException, 401) then closes on bad credentials', async () => {
    local = await startTestEventsService();
    const socket = await local.open({ protocols: [PROTOCOL, headerSubprotocol({ Authorization: 'mallory-token' })] });

    const error = await socket.next();
    await socket.closed;

    expect(error).toEqual({ type: 'connection_error', errors: [{ errorType: 'UnauthorizedException', errorCode: 401, message: expect.any(String) }] });
    expect(socket.buffered()).toEqual([]);
  });

  it('sends connection_error for a header subprotocol that does not decode', async () => {
    local = await startTestEventsService();
    const socket = await local.open({ protocols: [PROTOCOL, 'header-bm90LWpzb24'] });

    expect(await socket.next()).toMatchObject({ type: 'connection_error', errors: [{ errorType: 'UnauthorizedException' }] });
    await socket.closed;
  });

  it('does not answer frames sent by an unauthorized connection', async () => {
    local = await startTestEventsService();
    const socket = await local.open({ protocols: [PROTOCOL, headerSubprotocol({ Authorization: 'nope' })] });

    socket.send({ type: 'connection_init' });
    await socket.closed;

    expect(socket.buffered().map((f) => f.type)).toEqual(['connection_error']);
  });

  it('answers connection_init with connection_ack, then ka immediately', async () => {
    local = await startTestEventsService({ connectionTimeoutMs: 12_345 });
    const socket = await local.open({ protocols: [PROTOCOL, headerSubprotocol({ Authorization: 'alice-token' })] });

    socket.send({ type: 'connection_init' });

    expect(await socket.next()).toEqual({ type: 'connection_ack', connectionTimeoutMs: 12_345 });
    expect(await socket.next()).toEqual({ type: 'ka' });
  });

  it('keeps sending ka every keepAliveIntervalMs', async () => {
    local = await startTestEventsService({ keepAliveIntervalMs: 20 });
    const socket = await local.connect('alice-token');

    await socket.next('ka', 2_000);
    await socket.next('ka', 2_000);
  });

  it('closes its sockets when the service closes', async () => {
    local = await startTestEventsService();
    const socket = await local.connect('alice-token');

    await local.service.close();

    expect(await socket.closed).toMatchObject({ code: expect.any(Number) });
  });
});
