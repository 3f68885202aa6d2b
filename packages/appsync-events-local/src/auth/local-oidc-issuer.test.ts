import { afterEach, describe, expect, it } from 'vitest';
import { createEventAuthorizer } from './event-authorizer.ts';
import { type LocalOidcIssuer, startLocalOidcIssuer } from './local-oidc-issuer.ts';
import { discoverJwks } from './oidc-discovery.ts';

const issuers: LocalOidcIssuer[] = [];
afterEach(async () => {
  await Promise.all(issuers.splice(0).map((issuer) => issuer.close()));
});

async function start(options: Parameters<typeof startLocalOidcIssuer>[0] = {}): Promise<LocalOidcIssuer> {
  const issuer = await startLocalOidcIssuer(options);
  issuers.push(issuer);
  return issuer;
}

const oidcOnly = (issuer: string, ttl: { AuthTTL?: number } = {}) => ({
  AuthProviders: [{ AuthType: 'OPENID_CONNECT', OpenIDConnectConfig: { Issuer: issuer, ClientId: 'local-client', ...ttl } }],
  ConnectionAuthModes: [{ AuthType: 'OPENID_CONNECT' }],
  DefaultPublishAuthModes: [{ AuthType: 'OPENID_CONNECT' }],
  DefaultSubscribeAuthModes: [{ AuthType: 'OPENID_CONNECT' }],
});

describe('startLocalOidcIssuer', () => {
  it('serves its discovery document and JWKS', async () => {
    const issuer = await start();

    const configuration = (await (await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    const jwks = await (await fetch(String(configuration.jwks_uri))).json();
    const missing = await fetch(`${issuer.issuer}/authorize`);

    expect(configuration).toMatchObject({ issuer: issuer.issuer, id_token_signing_alg_values_supported: ['RS256'] });
    expect(jwks).toEqual(issuer.jwks);
    expect(missing.status).toBe(404);
  });

  it('issues tokens the authorizer admits after discovering the keys over HTTP', async () => {
    const issuer = await start();
    const events = createEventAuthorizer({ api: { apiId: 'abc', accountId: '111122223333', region: 'us-east-1' }, eventConfig: oidcOnly(issuer.issuer) });

    const decision = await events.authorize({ operation: 'EVENT_CONNECT', headers: { authorization: issuer.issueToken('user-1', { email: 'u@example.test' }) }, signedBody: '{}', sourceIp: '127.0.0.1' });

    expect(decision).toMatchObject({ ok: true, authType: 'OPENID_CONNECT', identity: { sub: 'user-1', issuer: issuer.issuer, claims: { email: 'u@example.test', aud: 'local-client' } } });
  });

  it('stamps auth_time from its clock, so AuthTTL refuses a token authenticated too long ago', async () => {
    let now = new Date('2026-03-01T12:00:00Z');
    const issuer = await start({ now: () => now, expiresInSeconds: 86_400 });
    const token = issuer.issueToken('user-1');
    now = new Date(now.getTime() + 120_000);
    const events = createEventAuthorizer({ api: { apiId: 'abc', accountId: '111122223333', region: 'us-east-1' }, eventConfig: oidcOnly(issuer.issuer, { AuthTTL: 60_000 }), now: () => now });

    const decision = await events.authorize({ operation: 'EVENT_CONNECT', headers: { authorization: token }, signedBody: '{}', sourceIp: '127.0.0.1' });

    expect(decision).toEqual({ ok: false, message: 'OPENID_CONNECT: Token was authenticated longer ago than AuthTTL' });
  });

  it('is refused by discovery when its document names another issuer', async () => {
    const issuer = await start();
    const source = discoverJwks();

    await expect(source(`${issuer.issuer}/`)).rejects.toThrow(`names issuer ${issuer.issuer}`);
    await expect(source(issuer.issuer)).resolves.toEqual(issuer.jwks);
  });
});
