/**
 * The auth app end to end: tokens from the package's local OIDC issuer and from the Lambda
 * authorizer (the fixture's asset folder, run by the emulator's Lambda runner), through unmodified
 * aws-amplify clients. Each namespace's handler stamps what it saw in `ctx.identity` on the event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, type LocalOidcIssuer, startEmulator, startLocalOidcIssuer } from '../src/index.ts';
import { buildAuthApp, LAMBDA_NAMESPACE, OIDC_NAMESPACE } from './fixtures/auth-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';
import { type AmplifyTestClient, startAmplifyClient } from './support/amplify-client.ts';

const CLIENT_ID = 'auth-fixture';
let issuer: LocalOidcIssuer;
let emulator: Emulator;
const clients: AmplifyTestClient[] = [];

beforeAll(async () => {
  issuer = await startLocalOidcIssuer({ clientId: CLIENT_ID });
  const assemblyDir = await synthFixture('auth', (app) => buildAuthApp(app, { oidcIssuer: issuer.issuer, oidcClientId: CLIENT_ID }));
  emulator = await startEmulator({ assemblyDir });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await emulator?.close();
  await issuer?.close();
  await removeSynthesizedFixtures();
});

function oidcClient(token: string): AmplifyTestClient {
  const client = startAmplifyClient(emulator.outputs, { defaultAuthMode: 'oidc' }, token);
  clients.push(client);
  return client;
}

function lambdaClient(): AmplifyTestClient {
  const client = startAmplifyClient(emulator.outputs, { defaultAuthMode: 'lambda' });
  clients.push(client);
  return client;
}

describe('OPENID_CONNECT on the emulator', () => {
  it("admits the issuer's token for the API's client id; the handler sees its sub and issuer", async () => {
    const [listener, publisher] = [oidcClient(issuer.issueToken('listener')), oidcClient(issuer.issueToken('publisher'))];
    await listener.subscribe('room', `${OIDC_NAMESPACE}/room`);

    await publisher.post(`${OIDC_NAMESPACE}/room`, [{ text: 'hi' }]);
    const received = await listener.waitForEvents('room', 1);

    expect(received).toEqual([{ text: 'hi', sub: 'publisher', issuer: issuer.issuer }]);
  });

  it('refuses a token for another audience, and an expired one', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const otherAudience = oidcClient(issuer.issueToken('listener', { aud: 'another-client' }));
    const expired = oidcClient(issuer.issueToken('listener', { iat: past, auth_time: past, exp: past + 60 }));

    await expect(otherAudience.subscribe('room', `${OIDC_NAMESPACE}/room`)).rejects.toThrow(/Unauthorized/);
    await expect(expired.post(`${OIDC_NAMESPACE}/room`, [{ text: 'late' }])).rejects.toThrow(/Unauthorized/);
  });
});

describe('AWS_LAMBDA on the emulator', () => {
  it("admits what the authorizer admits; the handler sees its handlerContext in ctx.identity", async () => {
    const [listener, publisher] = [lambdaClient(), lambdaClient()];
    await listener.subscribe('room', `${LAMBDA_NAMESPACE}/room`, { authMode: 'lambda', authToken: 'allow:listener' });

    await publisher.post(`${LAMBDA_NAMESPACE}/room`, [{ text: 'hi' }], { authMode: 'lambda', authToken: 'allow:publisher' });
    const received = await listener.waitForEvents('room', 1);

    expect(received).toEqual([{ text: 'hi', handlerContext: { caller: 'publisher', operation: 'EVENT_PUBLISH' } }]);
  });

  it('refuses what the authorizer refuses', async () => {
    const stranger = lambdaClient();

    await expect(stranger.subscribe('room', `${LAMBDA_NAMESPACE}/room`, { authMode: 'lambda', authToken: 'deny:stranger' })).rejects.toThrow(/Unauthorized/);
    await expect(stranger.post(`${LAMBDA_NAMESPACE}/room`, [{ text: 'no' }], { authMode: 'lambda', authToken: 'deny:stranger' })).rejects.toThrow(/Unauthorized/);
  });
});
