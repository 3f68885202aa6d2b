/**
 * Brings the local user pool to a declared state: the pool with the template's sign-in attributes,
 * password policy and MFA setting, its web client, the groups and the users with their
 * attributes, passwords and memberships. Idempotent: existing resources are found by name (pool,
 * client, group) or sign-in name (user) and updated, never duplicated, so a restart on the same
 * data directory keeps the pool id, client id and user subs.
 */
import { randomUUID } from 'node:crypto';
import type { AppClientSettings } from './app-client-settings.ts';
import { CognitoApiError, type CognitoAdminClient } from './cognito-admin-client.ts';
import { passwordViolation } from './password-policy.ts';
import { createUserPoolInput, describeSignIn, type UserPoolSettings } from './pool-settings.ts';
import { seedIdentity, SeedUserError, signInName } from './seed-identity.ts';

/**
 * A user to seed. What they sign in with is `username`, else `email`, and must fit the pool: an
 * email address (or phone number) in a pool whose `UsernameAttributes` name it, otherwise a
 * username (not an email address when email is an alias). Email and phone number are seeded verified.
 */
export interface SeedAccount {
  username?: string;
  email?: string;
  /** E.164 (`+15555550100`). */
  phoneNumber?: string;
  password: string;
  /**
   * Seeded as the `name` attribute, which only an administrator can set: the first sign-in makes
   * it the profile's display name (unless reserved or taken; then the handle).
   */
  displayName: string;
  groups: string[];
}

/** A seeded user of a pool that signs in by email: the email is the sign-in name. */
export interface SeedUser extends SeedAccount {
  email: string;
}

export interface UserPoolSeed {
  poolName: string;
  clientName: string;
  groups: readonly string[];
  users: readonly SeedAccount[];
  /** The template's app client. */
  client: AppClientSettings;
  /** The template's pool settings. */
  settings: UserPoolSettings;
}

export interface SeededUserPool {
  userPoolId: string;
  userPoolClientId: string;
}

interface Named {
  Id?: string;
  Name?: string;
  ClientId?: string;
  ClientName?: string;
  GroupName?: string;
}

// The deployed web client's auth flows, 60-minute access/id tokens and 30-day refresh tokens, so refresh happens.
const clientSettings = (client: AppClientSettings) => ({
  ExplicitAuthFlows: [...client.authFlows],
  AccessTokenValidity: client.tokenValidityMinutes,
  IdTokenValidity: client.tokenValidityMinutes,
  RefreshTokenValidity: 30,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
});

export async function seedUserPool(client: CognitoAdminClient, seed: UserPoolSeed): Promise<SeededUserPool> {
  // Checked before anything is written: a bad entry leaves the pool as it was.
  const identities = seed.users.map((user) => seedIdentity(user, seed.settings));
  for (const user of seed.users) {
    const violation = passwordViolation(user.password, seed.settings.passwordPolicy);
    if (violation !== null) throw new SeedUserError(`seeded user ${JSON.stringify(signInName(user))}: the password does not conform to the pool's policy: ${violation}`);
  }
  const userPoolId = await ensureUserPool(client, seed.poolName, seed.settings);
  const userPoolClientId = await ensureUserPoolClient(client, userPoolId, seed.clientName, clientSettings(seed.client));
  const { Groups = [] } = await client.call<{ Groups?: Named[] }>('ListGroups', { UserPoolId: userPoolId });
  const existingGroups = new Set(Groups.map((group) => group.GroupName));
  for (const [precedence, groupName] of seed.groups.entries()) {
    if (!existingGroups.has(groupName)) {
      await client.call('CreateGroup', { UserPoolId: userPoolId, GroupName: groupName, Precedence: precedence });
    }
  }
  for (const [index, user] of seed.users.entries()) await ensureUser(client, userPoolId, user, identities[index]!, seed.groups);
  return { userPoolId, userPoolClientId };
}

async function ensureUserPool(client: CognitoAdminClient, poolName: string, settings: UserPoolSettings): Promise<string> {
  const { UserPools = [] } = await client.call<{ UserPools?: Named[] }>('ListUserPools', { MaxResults: 60 });
  const existing = UserPools.find((pool) => pool.Name === poolName)?.Id;
  if (existing) {
    await checkSignInAttributes(client, existing, settings);
    return existing;
  }
  const { UserPool } = await client.call<{ UserPool: Named }>('CreateUserPool', { PoolName: poolName, ...createUserPoolInput(settings) });
  return required(UserPool.Id, 'CreateUserPool returned no pool id');
}

/**
 * A pool's sign-in attributes cannot change after it is created, on AWS as here: a data directory
 * whose pool was created for other ones would sign users in the old way, so it is refused.
 */
async function checkSignInAttributes(client: CognitoAdminClient, userPoolId: string, settings: UserPoolSettings): Promise<void> {
  const { UserPool } = await client.call<{ UserPool: { UsernameAttributes?: string[]; AliasAttributes?: string[] } }>('DescribeUserPool', { UserPoolId: userPoolId });
  const stored = { usernameAttributes: UserPool.UsernameAttributes ?? [], aliasAttributes: UserPool.AliasAttributes ?? [] };
  const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
  if (!same(stored.usernameAttributes, settings.usernameAttributes) || !same(stored.aliasAttributes, settings.aliasAttributes)) {
    throw new Error(`The user pool in the data directory signs in ${describeSignIn(stored)}, the template's ${describeSignIn(settings)}; a pool's sign-in attributes cannot change: delete the data directory's cognito folder`);
  }
}

async function ensureUserPoolClient(client: CognitoAdminClient, userPoolId: string, clientName: string, settings: ReturnType<typeof clientSettings>): Promise<string> {
  const { UserPoolClients = [] } = await client.call<{ UserPoolClients?: Named[] }>('ListUserPoolClients', {
    UserPoolId: userPoolId,
    MaxResults: 60,
  });
  const existing = UserPoolClients.find((appClient) => appClient.ClientName === clientName)?.ClientId;
  // Updated, not kept as it was: a data directory from an older definition gets today's settings.
  if (existing) {
    await client.call('UpdateUserPoolClient', { UserPoolId: userPoolId, ClientId: existing, ...settings });
    return existing;
  }
  const { UserPoolClient } = await client.call<{ UserPoolClient: Named }>('CreateUserPoolClient', {
    UserPoolId: userPoolId,
    ClientName: clientName,
    GenerateSecret: false,
    ...settings,
  });
  return required(UserPoolClient.ClientId, 'CreateUserPoolClient returned no client id');
}

async function ensureUser(
  client: CognitoAdminClient,
  userPoolId: string,
  user: SeedAccount,
  identity: ReturnType<typeof seedIdentity>,
  managedGroups: readonly string[],
): Promise<void> {
  const { attributes } = identity;
  // With email or phone number as the username attribute the real username is the sub, as on AWS.
  let username = await findUsername(client, userPoolId, identity.signInName);
  if (username === null) {
    const generated = identity.createUsername === null ? randomUUID() : null;
    const { User } = await client.call<{ User: { Username?: string } }>('AdminCreateUser', {
      UserPoolId: userPoolId,
      Username: generated ?? identity.createUsername,
      MessageAction: 'SUPPRESS',
      UserAttributes: generated === null ? attributes : [{ Name: 'sub', Value: generated }, ...attributes],
    });
    username = required(User.Username, 'AdminCreateUser returned no username');
  } else {
    await client.call('AdminUpdateUserAttributes', { UserPoolId: userPoolId, Username: username, UserAttributes: attributes });
  }
  await client.call('AdminSetUserPassword', { UserPoolId: userPoolId, Username: username, Password: user.password, Permanent: true });

  const { Groups = [] } = await client.call<{ Groups?: Named[] }>('AdminListGroupsForUser', {
    UserPoolId: userPoolId,
    Username: username,
  });
  const current = new Set(Groups.map((group) => group.GroupName));
  for (const groupName of user.groups.filter((name) => !current.has(name))) {
    await client.call('AdminAddUserToGroup', { UserPoolId: userPoolId, Username: username, GroupName: groupName });
  }
  for (const groupName of managedGroups.filter((name) => current.has(name) && !user.groups.includes(name))) {
    await client.call('AdminRemoveUserFromGroup', { UserPoolId: userPoolId, Username: username, GroupName: groupName });
  }
}

async function findUsername(client: CognitoAdminClient, userPoolId: string, name: string): Promise<string | null> {
  try {
    const { Username } = await client.call<{ Username?: string }>('AdminGetUser', { UserPoolId: userPoolId, Username: name });
    return Username ?? null;
  } catch (error) {
    if (error instanceof CognitoApiError && error.type === 'UserNotFoundException') return null;
    throw error;
  }
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}
