import { gatewayErrorResponse, type GatewayResponse } from './gateway-response.ts';

/**
 * Turns a function's result into the HTTP response, as payload format 2.0 does:
 * - an object with a `statusCode` is a structured response (`headers`, `cookies`, `body`,
 *   `isBase64Encoded`), used as is;
 * - a string is the body of a 200 `application/json` response (AWS's own example: returning
 *   `"Hello from Lambda!"` sends that text);
 * - any other JSON value is serialized as the body of a 200 `application/json` response.
 * A structured response API Gateway cannot use (bad status, non-string body) is a 500.
 */
export function mapLambdaResult(result: unknown): GatewayResponse {
  if (typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result) {
    return mapStructured(result as Record<string, unknown>) ?? gatewayErrorResponse('internalServerError');
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body) };
}

function mapStructured(result: Record<string, unknown>): GatewayResponse | undefined {
  const { statusCode, body, isBase64Encoded, cookies } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return undefined;
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  if (cookies !== undefined && !(Array.isArray(cookies) && cookies.every((cookie) => typeof cookie === 'string'))) return undefined;
  const headers = mapHeaders(result.headers);
  if (!headers) return undefined;
  const text = body ?? '';
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    cookies: (cookies as string[] | undefined) ?? [],
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text),
  };
}

function mapHeaders(headers: unknown): Record<string, string> | undefined {
  if (headers === undefined || headers === null) return {};
  if (typeof headers !== 'object' || Array.isArray(headers)) return undefined;
  const mapped: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) return undefined;
    mapped[name.toLowerCase()] = String(value);
  }
  return mapped;
}
