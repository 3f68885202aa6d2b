/**
 * Bridges `GetTokensFromRefreshToken` (what Amplify auth 6.21+ calls to refresh) onto
 * `InitiateAuth` with `REFRESH_TOKEN_AUTH` (what cognito-local 5.3.0 implements). Pure.
 */

export const GET_TOKENS_FROM_REFRESH_TOKEN = 'GetTokensFromRefreshToken';

/** The `GetTokensFromRefreshToken` request fields we honour (ClientSecret/DeviceKey are ignored). */
export interface GetTokensFromRefreshTokenRequest {
  ClientId?: unknown;
  RefreshToken?: unknown;
  ClientMetadata?: unknown;
}

/** The equivalent `InitiateAuth` body. cognito-local validates the fields and answers its usual errors. */
export function toRefreshInitiateAuth(request: GetTokensFromRefreshTokenRequest): Record<string, unknown> {
  return {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: request.ClientId,
    AuthParameters: { REFRESH_TOKEN: request.RefreshToken },
    ...(request.ClientMetadata === undefined ? {} : { ClientMetadata: request.ClientMetadata }),
  };
}

/**
 * `InitiateAuth`'s answer in `GetTokensFromRefreshToken`'s shape: `{ AuthenticationResult }`
 * with `TokenType` and `ExpiresIn` filled in (cognito-local leaves both out). `RefreshToken` is
 * present only if the service rotated it; cognito-local never does, so Amplify keeps the old one.
 */
export function toGetTokensFromRefreshTokenOutput(initiateAuthOutput: unknown): Record<string, unknown> {
  const result = (initiateAuthOutput as { AuthenticationResult?: Record<string, unknown> } | null)
    ?.AuthenticationResult ?? {};
  const accessToken = typeof result.AccessToken === 'string' ? result.AccessToken : undefined;
  return {
    AuthenticationResult: {
      AccessToken: accessToken,
      IdToken: result.IdToken,
      ...(typeof result.RefreshToken === 'string' ? { RefreshToken: result.RefreshToken } : {}),
      TokenType: 'Bearer',
      ExpiresIn: accessToken === undefined ? undefined : lifetimeSeconds(accessToken),
    },
  };
}

/** `exp - iat` of an (already trusted) JWT, or undefined if it does not decode. */
function lifetimeSeconds(jwt: string): number | undefined {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const { exp, iat } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
    return typeof exp === 'number' && typeof iat === 'number' ? exp - iat : undefined;
  } catch {
    return undefined;
  }
}
