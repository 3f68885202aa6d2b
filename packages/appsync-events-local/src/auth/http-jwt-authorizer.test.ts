import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCognito, type LocalCognito } from '../cognito/local-cognito.ts';
import { createHttpJwtAuthorizer, type HttpJwtAuthorizer } from './http-jwt-authorizer.ts';
import { createJwtVerifier } from './jwt-verifier.ts';
import { cognitoLocalPrivateKey, decodeJwt, signInWithPassword, signJwt, type PoolTokens } from './test-support/test-tokens.ts';
import { deployedClient } from '../cognito/test-support/deployed-client.ts';

const bob = { email: 'bob@test.local', password: 'Test-pass-1', displayName: 'Bob', groups: [] };

describe('createHttpJwtAuthorizer', () => {
  let cognito: LocalCognito;
  let authorizer: HttpJwtAuthorizer;
  let tokens: PoolTokens;

  beforeAll(async () => {
    cognito = await startLocalCognito({ client: deployedClient, users: [bob], groups: [] });
    authorizer = createHttpJwtAuthorizer(createJwtVerifier(cognito));
    tokens = await signInWithPassword(cognito, bob.email, bob.password);
  });

  afterAll(async () => {
    await cognito?.close();
  });

  it('accepts an access token without Bearer', async () => {
    const result = await authorizer.authorize(tokens.accessToken);

    expect(result).toMatchObject({ ok: true, claims: { token_use: 'access' } });
  });

  it('accepts an access token with Bearer, in any case', async () => {
    const result = await authorizer.authorize(`bearer ${tokens.accessToken}`);

    expect(result.ok).toBe(true);
  });

  it('accepts an ID token', async () => {
    const result = await authorizer.authorize(`Bearer ${tokens.idToken}`);

    expect(result).toMatchObject({ ok: true, claims: { token_use: 'id', email: bob.email } });
  });

  it.each([undefined, '', 'Bearer ', '   '])('refuses a missing token (%j)', async (header) => {
    const result = await authorizer.authorize(header);

    expect(result).toEqual({ ok: false, message: 'Unauthorized: missing Authorization header' });
  });

  it('refuses an expired token with the reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = signJwt({ ...decodeJwt(tokens.accessToken), exp: now - 60 }, cognitoLocalPrivateKey());

    const result = await authorizer.authorize(`Bearer ${expired}`);

    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Unauthorized: Token expired/) });
  });

  it('refuses garbage', async () => {
    const result = await authorizer.authorize('Bearer garbage');

    expect(result.ok).toBe(false);
  });
});
