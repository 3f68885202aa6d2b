/**
 * A signing key for local tokens: an RSA pair, its public JWKS, and RS256 signing of any claims.
 * What the local OIDC issuer signs with, and what tests use to make real tokens.
 */
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Jwks } from './jwt.ts';

export interface TokenSigner {
  jwks: Jwks;
  /** A compact RS256 JWT of exactly these claims, its header naming this key. */
  sign(claims: Record<string, unknown>): string;
}

export function createTokenSigner(): TokenSigner {
  const kid = randomUUID();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign(claims) {
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid })).toString('base64url');
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
  };
}
