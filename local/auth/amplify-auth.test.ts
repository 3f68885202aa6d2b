// Every test that drives the real aws-amplify client lives here: its Auth singleton is per process.
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalCognito, type LocalCognito } from '../cognito/local-cognito.ts';
import { createEventAuthorizer } from './event-authorizer.ts';
import { createHttpJwtAuthorizer } from './http-jwt-authorizer.ts';
import { createJwtVerifier, type JwtVerifier } from './jwt-verifier.ts';

const alice = { email: 'alice@test.local', password: 'Test-pass-1', displayName: 'Alice', groups: [] };
const mod = { email: 'mod@test.local', password: 'Test-pass-2', displayName: 'Morgan', groups: ['moderators'] };
const iam = { accessKeyId: 'AKIATESTLOCAL0000000', secretAccessKey: 'test-secret', accountId: '000000000000', region: 'us-east-1' };

async function signInAs(user: { email: string; password: string }) {
  const result = await signIn({ username: user.email, password: user.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  expect(result.isSignedIn).toBe(true);
  const { tokens } = await fetchAuthSession();
  if (!tokens?.idToken) throw new Error('no tokens in the session');
  return { accessToken: tokens.accessToken.toString(), idToken: tokens.idToken.toString() };
}

function amzTargetsOf(spy: { mock: { calls: unknown[][] } }): string[] {
  return spy.mock.calls.map(([, init]) => new Headers((init as RequestInit | undefined)?.headers).get('x-amz-target') ?? '');
}

describe('the local user pool with the real aws-amplify client', () => {
  let cognito: LocalCognito;
  let verifier: JwtVerifier;

  beforeAll(async () => {
    cognito = await startLocalCognito({ users: [alice, mod], groups: ['moderators'] });
    verifier = createJwtVerifier(cognito);
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // "custom Amazon Cognito User Pool endpoint"
    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: cognito.userPoolId,
          userPoolClientId: cognito.userPoolClientId,
          userPoolEndpoint: cognito.endpoint,
        },
      },
    });
  });

  afterEach(async () => {
    await signOut();
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await cognito?.close();
  });

  it('signs in with USER_PASSWORD_AUTH and yields access and ID tokens that verify', async () => {
    const { accessToken, idToken } = await signInAs(alice);

    const access = await verifier.verify(accessToken, 'access');
    const id = await verifier.verify(idToken, 'id');

    expect(access).toMatchObject({ token_use: 'access', iss: cognito.issuer, client_id: cognito.userPoolClientId });
    expect(access['cognito:groups']).toBeUndefined();
    expect(id).toMatchObject({ email: alice.email, email_verified: true, name: 'Alice', sub: access.sub });
  });

  it('puts the moderators group in both tokens of a moderator', async () => {
    const { accessToken, idToken } = await signInAs(mod);

    expect((await verifier.verify(accessToken, 'access'))['cognito:groups']).toEqual(['moderators']);
    expect((await verifier.verify(idToken, 'id'))['cognito:groups']).toEqual(['moderators']);
  });

  it('refreshes through the GetTokensFromRefreshToken bridge and the new tokens verify', async () => {
    const before = await signInAs(mod);
    const fetchSpy = vi.spyOn(globalThis, 'fetch');

    const { tokens } = await fetchAuthSession({ forceRefresh: true });

    expect(amzTargetsOf(fetchSpy)).toContain('AWSCognitoIdentityProviderService.GetTokensFromRefreshToken');
    const accessToken = tokens?.accessToken.toString() ?? '';
    expect(accessToken).not.toBe(before.accessToken);
    const access = await verifier.verify(accessToken, 'access');
    expect(access['cognito:groups']).toEqual(['moderators']);
    await expect(verifier.verify(tokens?.idToken?.toString() ?? '', 'id')).resolves.toMatchObject({ email: mod.email });
  });

  it("authorizes an Events request carrying Amplify's access token, as Amplify sends it", async () => {
    const { accessToken } = await signInAs(mod);
    const authorizer = createEventAuthorizer({ jwt: verifier, iam });

    const result = await authorizer.authorize(
      { headers: { Authorization: accessToken, host: 'events.local:3000' }, signedBody: '{}', sourceIp: '127.0.0.1' },
      ['AMAZON_COGNITO_USER_POOLS'],
    );

    expect(result).toMatchObject({
      ok: true,
      authType: 'AMAZON_COGNITO_USER_POOLS',
      identity: { issuer: cognito.issuer, groups: ['moderators'], sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW' },
    });
  });

  it("authorizes an HTTP API request with Amplify's ID token behind Bearer", async () => {
    const { idToken } = await signInAs(alice);

    const result = await createHttpJwtAuthorizer(verifier).authorize(`Bearer ${idToken}`);

    expect(result).toMatchObject({ ok: true, claims: { email: alice.email } });
  });
});
