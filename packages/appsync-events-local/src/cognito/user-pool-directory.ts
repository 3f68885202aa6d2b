/**
 * What the front reads from cognito-local's store without going through its API: an app client's
 * pool and auth flows, and a user's stored password (cognito-local keeps it in the pool's JSON
 * file), which the front's SRP needs and no Cognito operation returns.
 */
import type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { AliasAttribute } from './pool-settings.ts';

export interface UserPoolDirectory {
  /** An app client's pool and `ExplicitAuthFlows`, or null for an unknown client. */
  client(clientId: string): Promise<DirectoryClient | null>;
  /**
   * A user of the client's pool by username, by the attribute it signs in with (`UsernameAttributes`,
   * which cognito-local resolves), or by a verified alias (`AliasAttributes`, which it does not), or null.
   */
  user(clientId: string, username: string): Promise<DirectoryUser | null>;
}

export interface DirectoryClient {
  userPoolId: string;
  explicitAuthFlows: readonly string[] | undefined;
}

export interface DirectoryUser {
  /** The username Cognito gave the user (the sub, in a pool that signs in with email). */
  userId: string;
  password: string;
}

export function createUserPoolDirectory(cognito: CognitoService, ctx: Context, aliasAttributes: readonly AliasAttribute[] = []): UserPoolDirectory {
  return {
    async client(clientId) {
      const client = await cognito.getAppClient(ctx, clientId);
      return client ? { userPoolId: client.UserPoolId, explicitAuthFlows: client.ExplicitAuthFlows } : null;
    },
    async user(clientId, username) {
      if ((await cognito.getAppClient(ctx, clientId)) === null) return null;
      const pool = await cognito.getUserPoolForClientId(ctx, clientId);
      const user = (await pool.getUserByUsername(ctx, username)) ?? (aliasAttributes.length === 0 ? null : aliasOwner(await pool.listUsers(ctx), username, aliasAttributes));
      return user ? { userId: user.Username, password: user.Password } : null;
    },
  };
}

interface StoredUser {
  Username: string;
  Password: string;
  Attributes?: { Name: string; Value?: string }[];
}

/** The user with this alias: `preferred_username` as set, email and phone number once verified (as Cognito). */
function aliasOwner<T extends StoredUser>(users: readonly T[], alias: string, aliasAttributes: readonly AliasAttribute[]): T | null {
  const value = (user: StoredUser, name: string) => user.Attributes?.find((attribute) => attribute.Name === name)?.Value;
  const owns = (user: StoredUser, attribute: AliasAttribute) =>
    value(user, attribute) === alias && (attribute === 'preferred_username' || value(user, `${attribute}_verified`) === 'true');
  return users.find((user) => aliasAttributes.some((attribute) => owns(user, attribute))) ?? null;
}
