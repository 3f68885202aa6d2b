/**
 * API Gateway HTTP API JWT authorizer semantics: the `Authorization` header carries a user
 * pool access or ID token, with or without `Bearer `; the token must be signed by the pool,
 * unexpired, from its issuer and issued to the app client (`client_id` or `aud`).
 */
import { bearerToken } from './bearer-token.ts';
import { JwtRejectedError, type JwtVerifier } from './jwt-verifier.ts';

export type HttpJwtAuthorization = { ok: true; claims: Record<string, unknown> } | { ok: false; message: string };

export interface HttpJwtAuthorizer {
  /**
   * `message` explains a refusal for logs and tests; API Gateway itself answers any refusal
   * with 401 `{"message":"Unauthorized"}` (the detail goes in `www-authenticate`).
   */
  authorize(authorizationHeader: string | undefined): Promise<HttpJwtAuthorization>;
}

export function createHttpJwtAuthorizer(verifier: JwtVerifier): HttpJwtAuthorizer {
  return {
    async authorize(authorizationHeader) {
      const token = bearerToken(authorizationHeader);
      if (token === undefined) return { ok: false, message: 'Unauthorized: missing Authorization header' };
      try {
        return { ok: true, claims: await verifier.verify(token, 'either') };
      } catch (error) {
        if (error instanceof JwtRejectedError) return { ok: false, message: `Unauthorized: ${error.message}` };
        throw error;
      }
    },
  };
}
