import { describe, expect, it } from 'vitest';
import { verifyOidcToken } from './oidc-mode.ts';
import { createTokenSigner } from './oidc-signer.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const SECONDS = NOW.getTime() / 1000;
const ISSUER = 'https://login.example.test';
const signer = createTokenSigner();
const claims = { iss: ISSUER, sub: 'user-7', aud: 'events-app', iat: SECONDS - 120, auth_time: SECONDS - 600, exp: SECONDS + 3600, name: 'Grace' };
const CONFIG = { Issuer: ISSUER, ClientId: 'events-app', IatTTL: 300_000, AuthTTL: 900_000 };

describe('verifyOidcToken', () => {
  it('admits a token within both TTLs, with the documented identity', () => {
    const decision = verifyOidcToken(signer.sign(claims), CONFIG, signer.jwks, NOW, '192.0.2.1');

    expect(decision).toEqual({ ok: true, identity: { sub: 'user-7', issuer: ISSUER, claims, sourceIp: ['192.0.2.1'] } });
  });

  it('refuses a token authenticated longer ago than AuthTTL (milliseconds)', () => {
    const decision = verifyOidcToken(signer.sign({ ...claims, auth_time: SECONDS - 901 }), CONFIG, signer.jwks, NOW, '192.0.2.1');

    expect(decision).toEqual({ ok: false, message: 'Token was authenticated longer ago than AuthTTL' });
  });

  it('refuses a token issued longer ago than IatTTL', () => {
    const decision = verifyOidcToken(signer.sign({ ...claims, iat: SECONDS - 301 }), CONFIG, signer.jwks, NOW, '192.0.2.1');

    expect(decision).toEqual({ ok: false, message: 'Token was issued longer ago than IatTTL' });
  });

  it('refuses a token without auth_time when AuthTTL is set, and ignores the TTLs when they are 0', () => {
    const { auth_time: _dropped, ...withoutAuthTime } = claims;

    expect(verifyOidcToken(signer.sign(withoutAuthTime), CONFIG, signer.jwks, NOW, '1.1.1.1')).toEqual({ ok: false, message: 'Token has no auth_time claim' });
    expect(verifyOidcToken(signer.sign({ ...withoutAuthTime, iat: SECONDS - 86_400 }), { ...CONFIG, IatTTL: 0, AuthTTL: 0 }, signer.jwks, NOW, '1.1.1.1').ok).toBe(true);
  });

  it('matches ClientId against aud (one or several), azp or client_id, as a whole', () => {
    const pattern = { ...CONFIG, ClientId: 'events-(web|ios)' };

    expect(verifyOidcToken(signer.sign({ ...claims, aud: ['other', 'events-ios'] }), pattern, signer.jwks, NOW, '1.1.1.1').ok).toBe(true);
    expect(verifyOidcToken(signer.sign({ ...claims, aud: undefined, client_id: 'events-web' }), pattern, signer.jwks, NOW, '1.1.1.1').ok).toBe(true);
    expect(verifyOidcToken(signer.sign({ ...claims, aud: 'events-webx' }), pattern, signer.jwks, NOW, '1.1.1.1')).toEqual({ ok: false, message: 'Token was not issued to a client ClientId matches' });
  });

  it('refuses a token from another issuer and an expired one', () => {
    expect(verifyOidcToken(signer.sign({ ...claims, iss: 'https://evil.test' }), CONFIG, signer.jwks, NOW, '1.1.1.1')).toEqual({ ok: false, message: `Token issuer https://evil.test is not ${ISSUER}` });
    expect(verifyOidcToken(signer.sign({ ...claims, exp: SECONDS }), CONFIG, signer.jwks, NOW, '1.1.1.1')).toEqual({ ok: false, message: 'Token has expired' });
  });
});
