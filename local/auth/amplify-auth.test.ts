// Every test that drives the real aws-amplify client lives here: its Auth singleton is per process.
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCognitoAdminClient, createEventAuthorizer, createHttpJwtAuthorizer, createJwtVerifier, type JwtVerifier, type LocalCognito, startLocalCognito, type UserPoolKeys } from 'appsync-events-local';
import { signInWithPassword } from 'appsync-events-local/src/auth/test-support/test-tokens.ts';
import { deployedClient } from 'appsync-events-local/src/cognito/test-support/deployed-client.ts';

const alice = { email: 'alice@test.local', password: 'Test-pass-1', displayName: 'Alice', groups: [] };
const mod = { email: 'mod@test.local', password: 'Test-pass-2', displayName: 'Morgan', groups: ['moderators'] };

// aws-amplify's default flow, USER_SRP_AUTH, as the app signs in.
async function signInAs(user: { email: string; password: string }) {
  const result = await signIn({ username: user.email, password: user.password });
  expect(result.isSignedIn).toBe(true);
  const { tokens } = await fetchAuthSession();
  if (!tokens?.idToken) throw new Error('no tokens in the session');
  return { accessToken: tokens.accessToken.toString(), idToken: tokens.idToken.toString() };
}

function amzTargetsOf(spy: { mock: { calls: unknown[][] } }): string[] {
  return spy.mock.calls.map(([, init]) => new Headers((init as RequestInit | undefined)?.headers).get('x-amz-target') ?? '');
}

// What the client sent to `endpoint` (the spy also sees the front's own calls to cognito-local).
function bodiesSentTo(endpoint: string, spy: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return spy.mock.calls.filter(([input]) => String(input).startsWith(endpoint)).map(([, init]) => JSON.parse(String((init as RequestInit | undefined)?.body ?? '{}')) as Record<string, unknown>);
}

async function signInError(username: string, password: string, authFlowType?: 'USER_PASSWORD_AUTH') {
  const error = (await signIn({ username, password, options: authFlowType && { authFlowType } }).then(
    () => null,
    (caught: unknown) => caught,
  )) as { name?: string; message?: string } | null;
  return error && { name: error.name, message: error.message };
}

// What differs between two sign-ins of the same user: times and ids of the token itself.
function lasting(claims: Record<string, unknown>): Record<string, unknown> {
  const { iat: _iat, exp: _exp, auth_time: _authTime, jti: _jti, origin_jti: _originJti, event_id: _eventId, ...rest } = claims;
  return rest;
}

describe('the local user pool with the real aws-amplify client', () => {
  let cognito: LocalCognito;
  let verifier: JwtVerifier;

  beforeAll(async () => {
    cognito = await startLocalCognito({ client: deployedClient, users: [alice, mod], groups: ['moderators'] });
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

  it('signs in with aws-amplify’s default USER_SRP_AUTH: the password verifier challenge, answered', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');

    await signInAs(alice);

    const bodies = bodiesSentTo(cognito.endpoint, fetchSpy);
    expect(bodies[0]).toMatchObject({ AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: alice.email } });
    expect(bodies[1]).toMatchObject({ ChallengeName: 'PASSWORD_VERIFIER' });
    expect(JSON.stringify(bodies)).not.toContain(alice.password);
  });

  it('issues the same tokens through SRP as a password sign-in does', async () => {
    const srp = await signInAs(mod);
    const password = await signInWithPassword(cognito, mod.email, mod.password);

    expect(lasting(decodeClaims(srp.accessToken))).toEqual(lasting(decodeClaims(password.accessToken)));
    expect(lasting(decodeClaims(srp.idToken))).toEqual(lasting(decodeClaims(password.idToken)));
  });

  it('refuses a wrong password and an unknown user alike, as Cognito does', async () => {
    const wrongPassword = await signInError(alice.email, 'Wrong-pass-1');
    const unknownUser = await signInError('nobody@test.local', alice.password);

    expect(wrongPassword).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('carries on to the pool’s next challenge after SRP: a new password for an invited user', async () => {
    const invited = { email: 'invited@test.local', temporary: 'Temp-pass-1!', chosen: 'Chosen-pass-1!' };
    await createCognitoAdminClient(cognito.endpoint, cognito.adminToken).call('AdminCreateUser', {
      UserPoolId: cognito.userPoolId,
      Username: invited.email,
      TemporaryPassword: invited.temporary,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: invited.email }, { Name: 'email_verified', Value: 'true' }],
    });

    const first = await signIn({ username: invited.email, password: invited.temporary });
    const confirmed = await confirmSignIn({ challengeResponse: invited.chosen });
    await signOut();
    const again = await signIn({ username: invited.email, password: invited.chosen });

    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
    expect(confirmed.isSignedIn).toBe(true);
    expect(again.isSignedIn).toBe(true);
  });

  it('refuses USER_PASSWORD_AUTH, which the app’s client (like the deployed one) does not allow', async () => {
    const refused = await signInError(alice.email, alice.password, 'USER_PASSWORD_AUTH');

    expect(refused).toEqual({ name: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' });
  });

  it('signs in and yields access and ID tokens that verify', async () => {
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
    const userPools = [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }];
    const authorizer = createEventAuthorizer({
      api: { apiId: 'local', region: 'us-east-1', accountId: '000000000000' },
      eventConfig: {
        AuthProviders: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS', CognitoConfig: { UserPoolId: cognito.userPoolId, AwsRegion: 'us-east-1' } }],
        ConnectionAuthModes: userPools,
        DefaultPublishAuthModes: userPools,
        DefaultSubscribeAuthModes: userPools,
      },
      userPools: { [cognito.userPoolId]: { issuer: cognito.issuer, jwks: cognito.jwks as UserPoolKeys['jwks'] } },
    });

    const result = await authorizer.authorize({
      operation: 'EVENT_CONNECT',
      headers: { Authorization: accessToken, host: 'events.local:3000' },
      signedBody: '{}',
      sourceIp: '127.0.0.1',
    });

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

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
