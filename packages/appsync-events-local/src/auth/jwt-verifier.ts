/**
 * Verifies Cognito user pool JWTs the way the cloud's authorizers do: RS256 signature against
 * the pool's JWKS, expiry, issuer, app client and `token_use`. Uses aws-jwt-verify's
 * `JwtRsaVerifier` with a cached JWKS (its fetcher refuses http JWKS, and `CognitoJwtVerifier`
 * refuses cognito-local's `local_…` pool ids), synchronously, so nothing is ever fetched.
 */
import { JwtRsaVerifier } from 'aws-jwt-verify';
import {
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  KidNotFoundInJwksError,
} from 'aws-jwt-verify/error';
import type { Jwks } from 'aws-jwt-verify/jwk';

export type TokenUse = 'access' | 'id' | 'either';

export type JwtRejectReason =
  | 'malformed'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-client'
  | 'wrong-token-use';

/** Why a token was refused; `message` is fit for a 401 body or a log line. */
export class JwtRejectedError extends Error {
  constructor(
    readonly reason: JwtRejectReason,
    message: string,
  ) {
    super(message);
    this.name = 'JwtRejectedError';
  }
}

export interface JwtVerifier {
  /**
   * Resolves with the token's claims, or rejects with a `JwtRejectedError`. `use` says which
   * token types are acceptable: access tokens are matched to the client by `client_id`, ID
   * tokens by `aud`.
   */
  verify(token: string, use: TokenUse): Promise<Record<string, unknown>>;
}

export interface JwtVerifierOptions {
  /** Exactly the tokens' `iss` (`LocalCognito.issuer`). */
  issuer: string;
  userPoolClientId: string;
  /** The pool's JWKS document (`{ keys: [...] }`). */
  jwks: unknown;
}

export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const verifier = JwtRsaVerifier.create({
    issuer: options.issuer,
    // The client is checked below: access tokens have no `aud`, only `client_id`.
    audience: null,
    // Never fetched: verifySync uses only the cached JWKS.
    jwksUri: 'https://jwks.local.invalid/.well-known/jwks.json',
  });
  verifier.cacheJwks(options.jwks as Jwks);
  return {
    verify(token, use) {
      return new Promise((resolve) => {
        const payload = toRejection(() => verifier.verifySync(token)) as Record<string, unknown>;
        checkCognitoClaims(payload, use, options.userPoolClientId);
        resolve(payload);
      });
    },
  };
}

/** The checks aws-jwt-verify leaves to us for Cognito tokens; throws a `JwtRejectedError`. */
export function checkCognitoClaims(payload: Record<string, unknown>, use: TokenUse, clientId: string): void {
  if (typeof payload.exp !== 'number') throw new JwtRejectedError('malformed', 'Token has no exp claim');
  const tokenUse = payload.token_use;
  if (tokenUse !== 'access' && tokenUse !== 'id') {
    throw new JwtRejectedError('wrong-token-use', `Unknown token_use: ${String(tokenUse)}`);
  }
  if (use !== 'either' && tokenUse !== use) {
    throw new JwtRejectedError('wrong-token-use', `Expected an ${use} token, got an ${tokenUse} token`);
  }
  const client = tokenUse === 'access' ? payload.client_id : payload.aud;
  if (client !== clientId) {
    throw new JwtRejectedError('wrong-client', `Token was issued to client ${String(client)}, not ${clientId}`);
  }
}

function toRejection<T>(verify: () => T): T {
  try {
    return verify();
  } catch (error) {
    throw new JwtRejectedError(reasonOf(error), error instanceof Error ? error.message : String(error));
  }
}

function reasonOf(error: unknown): JwtRejectReason {
  if (error instanceof JwtExpiredError) return 'expired';
  if (error instanceof JwtNotBeforeError) return 'not-yet-valid';
  if (error instanceof JwtInvalidIssuerError) return 'wrong-issuer';
  if (error instanceof JwtInvalidAudienceError) return 'wrong-client';
  if (error instanceof JwtInvalidSignatureError) return 'bad-signature';
  // Signed by a key the pool does not publish, or with another algorithm: not the pool's signature.
  if (error instanceof KidNotFoundInJwksError || error instanceof JwtInvalidSignatureAlgorithmError) return 'bad-signature';
  return 'malformed';
}
