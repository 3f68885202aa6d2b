/**
 * The HTTP front of the local user pool: the URL Amplify's `userPoolEndpoint` points at. It
 * answers CORS, serves an OpenID configuration that names the real issuer, bridges
 * `GetTokensFromRefreshToken`, and proxies the rest to cognito-local. As on AWS, only what a user
 * or the app sends is open to anyone (`public-operations.ts`); every other call (`Admin*`,
 * `ListUsers`, …) needs the admin token, JSON, and in a browser the app's origin
 * (`local/access/`), and is otherwise answered like Cognito answers a call it does not authorize.
 * Like the deployed app client, it lets users write no attribute but the email
 * (`writable-attributes.ts`), allows only the client's `ExplicitAuthFlows`, and signs in with
 * `USER_SRP_AUTH`, which cognito-local lacks (`sign-in-requests.ts`). It enforces the pool's
 * password policy (`password-policy.ts`) and sign-up usernames (`sign-up-username.ts`), which
 * cognito-local does not.
 * A request not addressed to loopback is refused first.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { adminRefusal } from '../access/admin-request.ts';
import { refuseForeignHost } from '../access/host-guard.ts';
import type { LocalAccess } from '../access/local-access.ts';
import { corsHeaders } from './cors-headers.ts';
import { passwordRefusal } from './password-policy.ts';
import type { UserPoolSettings } from './pool-settings.ts';
import { isPublicRequest, operationName, TARGET_PREFIX } from './public-operations.ts';
import { createSignInRequests, type SignInRequests, type UpstreamReply } from './sign-in-requests.ts';
import { signUpUsernameRefusal, toUpstreamSignUp } from './sign-up-username.ts';
import type { UserPoolDirectory } from './user-pool-directory.ts';
import { UNAUTHORIZED_ATTRIBUTE_MESSAGE, writesUnauthorizedAttribute } from './writable-attributes.ts';
import {
  GET_TOKENS_FROM_REFRESH_TOKEN,
  toGetTokensFromRefreshTokenOutput,
  toRefreshInitiateAuth,
  type GetTokensFromRefreshTokenRequest,
} from './refresh-bridge.ts';

export interface CognitoFrontOptions {
  /** cognito-local's own URL. */
  upstream: string;
  /** Headers cognito-local requires of the front (`CognitoLocalServer.headers`). */
  upstreamHeaders: Record<string, string>;
  /** This front's public origin, which is also the tokens' issuer domain. */
  endpoint: string;
  /** Who may make the calls that are not public. */
  access: LocalAccess;
  /**
   * False for an invite-only pool (`AllowAdminCreateUserOnly`): SignUp is refused as Cognito
   * refuses it, before any trigger runs. Default true.
   */
  selfSignUp?: boolean;
  /** cognito-local's app clients and users, read directly (SRP needs the stored password). */
  directory: UserPoolDirectory;
  /** The app client's `WriteAttributes`. */
  writeAttributes: readonly string[];
  /** The pool's sign-in attributes and password policy. */
  settings: UserPoolSettings;
}

const OPENID_CONFIGURATION = /^\/([^/]+)\/\.well-known\/openid-configuration$/;
const JSON_TYPES = ['application/x-amz-json-1.1'];

export function createCognitoFrontHandler(options: CognitoFrontOptions): RequestListener {
  const signIn = createSignInRequests({ directory: options.directory, initiateUpstream: (request) => initiateUpstream(options, request) });
  return (req, res) => {
    if (refuseForeignHost(req, res)) return;
    handle(options, signIn, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        const message = error instanceof Error ? error.message : String(error);
        send(res, 502, { __type: 'InternalErrorException', message: `Local user pool front: ${message}` }, 'application/json');
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(options: CognitoFrontOptions, signIn: SignInRequests, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = req.headers.origin;
  const appOrigin = origin !== undefined && options.access.appOrigins.includes(origin);
  if (req.method === 'OPTIONS') {
    setHeaders(res, corsHeaders(origin, req.headers['access-control-request-headers'], appOrigin));
    res.writeHead(204).end();
    return;
  }
  const path = new URL(req.url ?? '/', 'http://front').pathname;
  const target = typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : undefined;
  const open = isPublicRequest({ method: req.method ?? '', path, target });
  // A call only the admin token opens never gets CORS for a page that is not the app's.
  if (open || appOrigin) setHeaders(res, corsHeaders(origin, undefined, appOrigin));
  if (!open) {
    const refusal = adminRefusal(req.headers, options.access, req.method === 'GET' || req.method === 'HEAD' ? undefined : JSON_TYPES);
    if (refusal) {
      req.resume();
      const type = refusal.reason === 'token' ? 'NotAuthorizedException' : 'AccessDeniedException';
      send(res, 400, { __type: type, message: `${operationName(target)}: ${refusal.message}` }, 'application/json');
      return;
    }
  }
  const openId = req.method === 'GET' ? OPENID_CONFIGURATION.exec(path) : null;
  if (openId) {
    // cognito-local hard-codes localhost:9229 here; the issuer must match what tokens carry.
    const issuer = `${options.endpoint}/${openId[1]}`;
    send(res, 200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] }, 'application/json');
    return;
  }
  if (options.selfSignUp === false && req.method === 'POST' && target === `${TARGET_PREFIX}SignUp`) {
    req.resume();
    send(res, 400, { __type: 'NotAuthorizedException', message: 'SignUp is not permitted for this user pool' }, 'application/json');
    return;
  }
  let body = await readBody(req);
  // The deployed client's WriteAttributes (email only): names come from profiles, not attributes.
  if (req.method === 'POST' && writesUnauthorizedAttribute(target, parseJson(body), options.writeAttributes)) {
    send(res, 400, { __type: 'NotAuthorizedException', message: UNAUTHORIZED_ATTRIBUTE_MESSAGE }, 'application/x-amz-json-1.1');
    return;
  }
  if (req.method === 'POST') {
    const input = parseJson(body);
    const isSignUp = target === `${TARGET_PREFIX}SignUp`;
    const refusal = (isSignUp ? signUpUsernameRefusal((input as { Username?: unknown } | null)?.Username, options.settings) : null)
      ?? passwordRefusal(target, input, options.settings.passwordPolicy);
    if (refusal) {
      send(res, 400, refusal, 'application/x-amz-json-1.1');
      return;
    }
    if (isSignUp && input !== null && typeof input === 'object') body = Buffer.from(JSON.stringify(toUpstreamSignUp(input as Record<string, unknown>, options.settings)));
  }
  if (req.method === 'POST') {
    const tooling = adminRefusal(req.headers, options.access, JSON_TYPES) === null;
    const reply = await signIn.handle({ target, body: parseJson(body), tooling });
    if (reply && 'forward' in reply) {
      body = Buffer.from(JSON.stringify(reply.forward));
    } else if (reply) {
      send(res, reply.status, reply.body, 'application/x-amz-json-1.1');
      return;
    }
  }
  if (req.method === 'POST' && target === `${TARGET_PREFIX}${GET_TOKENS_FROM_REFRESH_TOKEN}`) {
    await bridgeRefresh(options, req, body, res);
    return;
  }
  const upstream = await fetch(`${options.upstream}${req.url ?? '/'}`, {
    method: req.method,
    headers: { ...forwardedHeaders(req), ...options.upstreamHeaders },
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
  });
  res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
  res.end(Buffer.from(await upstream.arrayBuffer()));
}

async function bridgeRefresh(options: CognitoFrontOptions, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const request = parseJson(body) as GetTokensFromRefreshTokenRequest | null;
  const contentType = req.headers['content-type'] ?? 'application/x-amz-json-1.1';
  const upstream = await fetch(options.upstream, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-amz-target': `${TARGET_PREFIX}InitiateAuth`, ...options.upstreamHeaders },
    body: JSON.stringify(toRefreshInitiateAuth(request ?? {})),
  });
  const text = await upstream.text();
  if (!upstream.ok) {
    // Errors (NotAuthorizedException for an unknown token, …) already have the right shape.
    send(res, upstream.status, text, upstream.headers.get('content-type') ?? 'application/json');
    return;
  }
  send(res, 200, toGetTokensFromRefreshTokenOutput(parseJson(Buffer.from(text))), 'application/x-amz-json-1.1');
}

async function initiateUpstream(options: CognitoFrontOptions, request: unknown): Promise<UpstreamReply> {
  const upstream = await fetch(options.upstream, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET_PREFIX}InitiateAuth`, ...options.upstreamHeaders },
    body: JSON.stringify(request),
  });
  return { status: upstream.status, body: parseJson(Buffer.from(await upstream.arrayBuffer())) };
}

function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'x-amz-target', 'x-amz-user-agent', 'authorization', 'accept']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

function setHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: unknown, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
