/**
 * The template's user pool settings on the emulator, met by an unmodified aws-amplify client: a
 * pool that signs in by username (with an email alias) and one that signs in by email, each
 * with its password policy; MFA required of every user refused at start; and expired items of
 * a table with TTL deleted by a sweep.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Mfa } from 'aws-cdk-lib/aws-cognito';
import { afterAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.ts';
import { buildPoolSettingsApp, POOL_SETTINGS_NAMESPACE, type PoolSettingsAppProps, TTL_ATTRIBUTE, TTL_TABLE } from './fixtures/pool-settings-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';
import { type AmplifyTestClient, startAmplifyClient } from './support/amplify-client.ts';

const PASSWORD = 'longpassword1';
const byUsername: PoolSettingsAppProps = {
  signInAliases: { username: true, email: true },
  passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: false, requireDigits: true, requireSymbols: false },
};
const byEmail: PoolSettingsAppProps = { signInAliases: { email: true } };

const emulators: Emulator[] = [];
const clients: AmplifyTestClient[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  for (const emulator of emulators) await emulator.close();
  await removeSynthesizedFixtures();
});

async function start(key: string, props: PoolSettingsAppProps, users: Parameters<typeof startEmulator>[0]['users']): Promise<Emulator> {
  const emulator = await startEmulator({ assemblyDir: await synthFixture(key, (app) => buildPoolSettingsApp(app, props)), users, ttlSweepIntervalMs: 0 });
  emulators.push(emulator);
  return emulator;
}

async function signedIn(emulator: Emulator, username: string, password: string): Promise<AmplifyTestClient> {
  const client = startAmplifyClient(emulator.outputs);
  clients.push(client);
  await client.signIn(username, password);
  return client;
}

async function signUp(emulator: Emulator, username: string, password: string) {
  const response = await fetch(emulator.outputs.custom.local.user_pool_endpoint!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' },
    body: JSON.stringify({ ClientId: emulator.outputs.auth!.user_pool_client_id, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: 'new@example.test' }] }),
  });
  return response.json() as Promise<Record<string, unknown>>;
}

describe('a pool that signs in by username, with an email alias and its own password policy', () => {
  it('signs aws-amplify in by the username and by the verified email, and the tokens open the Event API', async () => {
    const emulator = await start('by-username', byUsername, [{ username: 'ben', email: 'ben@example.test', password: PASSWORD, displayName: 'Ben', groups: [] }]);

    const byName = await signedIn(emulator, 'ben', PASSWORD);
    const byAlias = await signedIn(emulator, 'ben@example.test', PASSWORD);

    expect(await byName.post(`${POOL_SETTINGS_NAMESPACE}/room`, [{ text: 'hi' }])).toBeNull();
    expect(await byAlias.post(`${POOL_SETTINGS_NAMESPACE}/room`, [{ text: 'hi' }])).toBeNull();
    expect(emulator.outputs.auth).toMatchObject({
      username_attributes: ['username'],
      password_policy: { min_length: 12, require_lowercase: true, require_uppercase: false, require_numbers: true, require_symbols: false },
      mfa_configuration: 'NONE',
    });
    expect(emulator.outputs.custom.local.users.map((user) => user.username)).toEqual(['ben']);
  }, 90_000);

  it("refuses a sign-up whose password is shorter than the template's minimum, and takes the template's weaker classes", async () => {
    const emulator = emulators[0]!;

    expect(await signUp(emulator, 'dee', 'short1pass')).toEqual({ __type: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    expect(await signUp(emulator, 'dee', 'lowercase-only-1')).toMatchObject({ UserConfirmed: false });
  });
});

describe('a pool that signs in by email, as Amplify Gen 2 defines it', () => {
  it('signs aws-amplify in by the email and refuses an email pool seed without one', async () => {
    const emulator = await start('by-email', byEmail, [{ email: 'ana@example.test', password: 'Passw0rd!', displayName: 'Ana', groups: [] }]);

    const ana = await signedIn(emulator, 'ana@example.test', 'Passw0rd!');

    expect(await ana.post(`${POOL_SETTINGS_NAMESPACE}/room`, [{ text: 'hi' }])).toBeNull();
    expect(emulator.outputs.auth).toMatchObject({ username_attributes: ['email'], password_policy: { min_length: 8, require_symbols: true } });
    await expect(start('by-email', byEmail, [{ username: 'ana', password: 'Passw0rd!', displayName: 'Ana', groups: [] }])).rejects.toThrow(
      'seeded user "ana": the user pool signs in by email (UsernameAttributes), and this is not an email address',
    );
  });
});

describe('MFA', () => {
  it('refuses at start a pool that requires MFA of every user, naming the pool and the setting', async () => {
    const required = startEmulator({ assemblyDir: await synthFixture('mfa-on', (app) => buildPoolSettingsApp(app, { ...byEmail, mfa: Mfa.REQUIRED })) });

    await expect(required).rejects.toThrow(/^appsync-events-local cannot run AWS::Cognito::UserPool PoolSettings\/Users[0-9A-F]+: MfaConfiguration ON is not emulated/);
  });

  it('signs a user in without a code in a pool where MFA is optional, as AWS does for a user who has not enrolled', async () => {
    const emulator = await start('mfa-optional', { ...byEmail, mfa: Mfa.OPTIONAL }, [{ email: 'ana@example.test', password: 'Passw0rd!', displayName: 'Ana', groups: [] }]);

    const ana = await signedIn(emulator, 'ana@example.test', 'Passw0rd!');

    expect(await ana.post(`${POOL_SETTINGS_NAMESPACE}/room`, [{ text: 'hi' }])).toBeNull();
    expect(emulator.outputs.auth?.mfa_configuration).toBe('OPTIONAL');
  });
});

describe('time to live', () => {
  it("deletes the items of a table with TTL whose time has passed, when the emulator's sweep runs", async () => {
    const emulator = emulators[0]!;
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: emulator.dynamoEndpoint, credentials: emulator.iamCredentials }));
    const now = Math.floor(Date.now() / 1000);
    const key = (sk: string) => ({ pk: 'item', sk });
    await db.send(new PutCommand({ TableName: TTL_TABLE, Item: { ...key('expired'), [TTL_ATTRIBUTE]: now - 60 } }));
    await db.send(new PutCommand({ TableName: TTL_TABLE, Item: { ...key('live'), [TTL_ATTRIBUTE]: now + 3600 } }));
    const exists = async (sk: string) => (await db.send(new GetCommand({ TableName: TTL_TABLE, Key: key(sk), ConsistentRead: true }))).Item !== undefined;

    const readBeforeSweep = await exists('expired');
    const deleted = await emulator.sweepExpiredItems();

    expect(readBeforeSweep).toBe(true);
    expect(deleted).toBe(1);
    expect([await exists('expired'), await exists('live')]).toEqual([false, true]);
    db.destroy();
  });
});
