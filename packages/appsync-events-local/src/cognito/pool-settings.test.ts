/**
 * The local pool with the template's settings: who signs in by what (username, email, alias,
 * phone number), the password policy on every operation that sets a password, and the seeded users
 * checked against the pool's sign-in attributes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeJwt, signInWithPassword } from '../auth/test-support/test-tokens.ts';
import { createCognitoAdminClient } from './cognito-admin-client.ts';
import { startLocalCognito, type LocalCognito, type SeedAccount } from './local-cognito.ts';
import { DEFAULT_PASSWORD_POLICY, type UserPoolSettings } from './pool-settings.ts';
import { deployedClient } from './test-support/deployed-client.ts';

const PASSWORD = 'Passw0rd!';
const byUsername: UserPoolSettings = { usernameAttributes: [], aliasAttributes: [], passwordPolicy: DEFAULT_PASSWORD_POLICY, mfa: 'OFF' };
const byEmail: UserPoolSettings = { ...byUsername, usernameAttributes: ['email'] };
const byPhone: UserPoolSettings = { ...byUsername, usernameAttributes: ['phone_number'] };
const withEmailAlias: UserPoolSettings = { ...byUsername, aliasAttributes: ['email', 'preferred_username'] };
const ben: SeedAccount = { username: 'ben', email: 'ben@example.com', password: PASSWORD, displayName: 'Ben', groups: [] };

const running: LocalCognito[] = [];
const dirs: string[] = [];

async function start(settings: UserPoolSettings, users: SeedAccount[], dataDir?: string): Promise<LocalCognito> {
  const cognito = await startLocalCognito({ client: deployedClient, users, groups: [], settings, dataDir });
  running.push(cognito);
  return cognito;
}

async function call(cognito: LocalCognito, operation: string, input: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(cognito.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`, ...headers },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const signInError = (cognito: LocalCognito, name: string, password = PASSWORD) =>
  signInWithPassword(cognito, name, password).then(() => 'signed in', (error: Error) => error.message);

afterEach(async () => {
  for (const cognito of running.splice(0)) await cognito.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('sign-in attributes', () => {
  it('signs a username pool user in by the username only, and keeps the username in the tokens', async () => {
    const cognito = await start(byUsername, [ben]);

    const { idToken } = await signInWithPassword(cognito, 'ben', PASSWORD);

    expect(decodeJwt(idToken)['cognito:username']).toBe('ben');
    expect(await signInError(cognito, 'ben@example.com')).toBe('Sign-in failed: HTTP 400 Incorrect username or password.');
  });

  it('signs an email pool user in by the email, with the sub as the username', async () => {
    const cognito = await start(byEmail, [{ email: 'ana@example.com', password: PASSWORD, displayName: 'Ana', groups: [] }]);

    const claims = decodeJwt((await signInWithPassword(cognito, 'ana@example.com', PASSWORD)).idToken);

    expect(claims['cognito:username']).toBe(claims.sub);
  });

  it('signs a user in by a verified email alias as well as by the username', async () => {
    const cognito = await start(withEmailAlias, [ben]);

    const byAlias = decodeJwt((await signInWithPassword(cognito, 'ben@example.com', PASSWORD)).idToken);
    const byName = decodeJwt((await signInWithPassword(cognito, 'ben', PASSWORD)).idToken);

    expect([byAlias['cognito:username'], byName['cognito:username']]).toEqual(['ben', 'ben']);
  });

  it('resets a forgotten password by the email alias', async () => {
    // cognito-local's one-time codes are this variable when it is set.
    vi.stubEnv('CODE', '424242');
    const cognito = await start(withEmailAlias, [ben]);

    const forgot = await call(cognito, 'ForgotPassword', { ClientId: cognito.userPoolClientId, Username: 'ben@example.com' });
    const confirmed = await call(cognito, 'ConfirmForgotPassword', { ClientId: cognito.userPoolClientId, Username: 'ben@example.com', ConfirmationCode: '424242', Password: 'Newpassw0rd!' });
    vi.unstubAllEnvs();

    expect([forgot.status, confirmed.status]).toEqual([200, 200]);
    expect(await signInError(cognito, 'ben@example.com', 'Newpassw0rd!')).toBe('signed in');
  });

  it('signs a phone pool user in by the phone number', async () => {
    const cognito = await start(byPhone, [{ username: '+15555550100', password: PASSWORD, displayName: 'Cy', groups: [] }]);

    const claims = decodeJwt((await signInWithPassword(cognito, '+15555550100', PASSWORD)).idToken);

    expect(claims).toMatchObject({ phone_number: '+15555550100', phone_number_verified: true });
    expect(claims['cognito:username']).toBe(claims.sub);
  });

  it.each([
    [byEmail, 'ben', 'Username should be an email.'],
    [byPhone, 'ben', 'Username should be a phone number.'],
    [withEmailAlias, 'ben@example.com', 'Username cannot be of email format, since user pool is configured for email alias.'],
  ])('refuses a sign-up username the pool does not take', async (settings, username, message) => {
    const cognito = await start(settings, []);

    const reply = await call(cognito, 'SignUp', { ClientId: cognito.userPoolClientId, Username: username, Password: PASSWORD, UserAttributes: [] });

    expect(reply).toEqual({ status: 400, body: { __type: 'InvalidParameterException', message } });
  });

  it('refuses at start a seeded user whose username does not fit the pool, naming them', async () => {
    await expect(start(byEmail, [ben])).rejects.toThrow('seeded user "ben": the user pool signs in by email (UsernameAttributes), and this is not an email address');
  });

  it('refuses a data directory whose pool was created for other sign-in attributes', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'appsync-events-local-pool-settings-'));
    dirs.push(dataDir);
    await (await start(byEmail, [], dataDir)).close();
    running.splice(0);

    await expect(start(byUsername, [], dataDir)).rejects.toThrow(/signs in by email \(UsernameAttributes\), the template's by username; .*delete the data directory's cognito folder/);
  });
});

describe('the password policy', () => {
  const strict: UserPoolSettings = { ...byUsername, passwordPolicy: { minimumLength: 12, requireLowercase: true, requireUppercase: false, requireNumbers: true, requireSymbols: false } };

  it('refuses a sign-up whose password breaks the policy, in Cognito words, and takes one that keeps it', async () => {
    const cognito = await start(strict, []);
    const signUp = (password: string) => call(cognito, 'SignUp', { ClientId: cognito.userPoolClientId, Username: 'dee', Password: password, UserAttributes: [{ Name: 'email', Value: 'dee@example.com' }] });

    const refused = await signUp('Passw0rd!');
    const accepted = await signUp('long enough 12');

    expect(refused).toEqual({ status: 400, body: { __type: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' } });
    expect(accepted.body).toMatchObject({ UserConfirmed: false });
  });

  it('refuses a weak password on AdminSetUserPassword, ChangePassword and ConfirmForgotPassword', async () => {
    const cognito = await start(byUsername, [ben]);
    const admin = { 'x-appsync-events-local-token': cognito.adminToken };
    const { accessToken } = await signInWithPassword(cognito, 'ben', PASSWORD);

    const replies = [
      await call(cognito, 'AdminSetUserPassword', { UserPoolId: cognito.userPoolId, Username: 'ben', Password: 'password1!', Permanent: true }, admin),
      await call(cognito, 'ChangePassword', { AccessToken: accessToken, PreviousPassword: PASSWORD, ProposedPassword: 'Password!' }),
      await call(cognito, 'ConfirmForgotPassword', { ClientId: cognito.userPoolClientId, Username: 'ben', ConfirmationCode: '123456', Password: 'Pw1!' }),
    ];

    expect(replies).toEqual([
      { status: 400, body: { __type: 'InvalidPasswordException', message: 'Password does not conform to policy: Password must have uppercase characters' } },
      { status: 400, body: { __type: 'InvalidPasswordException', message: 'Password did not conform with policy: Password must have numeric characters' } },
      { status: 400, body: { __type: 'InvalidPasswordException', message: 'Password does not conform to policy: Password not long enough' } },
    ]);
    expect(await signInError(cognito, 'ben')).toBe('signed in');
  });

  it('refuses at start a seeded user whose password breaks the policy', async () => {
    await expect(start(byUsername, [{ ...ben, password: 'weakpassword' }])).rejects.toThrow('seeded user "ben": the password does not conform to the pool\'s policy: Password must have uppercase characters');
  });

  it('keeps the template policy in the pool description', async () => {
    const cognito = await start(strict, []);

    const { UserPool } = await createCognitoAdminClient(cognito.endpoint, cognito.adminToken).call<{ UserPool: { Policies: unknown; UsernameAttributes?: unknown } }>('DescribeUserPool', { UserPoolId: cognito.userPoolId });

    expect(UserPool.Policies).toMatchObject({ PasswordPolicy: { MinimumLength: 12, RequireUppercase: false, RequireSymbols: false } });
    expect(UserPool.UsernameAttributes).toBeUndefined();
  });
});
