import { describe, expect, it } from 'vitest';
import { createTokenSigner } from './oidc-signer.ts';
import { verifyUserPoolToken } from './user-pool-mode.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const SECONDS = NOW.getTime() / 1000;
const ISSUER = 'http://127.0.0.1:9229/local_pool1';
const CONFIG = { UserPoolId: 'local_pool1', AwsRegion: 'us-east-1', AppIdClientRegex: 'webclient' };
const signer = createTokenSigner();
const pool = { issuer: ISSUER, jwks: signer.jwks };

const accessClaims = { sub: 'u-1', iss: ISSUER, token_use: 'access', client_id: 'webclient', username: 'ada', 'cognito:groups': ['mods'], iat: SECONDS - 60, exp: SECONDS + 3600 };
const idClaims = { sub: 'u-1', iss: ISSUER, token_use: 'id', aud: 'webclient', 'cognito:username': 'ada', email: 'ada@example.test', iat: SECONDS - 60, exp: SECONDS + 3600 };

describe('verifyUserPoolToken', () => {
  it('admits an access token with the documented identity', () => {
    const decision = verifyUserPoolToken(signer.sign(accessClaims), CONFIG, pool, NOW, '10.0.0.9');

    expect(decision).toEqual({
      ok: true,
      identity: { sub: 'u-1', issuer: ISSUER, username: 'ada', claims: accessClaims, sourceIp: ['10.0.0.9'], defaultAuthStrategy: 'ALLOW', groups: ['mods'] },
    });
  });

  it('admits an ID token, matched to the client by aud, with no groups', () => {
    const decision = verifyUserPoolToken(signer.sign(idClaims), CONFIG, pool, NOW, '10.0.0.9');

    expect(decision).toMatchObject({ ok: true, identity: { username: 'ada', groups: null } });
  });

  it('refuses a client AppIdClientRegex does not match, as a whole', () => {
    const other = verifyUserPoolToken(signer.sign({ ...accessClaims, client_id: 'mobileclient' }), CONFIG, pool, NOW, '10.0.0.9');
    const containing = verifyUserPoolToken(signer.sign({ ...accessClaims, client_id: 'xwebclientx' }), CONFIG, pool, NOW, '10.0.0.9');

    expect(other).toEqual({ ok: false, message: 'App client mobileclient does not match AppIdClientRegex' });
    expect(containing.ok).toBe(false);
  });

  it('admits any client when no AppIdClientRegex is set', () => {
    const decision = verifyUserPoolToken(signer.sign({ ...accessClaims, client_id: 'mobileclient' }), { UserPoolId: 'local_pool1', AwsRegion: 'us-east-1' }, pool, NOW, '1.1.1.1');

    expect(decision.ok).toBe(true);
  });

  it("refuses a client that is not one of the pool's, access or ID token, whatever AppIdClientRegex says", () => {
    const served = { ...pool, clientIds: ['webclient', 'mobileclient'] };
    const open = { UserPoolId: 'local_pool1', AwsRegion: 'us-east-1' };

    expect(verifyUserPoolToken(signer.sign({ ...accessClaims, client_id: 'mobileclient' }), open, served, NOW, '1.1.1.1').ok).toBe(true);
    expect(verifyUserPoolToken(signer.sign({ ...accessClaims, client_id: 'another-client' }), open, served, NOW, '1.1.1.1')).toEqual({
      ok: false,
      message: 'App client another-client is not a client of user pool local_pool1',
    });
    expect(verifyUserPoolToken(signer.sign({ ...idClaims, aud: 'another-client' }), open, served, NOW, '1.1.1.1').ok).toBe(false);
  });

  it('refuses an expired token', () => {
    const decision = verifyUserPoolToken(signer.sign({ ...accessClaims, exp: SECONDS - 1 }), CONFIG, pool, NOW, '10.0.0.9');

    expect(decision).toEqual({ ok: false, message: 'Token has expired' });
  });

  it('refuses a token signed by another key, or altered after signing', () => {
    const stranger = createTokenSigner();
    const [header, , signature] = signer.sign(accessClaims).split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...accessClaims, sub: 'u-2' })).toString('base64url')}.${signature}`;

    expect(verifyUserPoolToken(stranger.sign(accessClaims), CONFIG, pool, NOW, '1.1.1.1')).toMatchObject({ ok: false, message: expect.stringMatching(/^No key .* in the issuer's JWKS$/) });
    expect(verifyUserPoolToken(altered, CONFIG, pool, NOW, '1.1.1.1')).toEqual({ ok: false, message: 'Token signature is invalid' });
  });

  it('refuses another issuer, an unknown token_use and a pool not served locally', () => {
    expect(verifyUserPoolToken(signer.sign({ ...accessClaims, iss: 'http://elsewhere/pool' }), CONFIG, pool, NOW, '1.1.1.1')).toMatchObject({ ok: false, message: expect.stringContaining('is not user pool local_pool1') });
    expect(verifyUserPoolToken(signer.sign({ ...accessClaims, token_use: 'refresh' }), CONFIG, pool, NOW, '1.1.1.1')).toEqual({ ok: false, message: 'Token has an unknown token_use: refresh' });
    expect(verifyUserPoolToken(signer.sign(accessClaims), CONFIG, undefined, NOW, '1.1.1.1')).toEqual({ ok: false, message: 'User pool local_pool1 is not served locally' });
  });

  it('refuses what is not a JWT', () => {
    expect(verifyUserPoolToken('not-a-token', CONFIG, pool, NOW, '1.1.1.1')).toEqual({ ok: false, message: 'Token is not a well-formed JWT' });
  });
});

describe('keys the JWKS holds but cannot verify with', () => {
  it('refuses a token whose key in the JWKS is damaged, without throwing', () => {
    const [key] = signer.jwks.keys;
    const damaged = { issuer: ISSUER, jwks: { keys: [{ ...key, n: 'AQAB', kty: 'EC' }] } };

    expect(verifyUserPoolToken(signer.sign(accessClaims), CONFIG, damaged, NOW, '1.1.1.1')).toEqual({ ok: false, message: 'Token signature is invalid' });
  });
});
