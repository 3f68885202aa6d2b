/**
 * OPENID_CONNECT: a token from the provider's `Issuer`, verified against the issuer's JWKS, its
 * `iss`, the `ClientId` (a pattern, matched against `aud`, `azp` or `client_id`), and the TTLs:
 * `IatTTL` milliseconds after `iat`, `AuthTTL` milliseconds after `auth_time`. Pure: the JWKS is
 * fetched by the caller.
 */
import type { CfnOpenIdConnectConfig } from './auth-config.ts';
import type { ModeDecision } from './decision.ts';
import { oidcIdentity } from './identities.ts';
import { type Jwks, verifyJwt } from './jwt.ts';
import { fullMatch } from './patterns.ts';

function clientIds(claims: Record<string, unknown>): string[] {
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  return [...aud, claims.azp, claims.client_id].filter((value): value is string => typeof value === 'string');
}

function withinTtl(claim: unknown, ttlMs: number | undefined, now: Date): boolean | 'missing' {
  if (!ttlMs) return true;
  if (typeof claim !== 'number') return 'missing';
  return now.getTime() - claim * 1000 <= ttlMs;
}

export function verifyOidcToken(token: string, config: CfnOpenIdConnectConfig, jwks: Jwks, now: Date, sourceIp: string): ModeDecision {
  const check = verifyJwt(token, jwks, now);
  if (!check.ok) return check;
  const claims = check.claims;
  if (claims.iss !== config.Issuer) return { ok: false, message: `Token issuer ${String(claims.iss)} is not ${config.Issuer}` };
  if (config.ClientId !== undefined && !clientIds(claims).some((id) => fullMatch(config.ClientId!, id))) {
    return { ok: false, message: 'Token was not issued to a client ClientId matches' };
  }
  const iat = withinTtl(claims.iat, config.IatTTL, now);
  if (iat !== true) return { ok: false, message: iat === 'missing' ? 'Token has no iat claim' : 'Token was issued longer ago than IatTTL' };
  const auth = withinTtl(claims.auth_time, config.AuthTTL, now);
  if (auth !== true) return { ok: false, message: auth === 'missing' ? 'Token has no auth_time claim' : 'Token was authenticated longer ago than AuthTTL' };
  return { ok: true, identity: oidcIdentity(claims, sourceIp) };
}
