/**
 * Contracts of the local HTTP API (API Gateway HTTP API, payload format 2.0). The JWT
 * authorizer is implemented in `local/auth/` with this same shape.
 */

/** The HTTP API's JWT authorizer: verifies the `Authorization` header's token. */
export interface HttpJwtAuthorizer {
  /**
   * `authorizationHeader` is the header as sent (with or without `Bearer `), or `undefined` when
   * absent. Resolves with the token's claims, unmodified; the HTTP API stringifies them itself.
   */
  authorize(
    authorizationHeader: string | undefined,
  ): Promise<{ ok: true; claims: Record<string, unknown> } | { ok: false; message: string }>;
}
