/** A response the HTTP API sends: mapped from a Lambda result, or one of API Gateway's own. */
export interface GatewayResponse {
  statusCode: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Each becomes its own `set-cookie` header. */
  cookies: string[];
  body: Buffer;
}

/** API Gateway's own answers, with the bodies and statuses an HTTP API sends. */
export const GATEWAY_ERRORS = {
  badRequest: { statusCode: 400, message: 'Bad Request' },
  unauthorized: { statusCode: 401, message: 'Unauthorized' },
  notFound: { statusCode: 404, message: 'Not Found' },
  payloadTooLarge: { statusCode: 413, message: 'Request Entity Too Large' },
  internalServerError: { statusCode: 500, message: 'Internal Server Error' },
  /** The integration did not answer within the integration timeout (30 s by default). */
  serviceUnavailable: { statusCode: 503, message: 'Service Unavailable' },
} as const;

export type GatewayError = keyof typeof GATEWAY_ERRORS;

export function gatewayErrorResponse(error: GatewayError, headers: Record<string, string> = {}): GatewayResponse {
  const { statusCode, message } = GATEWAY_ERRORS[error];
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

/**
 * The `www-authenticate` challenge of a refused token: the bare scheme when no token was sent,
 * otherwise an RFC 6750 `invalid_token` error carrying the authorizer's reason.
 */
export function bearerChallenge(tokenSent: boolean, message: string): string {
  if (!tokenSent) return 'Bearer';
  return `Bearer error="invalid_token", error_description="${message.replaceAll('"', "'")}"`;
}
