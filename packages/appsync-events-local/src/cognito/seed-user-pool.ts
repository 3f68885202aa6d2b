/**
 * Brings the local user pool to a declared state: the pool, its web client, the groups and the
 * users with their attributes, passwords and memberships. Idempotent: existing resources are
 * found by name (pool, client, group) or email (user) and updated, never duplicated, so a
 * restart on the same data directory keeps the pool id, client id and user subs.
 */
import type { AppClientSettings } from './app-client-settings.ts';
import { CognitoApiError, type CognitoAdminClient } from './cognito-admin-client.ts';

export interface SeedUser {
  email: string;
  password: string;
  /**
   * Seeded as the `name` attribute, which only an administrator can set: the first sign-in makes
   * it the profile's display name (unless reserved or taken; then the handle).
   */
  displayName: string;
  groups: string[];
}

export interface UserPoolSeed {
  poolName: string;
  clientName: string;
  groups: readonly string[];
  users: readonly SeedUser[];
  /** The template's app client. */
  client: AppClientSettings;
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

// As Amplify Gen 2's `defineAuth({ loginWith: { email: true } })` creates it.
const POOL_SETTINGS = {
  UsernameAttributes: ['email'],
  AutoVerifiedAttributes: ['email'],
  MfaConfiguration: 'OFF',
  Policies: {
    PasswordPolicy: {
      MinimumLength: 8,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 3,
    },
  },
  Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
};

// The deployed web client's auth flows, 60-minute access/id tokens and 30-day refresh tokens, so refresh happens.
const clientSettings = (client: AppClientSettings) => ({
  ExplicitAuthFlows: [...client.authFlows],
  AccessTokenValidity: client.tokenValidityMinutes,
  IdTokenValidity: client.tokenValidityMinutes,
  RefreshTokenValidity: 30,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
});

export async function seedUserPool(client: CognitoAdminClient, seed: UserPoolSeed): Promise<SeededUserPool> {
  const userPoolId = await ensureUserPool(client, seed.poolName);
  const userPoolClientId = await ensureUserPoolClient(client, userPoolId, seed.clientName, clientSettings(seed.client));
  const { Groups = [] } = await client.call<{ Groups?: Named[] }>('ListGroups', { UserPoolId: userPoolId });
  const existingGroups = new Set(Groups.map((group) => group.GroupName));
  for (const [precedence, groupName] of seed.groups.entries()) {
    if (!existingGroups.has(groupName)) {
      await client.call('CreateGroup', { UserPoolId: userPoolId, GroupName: groupName, Precedence: precedence });
    }
  }
  for (const user of seed.users) await ensureUser(client, userPoolId, user, seed.groups);
  return { userPoolId, userPoolClientId };
}

async function ensureUserPool(client: CognitoAdminClient, poolName: string): Promise<string> {
  const { UserPools = [] } = await client.call<{ UserPools?: Named[] }>('ListUserPools', { MaxResults: 60 });
  const existing = UserPools.find((pool) => pool.Name === poolName)?.Id;
  if (existing) return existing;
  const { UserPool } = await client.call<{ UserPool: Named }>('CreateUserPool', { PoolName: poolName, ...POOL_SETTINGS });
  return required(UserPool.Id, 'CreateUserPool returned no pool id');
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
  user: SeedUser,
  managedGroups: readonly string[],
): Promise<void> {
  const attributes = [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'name', Value: user.displayName },
  ];
  // With email as the username attribute the real username is the sub, as on AWS.
  let username = await findUsername(client, userPoolId, user.email);
  if (username === null) {
    const { User } = await client.call<{ User: { Username?: string } }>('AdminCreateUser', {
      UserPoolId: userPoolId,
      Username: user.email,
      MessageAction: 'SUPPRESS',
      UserAttributes: attributes,
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

async function findUsername(client: CognitoAdminClient, userPoolId: string, email: string): Promise<string | null> {
  try {
    const { Username } = await client.call<{ Username?: string }>('AdminGetUser', { UserPoolId: userPoolId, Username: email });
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
