/**
 * AMAZON_COGNITO_USER_POOLS: a user pool's access or ID token, verified against the pool's JWKS
 * and issuer, its `token_use`, its app client (`client_id` for access tokens, `aud` for ID tokens:
 * one of the pool's, and matching the provider's `AppIdClientRegex`). Pure.
 */
import type { CfnCognitoConfig } from './auth-config.ts';
import type { ModeDecision } from './decision.ts';
import { cognitoUserPoolIdentity } from './identities.ts';
import { type Jwks, verifyJwt } from './jwt.ts';
import { fullMatch } from './patterns.ts';

/** What the emulator serves for a user pool: its tokens' `iss` (local, not cognito-idp's), its keys and its app clients. */
export interface UserPoolKeys {
  issuer: string;
  jwks: Jwks;
  /**
   * The pool's app client ids. On AWS only the pool's own clients get tokens, so a token naming
   * any other client is a forgery; locally the pool's signing key is not secret (the emulator's
   * user pool ships it), so the emulator refuses such a token instead of trusting the signature
   * alone. Omitted: not checked.
   */
  clientIds?: readonly string[];
}

export function verifyUserPoolToken(
  token: string,
  config: CfnCognitoConfig,
  pool: UserPoolKeys | undefined,
  now: Date,
  sourceIp: string,
): ModeDecision {
  if (!pool) return { ok: false, message: `User pool ${config.UserPoolId} is not served locally` };
  const check = verifyJwt(token, pool.jwks, now);
  if (!check.ok) return check;
  const claims = check.claims;
  if (claims.iss !== pool.issuer) return { ok: false, message: `Token issuer ${String(claims.iss)} is not user pool ${config.UserPoolId}` };
  const use = claims.token_use;
  if (use !== 'access' && use !== 'id') return { ok: false, message: `Token has an unknown token_use: ${String(use)}` };
  const client = use === 'access' ? claims.client_id : claims.aud;
  if (pool.clientIds !== undefined && !pool.clientIds.includes(String(client))) {
    return { ok: false, message: `App client ${String(client)} is not a client of user pool ${config.UserPoolId}` };
  }
  if (config.AppIdClientRegex !== undefined && !fullMatch(config.AppIdClientRegex, String(client))) {
    return { ok: false, message: `App client ${String(client)} does not match AppIdClientRegex` };
  }
  return { ok: true, identity: cognitoUserPoolIdentity(claims, sourceIp) };
}
