import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientAuthFlows } from './test-support/deployed-client.ts';
import { ADMIN_TOKEN_HEADER } from '../access/local-access.ts';
import { rawRequest } from '../access/test-support/raw-http.ts';
import { decodeJwt, signInWithPassword } from '../auth/test-support/test-tokens.ts';
import { createCognitoAdminClient } from './cognito-admin-client.ts';
import { startCognitoLocalServer } from './cognito-local-server.ts';
import { startLocalCognito, type LocalCognito, type SeedUser } from './local-cognito.ts';
import { deployedClient } from './test-support/deployed-client.ts';

const alice: SeedUser = { email: 'alice@test.local', password: 'Test-pass-1', displayName: 'Alice', groups: [] };
const mod: SeedUser = { email: 'mod@test.local', password: 'Test-pass-2', displayName: 'Morgan', groups: ['moderators'] };
const groups = ['moderators'];

function post(cognito: LocalCognito, operation: string, input: unknown, headers: Record<string, string> = {}) {
  return fetch(cognito.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      ...headers,
    },
    body: JSON.stringify(input),
  });
}

describe('startLocalCognito', () => {
  const running: LocalCognito[] = [];
  const dirs: string[] = [];

  async function start(options: Partial<Parameters<typeof startLocalCognito>[0]> = {}): Promise<LocalCognito> {
    const cognito = await startLocalCognito({ client: deployedClient, users: [alice, mod], groups, ...options });
    running.push(cognito);
    return cognito;
  }

  afterEach(async () => {
    for (const cognito of running.splice(0)) await cognito.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('issues tokens whose iss is exactly the reported issuer, under the endpoint', async () => {
    const cognito = await start();

    const { accessToken, idToken } = await signInWithPassword(cognito, alice.email, alice.password);

    expect(cognito.issuer).toBe(`${cognito.endpoint}/${cognito.userPoolId}`);
    expect(decodeJwt(accessToken).iss).toBe(cognito.issuer);
    expect(decodeJwt(idToken).iss).toBe(cognito.issuer);
  });

  it('seeds users with email as the username attribute, verified email, the admin-set name and groups', async () => {
    const cognito = await start();

    const { idToken } = await signInWithPassword(cognito, mod.email, mod.password);

    expect(decodeJwt(idToken)).toMatchObject({
      email: mod.email,
      email_verified: true,
      name: 'Morgan',
      'cognito:groups': ['moderators'],
    });
    expect(decodeJwt(idToken)['cognito:username']).toBe(decodeJwt(idToken).sub);
  });

  it('keeps the pool, the client and the users across a restart on the same data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'appsync-events-local-cognito-test-'));
    dirs.push(dataDir);
    const first = await start({ dataDir });
    const firstSub = decodeJwt((await signInWithPassword(first, alice.email, alice.password)).accessToken).sub;
    await first.close();
    running.splice(0);

    const second = await start({ dataDir, users: [{ ...alice, displayName: 'Alice B.' }, { ...mod, groups: [] }] });

    expect([second.userPoolId, second.userPoolClientId]).toEqual([first.userPoolId, first.userPoolClientId]);
    const admin = createCognitoAdminClient(second.endpoint, second.adminToken);
    const { UserPools } = await admin.call<{ UserPools: unknown[] }>('ListUserPools', { MaxResults: 60 });
    const { Users } = await admin.call<{ Users: unknown[] }>('ListUsers', { UserPoolId: second.userPoolId });
    expect([UserPools.length, Users.length]).toEqual([1, 2]);
    const aliceTokens = await signInWithPassword(second, alice.email, alice.password);
    expect(decodeJwt(aliceTokens.accessToken).sub).toBe(firstSub);
    expect(decodeJwt(aliceTokens.idToken).name).toBe('Alice B.');
    const modTokens = await signInWithPassword(second, mod.email, mod.password);
    expect(decodeJwt(modTokens.accessToken)['cognito:groups']).toBeUndefined();
  });

  it('runs several instances side by side, each with its own pool', async () => {
    const [a, b] = await Promise.all([start(), start()]);

    expect(a.endpoint).not.toBe(b.endpoint);
    await expect(signInWithPassword(b, alice.email, alice.password)).resolves.toBeDefined();
    expect(a.issuer).not.toBe(b.issuer);
  });

  it('answers a CORS preflight for the headers Amplify sends, echoing the origin', async () => {
    const cognito = await start();

    const response = await fetch(cognito.endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent,cache-control',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const allowed = response.headers.get('access-control-allow-headers')?.split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'x-amz-target', 'x-amz-user-agent', 'cache-control']));
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('puts the CORS origin on proxied answers to what a user sends, from any site, as Cognito does', async () => {
    const cognito = await start();

    const response = await post(
      cognito,
      'InitiateAuth',
      { AuthFlow: 'USER_SRP_AUTH', ClientId: cognito.userPoolClientId, AuthParameters: { USERNAME: alice.email, SRP_A: '02' } },
      { origin: 'https://elsewhere.example' },
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://elsewhere.example');
  });

  it('gives the app client the deployed client’s auth flows, also on a data directory seeded before', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'appsync-events-local-cognito-test-'));
    dirs.push(dataDir);
    const first = await start({ dataDir });
    const admin = createCognitoAdminClient(first.endpoint, first.adminToken);
    await admin.call('UpdateUserPoolClient', { UserPoolId: first.userPoolId, ClientId: first.userPoolClientId, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
    await first.close();
    running.splice(0);

    const second = await start({ dataDir });

    const { UserPoolClient } = await createCognitoAdminClient(second.endpoint, second.adminToken).call<{ UserPoolClient: { ExplicitAuthFlows: string[] } }>(
      'DescribeUserPoolClient',
      { UserPoolId: second.userPoolId, ClientId: second.userPoolClientId },
    );
    expect(UserPoolClient.ExplicitAuthFlows).toEqual([...clientAuthFlows]);
  });

  it('refuses USER_PASSWORD_AUTH as the client does not allow it, except to tooling with the admin token', async () => {
    const cognito = await start();
    const input = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cognito.userPoolClientId, AuthParameters: { USERNAME: alice.email, PASSWORD: alice.password } };

    const anyone = await post(cognito, 'InitiateAuth', input);
    const tooling = await post(cognito, 'InitiateAuth', input, { [ADMIN_TOKEN_HEADER]: cognito.adminToken });

    expect([anyone.status, await anyone.json()]).toEqual([400, { __type: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' }]);
    expect(tooling.status).toBe(200);
  });

  it('refuses a flow no client has, as Cognito does', async () => {
    const cognito = await start();

    const response = await post(cognito, 'InitiateAuth', { AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: cognito.userPoolClientId, AuthParameters: {} });

    expect([response.status, await response.json()]).toEqual([400, { __type: 'InvalidParameterException', message: 'Initiate Auth method not supported.' }]);
  });

  it('answers a wrong password and an unknown user in a password sign-in alike, in Cognito’s words', async () => {
    const cognito = await start();
    const signIn = (USERNAME: string, PASSWORD: string) =>
      post(cognito, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cognito.userPoolClientId, AuthParameters: { USERNAME, PASSWORD } }, { [ADMIN_TOKEN_HEADER]: cognito.adminToken });

    const wrongPassword = await signIn(alice.email, 'Wrong-pass-1');
    const unknownUser = await signIn('nobody@test.local', alice.password);

    const refusal = [400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }];
    expect([wrongPassword.status, await wrongPassword.json()]).toEqual(refusal);
    expect([unknownUser.status, await unknownUser.json()]).toEqual(refusal);
  });

  it('serves an OpenID configuration naming the real issuer and a working JWKS URI', async () => {
    const cognito = await start();

    const config = (await (await fetch(`${cognito.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    const jwks = await (await fetch(config.jwks_uri!)).json();

    expect(config.issuer).toBe(cognito.issuer);
    expect(jwks).toEqual(cognito.jwks);
  });

  it('bridges GetTokensFromRefreshToken into a refresh, in its response shape', async () => {
    const cognito = await start();
    const { refreshToken } = await signInWithPassword(cognito, mod.email, mod.password);

    const response = await post(cognito, 'GetTokensFromRefreshToken', { ClientId: cognito.userPoolClientId, RefreshToken: refreshToken });

    expect(response.status).toBe(200);
    const { AuthenticationResult } = (await response.json()) as { AuthenticationResult: Record<string, unknown> };
    expect(AuthenticationResult).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
    expect(AuthenticationResult.RefreshToken).toBeUndefined();
    expect(decodeJwt(String(AuthenticationResult.AccessToken))['cognito:groups']).toEqual(['moderators']);
    expect(decodeJwt(String(AuthenticationResult.IdToken)).token_use).toBe('id');
  });

  it('answers NotAuthorizedException for an unknown refresh token', async () => {
    const cognito = await start();

    const response = await post(cognito, 'GetTokensFromRefreshToken', { ClientId: cognito.userPoolClientId, RefreshToken: 'nope' });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('NotAuthorizedException');
  });
});

describe('the local user pool refuses what only an administrator may do', () => {
  let cognito: LocalCognito;
  const addAliceToModerators = (headers: Record<string, string>) =>
    post(cognito, 'AdminAddUserToGroup', { UserPoolId: cognito.userPoolId, Username: alice.email, GroupName: 'moderators' }, headers);
  const aliceGroups = async () => decodeJwt((await signInWithPassword(cognito, alice.email, alice.password)).accessToken)['cognito:groups'];

  beforeEach(async () => {
    cognito = await startLocalCognito({ client: deployedClient, users: [alice, mod], groups });
  });

  afterEach(async () => {
    await cognito.close();
  });

  it('refuses AdminAddUserToGroup without the admin token, as Cognito refuses an unauthorized call: alice stays a member', async () => {
    const response = await addAliceToModerators({});

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: 'NotAuthorizedException', message: expect.stringContaining('AdminAddUserToGroup') });
    expect(await aliceGroups()).toBeUndefined();
  });

  it('refuses it from a page on another site even with the token, and grants that page no CORS', async () => {
    const response = await addAliceToModerators({ origin: 'https://evil.example', [ADMIN_TOKEN_HEADER]: cognito.adminToken });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('AccessDeniedException');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await aliceGroups()).toBeUndefined();
  });

  it('refuses it as text/plain (a CORS simple request) even with the token', async () => {
    const response = await addAliceToModerators({ 'content-type': 'text/plain', [ADMIN_TOKEN_HEADER]: cognito.adminToken });

    expect(response.status).toBe(400);
    expect(await aliceGroups()).toBeUndefined();
  });

  it('does not let a preflight from another site send the admin token header', async () => {
    const response = await fetch(cognito.endpoint, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': `content-type,x-amz-target,${ADMIN_TOKEN_HEADER}` },
    });

    expect(response.headers.get('access-control-allow-headers')?.split(', ')).not.toContain(ADMIN_TOKEN_HEADER);
  });

  it.each(['AdminCreateUser', 'AdminSetUserPassword', 'AdminDeleteUser', 'AdminInitiateAuth', 'AdminUpdateUserAttributes', 'ListUsers', 'ListUserPools', 'CreateUserPool', 'CreateGroup', 'NoSuchOperation'])(
    'refuses %s without the token',
    async (operation) => {
      const response = await post(cognito, operation, { UserPoolId: cognito.userPoolId, Username: alice.email, MaxResults: 1, PoolName: 'x' });

      expect(response.status).toBe(400);
      expect(((await response.json()) as { __type: string }).__type).toBe('NotAuthorizedException');
    },
  );

  it.each([
    ['GET', '/health'],
    ['POST', '/oauth2/token'],
  ])("refuses cognito-local's %s %s without the token", async (method, path) => {
    const response = await fetch(`${cognito.endpoint}${path}`, { method, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: method === 'GET' ? undefined : '{}' });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('NotAuthorizedException');
  });

  it('refuses a request addressed to another host (DNS rebinding): 421', async () => {
    const port = new URL(cognito.endpoint).port;

    const response = await rawRequest(cognito.endpoint, {
      method: 'POST',
      headers: {
        host: `evil.example:${port}`,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.AdminAddUserToGroup',
        [ADMIN_TOKEN_HEADER]: cognito.adminToken,
      },
      body: JSON.stringify({ UserPoolId: cognito.userPoolId, Username: alice.email, GroupName: 'moderators' }),
    });

    expect(response.status).toBe(421);
    expect(await aliceGroups()).toBeUndefined();
  });

  it("runs the local cloud's own admin calls with the token", async () => {
    await createCognitoAdminClient(cognito.endpoint, cognito.adminToken).call('AdminAddUserToGroup', {
      UserPoolId: cognito.userPoolId,
      Username: alice.email,
      GroupName: 'moderators',
    });

    expect(await aliceGroups()).toEqual(['moderators']);
  });
});

describe('the local user pool lets users write their email only, as the deployed client', () => {
  let cognito: LocalCognito;

  beforeAll(async () => {
    cognito = await startLocalCognito({ client: deployedClient, users: [alice], groups });
  });

  afterAll(async () => {
    await cognito?.close();
  });

  async function refusal(response: Response) {
    return { status: response.status, body: await response.json() };
  }

  it.each(['preferred_username', 'name'])('refuses UpdateUserAttributes of %s and changes nothing', async (attribute) => {
    const { accessToken } = await signInWithPassword(cognito, alice.email, alice.password);

    const response = await post(cognito, 'UpdateUserAttributes', { AccessToken: accessToken, UserAttributes: [{ Name: attribute, Value: 'Alice (mod)' }] });

    expect(await refusal(response)).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' } });
    const user = (await (await post(cognito, 'GetUser', { AccessToken: accessToken })).json()) as { UserAttributes: { Name: string; Value: string }[] };
    expect(user.UserAttributes.filter((a) => a.Value === 'Alice (mod)')).toEqual([]);
  });

  it('refuses a SignUp that sets preferred_username, and takes one with the email only', async () => {
    const withName = await post(cognito, 'SignUp', {
      ClientId: cognito.userPoolClientId,
      Username: 'newcomer@test.local',
      Password: 'Test-pass-9',
      UserAttributes: [{ Name: 'email', Value: 'newcomer@test.local' }, { Name: 'preferred_username', Value: 'Alice' }],
    });
    const emailOnly = await post(cognito, 'SignUp', {
      ClientId: cognito.userPoolClientId,
      Username: 'newcomer@test.local',
      Password: 'Test-pass-9',
      UserAttributes: [{ Name: 'email', Value: 'newcomer@test.local' }],
    });

    expect(await refusal(withName)).toMatchObject({ status: 400, body: { __type: 'NotAuthorizedException' } });
    expect(emailOnly.status).toBe(200);
  });
});

describe('cognito-local behind the front', () => {
  it('answers no one but the front: no secret, no answer and no CORS', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'appsync-events-local-cognito-backend-'));
    const backend = await startCognitoLocalServer({ dataDir, issuerDomain: 'http://127.0.0.1:1' });
    const call = (headers: Record<string, string>) =>
      fetch(backend.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools', ...headers },
        body: JSON.stringify({ MaxResults: 1 }),
      });
    try {
      const stranger = await call({ origin: 'https://evil.example' });
      const preflight = await fetch(backend.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      const front = await call(backend.headers);

      expect(stranger.status).toBe(403);
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(front.status).toBe(200);
    } finally {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

