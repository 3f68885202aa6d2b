/**
 * RS256 JSON Web Tokens checked against a JWKS with node:crypto: the signature by the key its
 * `kid` names, then `exp` and `nbf`. What a token must say beyond that (issuer, client, token use,
 * TTLs) is the auth mode's business. Pure but for the clock the caller passes.
 */
import { createPublicKey, type JsonWebKey, verify } from 'node:crypto';

export interface Jwks {
  keys: (JsonWebKey & { kid?: string })[];
}

export type JwtCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; message: string };

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The claims of a well-formed token, unverified: only to pick which issuer should verify it. */
export function peekClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  return parts.length === 3 ? decodePart(parts[1]!) : null;
}

/** A key the JWKS holds but node cannot read (not RSA, damaged) verifies nothing. */
function signatureMatches(signed: string, signature: string, jwk: JsonWebKey): boolean {
  try {
    return verify('RSA-SHA256', Buffer.from(signed), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

export function verifyJwt(token: string, jwks: Jwks, now: Date): JwtCheck {
  const parts = token.split('.');
  const header = parts.length === 3 ? decodePart(parts[0]!) : null;
  const claims = parts.length === 3 ? decodePart(parts[1]!) : null;
  if (!header || !claims) return { ok: false, message: 'Token is not a well-formed JWT' };
  if (header.alg !== 'RS256') return { ok: false, message: `Token algorithm ${String(header.alg)} is not accepted (RS256 only)` };
  const jwk = jwks.keys.find((key) => key.kid === header.kid);
  if (!jwk) return { ok: false, message: `No key ${String(header.kid)} in the issuer's JWKS` };
  if (!signatureMatches(`${parts[0]}.${parts[1]}`, parts[2]!, jwk)) return { ok: false, message: 'Token signature is invalid' };
  const seconds = now.getTime() / 1000;
  if (typeof claims.exp !== 'number') return { ok: false, message: 'Token has no exp claim' };
  if (claims.exp <= seconds) return { ok: false, message: 'Token has expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > seconds) return { ok: false, message: 'Token is not valid yet' };
  return { ok: true, claims };
}
