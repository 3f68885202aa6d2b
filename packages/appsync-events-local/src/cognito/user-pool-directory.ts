/**
 * What the front reads from cognito-local's store without going through its API: an app client's
 * pool and auth flows, and a user's stored password (cognito-local keeps it in the pool's JSON
 * file), which the front's SRP needs and no Cognito operation returns.
 */
import type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';

export interface UserPoolDirectory {
  /** An app client's pool and `ExplicitAuthFlows`, or null for an unknown client. */
  client(clientId: string): Promise<DirectoryClient | null>;
  /** A user of the client's pool by username or alias (email), or null. */
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

export function createUserPoolDirectory(cognito: CognitoService, ctx: Context): UserPoolDirectory {
  return {
    async client(clientId) {
      const client = await cognito.getAppClient(ctx, clientId);
      return client ? { userPoolId: client.UserPoolId, explicitAuthFlows: client.ExplicitAuthFlows } : null;
    },
    async user(clientId, username) {
      if ((await cognito.getAppClient(ctx, clientId)) === null) return null;
      const user = await (await cognito.getUserPoolForClientId(ctx, clientId)).getUserByUsername(ctx, username);
      return user ? { userId: user.Username, password: user.Password } : null;
    },
  };
}
