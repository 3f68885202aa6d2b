/**
 * The HTTP front of the local user pool: the URL Amplify's `userPoolEndpoint` points at. It
 * answers CORS, serves an OpenID configuration that names the real issuer, bridges
 * `GetTokensFromRefreshToken`, and proxies everything else to cognito-local unchanged.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { corsHeaders } from './cors-headers.ts';
import {
  GET_TOKENS_FROM_REFRESH_TOKEN,
  toGetTokensFromRefreshTokenOutput,
  toRefreshInitiateAuth,
  type GetTokensFromRefreshTokenRequest,
} from './refresh-bridge.ts';

export interface CognitoFrontOptions {
  /** cognito-local's own URL. */
  upstream: string;
  /** This front's public origin, which is also the tokens' issuer domain. */
  endpoint: string;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const OPENID_CONFIGURATION = /^\/([^/]+)\/\.well-known\/openid-configuration$/;

export function createCognitoFrontHandler(options: CognitoFrontOptions): RequestListener {
  return (req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        const message = error instanceof Error ? error.message : String(error);
        send(res, 502, { __type: 'InternalErrorException', message: `Local user pool front: ${message}` }, 'application/json');
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(options: CognitoFrontOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const [name, value] of Object.entries(corsHeaders(req.headers.origin, req.headers['access-control-request-headers']))) {
    res.setHeader(name, value);
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return;
  }
  const path = new URL(req.url ?? '/', 'http://front').pathname;
  const openId = req.method === 'GET' ? OPENID_CONFIGURATION.exec(path) : null;
  if (openId) {
    // cognito-local hard-codes localhost:9229 here; the issuer must match what tokens carry.
    const issuer = `${options.endpoint}/${openId[1]}`;
    send(res, 200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] }, 'application/json');
    return;
  }
  const body = await readBody(req);
  const target = req.headers['x-amz-target'];
  if (req.method === 'POST' && target === `${TARGET_PREFIX}${GET_TOKENS_FROM_REFRESH_TOKEN}`) {
    await bridgeRefresh(options.upstream, req, body, res);
    return;
  }
  const upstream = await fetch(`${options.upstream}${req.url ?? '/'}`, {
    method: req.method,
    headers: forwardedHeaders(req),
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
  });
  res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
  res.end(Buffer.from(await upstream.arrayBuffer()));
}

async function bridgeRefresh(upstreamUrl: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const request = parseJson(body) as GetTokensFromRefreshTokenRequest | null;
  const contentType = req.headers['content-type'] ?? 'application/x-amz-json-1.1';
  const upstream = await fetch(upstreamUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-amz-target': `${TARGET_PREFIX}InitiateAuth` },
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

function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'x-amz-target', 'x-amz-user-agent', 'authorization', 'accept']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
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
