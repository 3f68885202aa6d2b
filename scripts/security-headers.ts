/**
 * The app's Content-Security-Policy and security headers, computed from the backend outputs in use
 * (the local cloud's file, or `amplify_outputs.json`), because the endpoints the app may connect
 * to are only known once the backend exists. Pure: `vite.config.ts` serves them in dev and injects
 * the policy into the built `index.html`; `customHttp.yml` carries the endpoint-free part for
 * Amplify Hosting.
 */

/** The parts of an outputs file that name an endpoint the browser talks to. */
export interface EndpointOutputs {
  auth?: { aws_region?: string; identity_pool_id?: string };
  custom?: {
    events?: { url?: string };
    API?: Record<string, { endpoint?: string }>;
    local?: { user_pool_endpoint?: string };
  };
}

/**
 * Where the policy is delivered. `dev` allows inline `<style>` (Vite's dev client injects every
 * SFC's CSS as a `<style>` element; the build extracts CSS to files); `meta` leaves out what a
 * `<meta>` policy cannot carry (`frame-ancestors` is ignored there, so it goes in a header).
 */
export type PolicyTarget = 'dev' | 'header' | 'meta';

/** Headers every response gets, in dev and on Amplify Hosting (`customHttp.yml` repeats them). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function origin(url: string | undefined, protocol?: 'ws:' | 'wss:'): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return `${protocol ?? parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/**
 * The origins the app connects to: the Event API over HTTP and its realtime WebSocket (`ws:` for
 * the local cloud on plain HTTP, `wss:` on the `appsync-realtime-api` host in AWS), the HTTP API,
 * and Cognito (the local pool's endpoint, or `cognito-idp` in the outputs' region).
 */
export function connectSources(outputs: EndpointOutputs): string[] {
  const events = outputs.custom?.events?.url;
  const eventsOrigin = origin(events);
  const realtime = eventsOrigin?.startsWith('http:')
    ? [origin(events, 'ws:')]
    : [origin(events, 'wss:'), origin(events?.replace('appsync-api', 'appsync-realtime-api'), 'wss:')];
  const region = outputs.auth?.aws_region;
  const localPool = origin(outputs.custom?.local?.user_pool_endpoint);
  const cognito = localPool ?? (region ? `https://cognito-idp.${region}.amazonaws.com` : undefined);
  const identity = outputs.auth?.identity_pool_id && region ? `https://cognito-identity.${region}.amazonaws.com` : undefined;
  const api = Object.values(outputs.custom?.API ?? {}).map((entry) => origin(entry.endpoint));
  const all = [eventsOrigin, ...realtime, ...api, cognito, identity].filter((value): value is string => value !== undefined);
  return [...new Set(all)];
}

/**
 * The policy: scripts only from the app's origin (no inline script, no eval), `connect-src` only
 * to the app's origin and `connectSources(outputs)`, no plugins, no `<base>`, forms only to the
 * app, no framing. Without outputs, `connect-src` is the app's origin alone.
 */
export function contentSecurityPolicy(outputs: EndpointOutputs | undefined, target: PolicyTarget): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", ...(target === 'dev' ? ["'unsafe-inline'"] : [])],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(outputs ? connectSources(outputs) : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ...(target === 'meta' ? [] : [['frame-ancestors', "'none'"] as [string, string]]),
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/**
 * What `customHttp.yml` sends on Amplify Hosting with every response, next to the `<meta>` policy
 * in `index.html`: directives that need no endpoint (no `default-src`, which would stand in for
 * `connect-src`). A browser enforces both policies, so each directive is the stricter of the two.
 */
export const HOSTING_POLICY = "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
