/**
 * A tiny local OpenID Connect issuer for tests and apps: it serves
 * `/.well-known/openid-configuration` and its JWKS over HTTP, and signs RS256 tokens with the
 * standard claims filled in (`iss`, `sub`, `aud`, `iat`, `exp`, `auth_time`), any of which the
 * caller may override. It does not run a login flow: the app or test asks it for a token.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenSigner } from './oidc-signer.ts';
import type { Jwks } from './jwt.ts';

export interface LocalOidcIssuerOptions {
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  /** The `aud` of issued tokens unless a token sets its own. Default `local-client`. */
  clientId?: string;
  /** Lifetime of issued tokens. Default one hour. */
  expiresInSeconds?: number;
  /** Clock for `iat`, `auth_time` and `exp`; tests pin it. */
  now?: () => Date;
}

export interface LocalOidcIssuer {
  /** `http://<host>:<port>`: the `Issuer` to configure, and every token's `iss`. */
  issuer: string;
  jwks: Jwks;
  /** A signed token for `sub`, with `claims` over the defaults. */
  issueToken(sub: string, claims?: Record<string, unknown>): string;
  close(): Promise<void>;
}

export async function startLocalOidcIssuer(options: LocalOidcIssuerOptions = {}): Promise<LocalOidcIssuer> {
  const signer = createTokenSigner();
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  let issuer = '';
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    const body =
      path === '/.well-known/openid-configuration'
        ? {
            issuer,
            jwks_uri: `${issuer}/.well-known/jwks.json`,
            id_token_signing_alg_values_supported: ['RS256'],
            response_types_supported: ['id_token'],
            subject_types_supported: ['public'],
          }
        : path === '/.well-known/jwks.json'
          ? signer.jwks
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { message: 'Not found' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  issuer = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    issuer,
    jwks: signer.jwks,
    issueToken(sub, claims = {}) {
      const seconds = Math.floor(now().getTime() / 1000);
      return signer.sign({
        iss: issuer,
        sub,
        aud: options.clientId ?? 'local-client',
        iat: seconds,
        auth_time: seconds,
        exp: seconds + (options.expiresInSeconds ?? 3600),
        ...claims,
      });
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
