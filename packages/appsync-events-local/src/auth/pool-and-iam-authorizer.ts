/**
 * The local Events API's authorizer: AMAZON_COGNITO_USER_POOLS (a pool JWT in `Authorization`)
 * and AWS_IAM (SigV4 with the local cloud's static credentials). The mode is inferred from the
 * headers present, trying the allowed modes in order, as AppSync does.
 */
import type { AuthType } from './auth-config.ts';
import type { AuthorizeRequest, AuthorizeResult, EventAuthorizer } from '../events/contracts.ts';
import { bearerToken } from './bearer-token.ts';
import { cognitoUserPoolIdentity, localIamIdentity } from './identities.ts';
import { JwtRejectedError, type JwtVerifier } from './jwt-verifier.ts';
import type { LocalIamCredentials } from './local-iam-credentials.ts';
import { SIGV4_ALGORITHM } from './parse-sigv4-authorization.ts';
import { verifyEventSignature } from './verify-event-signature.ts';

export type { LocalIamCredentials } from './local-iam-credentials.ts';

export interface PoolAndIamAuthorizerOptions {
  jwt: JwtVerifier;
  iam: LocalIamCredentials;
  /** Clock for SigV4 freshness; tests pin it. */
  now?: () => Date;
}

type Attempt = AuthorizeResult | null;

/**
 * A refusal's `message` names why the first mode whose credentials were present failed (or
 * that none were present); AppSync reports refusals as `UnauthorizedException`.
 */
export function createPoolAndIamAuthorizer(options: PoolAndIamAuthorizerOptions): EventAuthorizer {
  const now = options.now ?? (() => new Date());

  async function tryUserPool(headers: Record<string, string>, request: AuthorizeRequest): Promise<Attempt> {
    const authorization = headers.authorization;
    if (authorization === undefined || authorization.startsWith(SIGV4_ALGORITHM)) return null;
    const token = bearerToken(authorization);
    if (token === undefined) return null;
    try {
      const claims = await options.jwt.verify(token, 'either');
      return { ok: true, authType: 'AMAZON_COGNITO_USER_POOLS', identity: cognitoUserPoolIdentity(claims, request.sourceIp) };
    } catch (error) {
      if (error instanceof JwtRejectedError) return { ok: false, message: error.message };
      throw error;
    }
  }

  async function tryIam(headers: Record<string, string>, request: AuthorizeRequest): Promise<Attempt> {
    if (!headers.authorization?.startsWith(SIGV4_ALGORITHM)) return null;
    const check = await verifyEventSignature(headers, request.signedBody, options.iam, now());
    return check.ok
      ? { ok: true, authType: 'AWS_IAM', identity: localIamIdentity(options.iam, request.sourceIp) }
      : { ok: false, message: check.message };
  }

  const byMode: Partial<Record<AuthType, typeof tryIam>> = {
    AMAZON_COGNITO_USER_POOLS: tryUserPool,
    AWS_IAM: tryIam,
  };

  return {
    async authorize(request, modes) {
      const headers = lowerCaseKeys(request.headers);
      let firstFailure: string | null = null;
      for (const mode of modes) {
        const attempt = await byMode[mode]?.(headers, request);
        if (attempt?.ok) return attempt;
        if (attempt && firstFailure === null) firstFailure = attempt.message;
      }
      return { ok: false, message: firstFailure ?? `No credentials for an allowed authorization mode (${modes.join(', ')})` };
    },
  };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
