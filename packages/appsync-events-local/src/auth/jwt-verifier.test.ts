import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCognito, type LocalCognito } from '../cognito/local-cognito.ts';
import { createJwtVerifier, JwtRejectedError, type JwtVerifier } from './jwt-verifier.ts';
import {
  cognitoLocalPrivateKey,
  decodeJwt,
  randomPrivateKey,
  signInWithPassword,
  signJwt,
  tamperJwt,
  type PoolTokens,
} from './test-support/test-tokens.ts';
import { deployedClient } from '../cognito/test-support/deployed-client.ts';

const mod = { email: 'mod@test.local', password: 'Test-pass-1', displayName: 'Mod', groups: ['moderators'] };

async function rejection(promise: Promise<unknown>): Promise<JwtRejectedError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(JwtRejectedError);
  return error as JwtRejectedError;
}

describe('createJwtVerifier', () => {
  let cognito: LocalCognito;
  let verifier: JwtVerifier;
  let tokens: PoolTokens;

  beforeAll(async () => {
    cognito = await startLocalCognito({ client: deployedClient, users: [mod], groups: ['moderators'] });
    verifier = createJwtVerifier(cognito);
    tokens = await signInWithPassword(cognito, mod.email, mod.password);
  });

  afterAll(async () => {
    await cognito?.close();
  });

  it('accepts the pool access token and returns its claims', async () => {
    const claims = await verifier.verify(tokens.accessToken, 'access');

    expect(claims).toMatchObject({ token_use: 'access', client_id: cognito.userPoolClientId, iss: cognito.issuer });
    expect(claims['cognito:groups']).toEqual(['moderators']);
  });

  it('accepts the pool ID token and returns its claims', async () => {
    const claims = await verifier.verify(tokens.idToken, 'id');

    expect(claims).toMatchObject({ token_use: 'id', aud: cognito.userPoolClientId, email: mod.email });
    // The seeded display name is the admin-set `name` attribute, which ID tokens carry.
    expect(claims.name).toBe('Mod');
  });

  it('accepts either token type when asked for either', async () => {
    await expect(verifier.verify(tokens.accessToken, 'either')).resolves.toMatchObject({ token_use: 'access' });
    await expect(verifier.verify(tokens.idToken, 'either')).resolves.toMatchObject({ token_use: 'id' });
  });

  it('rejects an ID token where only access tokens are allowed', async () => {
    const error = await rejection(verifier.verify(tokens.idToken, 'access'));

    expect(error.reason).toBe('wrong-token-use');
  });

  it('rejects an access token where only ID tokens are allowed', async () => {
    const error = await rejection(verifier.verify(tokens.accessToken, 'id'));

    expect(error.reason).toBe('wrong-token-use');
  });

  it('rejects a tampered payload as a bad signature', async () => {
    const tampered = tamperJwt(tokens.accessToken, { 'cognito:groups': ['moderators', 'admins'] });

    const error = await rejection(verifier.verify(tampered, 'access'));

    expect(error.reason).toBe('bad-signature');
  });

  it('rejects a token signed with another key', async () => {
    const forged = signJwt(decodeJwt(tokens.accessToken), randomPrivateKey());

    const error = await rejection(verifier.verify(forged, 'access'));

    expect(error.reason).toBe('bad-signature');
  });

  it('rejects an expired token, even when signed with the pool key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = signJwt({ ...decodeJwt(tokens.accessToken), iat: now - 7200, exp: now - 3600 }, cognitoLocalPrivateKey());

    const error = await rejection(verifier.verify(expired, 'access'));

    expect(error.reason).toBe('expired');
  });

  it('rejects a token issued to another app client', async () => {
    const otherClient = signJwt({ ...decodeJwt(tokens.accessToken), client_id: 'another-client' }, cognitoLocalPrivateKey());

    const error = await rejection(verifier.verify(otherClient, 'access'));

    expect(error.reason).toBe('wrong-client');
  });

  it('rejects a token without an expiry', async () => {
    const { exp: _exp, ...claims } = decodeJwt(tokens.accessToken);

    const error = await rejection(verifier.verify(signJwt(claims, cognitoLocalPrivateKey()), 'access'));

    expect(error.reason).toBe('malformed');
  });

  it.each(['', 'not-a-jwt', 'a.b.c'])('rejects a malformed token %j', async (token) => {
    const error = await rejection(verifier.verify(token, 'either'));

    expect(error.reason).toBe('malformed');
  });

  it("rejects another pool's token (same cognito-local key, other issuer)", async () => {
    const other = await startLocalCognito({ client: deployedClient, users: [mod], groups: ['moderators'] });
    try {
      const foreign = await signInWithPassword(other, mod.email, mod.password);

      const error = await rejection(verifier.verify(foreign.accessToken, 'access'));

      expect(error.reason).toBe('wrong-issuer');
    } finally {
      await other.close();
    }
  });
});
