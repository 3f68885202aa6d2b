/**
 * Pre Token Generation V2 for the local user pool: wraps cognito-local's token generator so that,
 * on every token issue (sign-in, refresh, new-password challenge), the configured function runs
 * with the V2 event, and its overrides are applied to the ID token **and** the access token, which
 * are then re-signed with the pool's key. The function is the real one, run by the local cloud's
 * Lambda runner, so a failing trigger fails the sign-in as on AWS.
 */
import { createSign } from 'node:crypto';
import { createRequire } from 'node:module';
import { UserLambdaValidationError } from 'cognito-local/lib/errors.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { TokenGenerator } from 'cognito-local/lib/services/tokenGenerator.js';
import { attributesToRecord, type User } from 'cognito-local/lib/services/userPoolService.js';
import {
  overrideAccessTokenClaims,
  overrideIdTokenClaims,
  preTokenGenerationV2Event,
  readOverrides,
} from './pre-token-generation-v2.ts';

/** Invokes the pool's Pre Token Generation function with a V2 event; resolves with what it returned. */
export type PreTokenGenerationInvoker = (event: Record<string, unknown>) => Promise<unknown>;

const privateKey = (createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string }).pem;

export function withPreTokenGenerationV2(inner: TokenGenerator, invoke: PreTokenGenerationInvoker, region: string): TokenGenerator {
  return {
    async generate(ctx: Context, user: User, userGroups: readonly string[], userPoolClient: AppClient, clientMetadata, source) {
      const tokens = await inner.generate(ctx, user, userGroups, userPoolClient, clientMetadata, source);
      const event = preTokenGenerationV2Event({
        region,
        userPoolId: userPoolClient.UserPoolId,
        clientId: userPoolClient.ClientId,
        username: user.Username,
        userStatus: user.UserStatus,
        userAttributes: attributesToRecord(user.Attributes),
        groups: userGroups,
        clientMetadata,
        source,
      });
      let result: unknown;
      try {
        result = await invoke(event);
      } catch (error) {
        throw new UserLambdaValidationError(`PreTokenGeneration failed with error ${error instanceof Error ? error.message : String(error)}.`);
      }
      const overrides = readOverrides(result);
      return {
        ...tokens,
        AccessToken: resign(tokens.AccessToken, (claims) => overrideAccessTokenClaims(claims, overrides)),
        IdToken: resign(tokens.IdToken, (claims) => overrideIdTokenClaims(claims, overrides)),
      };
    },
  };
}

/** Same header (alg, kid), new payload, signed RS256 with the pool's key. */
function resign(jwt: string, change: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload] = jwt.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const body = `${header}.${Buffer.from(JSON.stringify(change(claims))).toString('base64url')}`;
  const signature = createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url');
  return `${body}.${signature}`;
}
