/**
 * CORS for the local user pool endpoint. Browsers call it directly (Amplify's
 * `userPoolEndpoint`), so preflights must pass for the headers Amplify sends. Pure.
 */
import { ADMIN_TOKEN_HEADER } from '../access/local-access.ts';

const ALLOWED_HEADERS = [
  'content-type',
  'x-amz-target',
  'x-amz-user-agent',
  'x-amz-date',
  'x-amz-security-token',
  'authorization',
  'cache-control',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
];

const EXPOSED_HEADERS = ['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage', 'date'];

/**
 * Response headers for a request with the given `Origin` and (on preflight) the
 * `Access-Control-Request-Headers` it asks for. The origin is echoed rather than `*`, so a
 * credentialed fetch works too; anything the browser asks to send is allowed on top of the
 * known list, as the real service does not restrict headers either, except the local admin
 * token's header unless `appOrigin` (the page is the app's, `local/access/`).
 */
export function corsHeaders(origin: string | undefined, requestedHeaders: string | undefined, appOrigin = false): Record<string, string> {
  const requested = (requestedHeaders ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0 && (appOrigin || name !== ADMIN_TOKEN_HEADER));
  return {
    'access-control-allow-origin': origin ?? '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': [...new Set([...ALLOWED_HEADERS, ...requested])].join(', '),
    'access-control-expose-headers': EXPOSED_HEADERS.join(', '),
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}
