/**
 * Test support: real tokens from a local pool (password sign-in over its JSON API) and
 * hand-made JWTs signed with cognito-local's shipped private key or any other key.
 */
import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { ADMIN_TOKEN_HEADER } from '../../access/local-access.ts';
import type { LocalCognito } from '../../cognito/local-cognito.ts';

export interface PoolTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/**
 * `InitiateAuth` USER_PASSWORD_AUTH against the pool's endpoint in one request. The app's client
 * allows only SRP (as deployed), so this tooling shortcut carries the admin token.
 */
export async function signInWithPassword(cognito: LocalCognito, email: string, password: string): Promise<PoolTokens> {
  const response = await fetch(cognito.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      [ADMIN_TOKEN_HEADER]: cognito.adminToken,
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: cognito.userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  });
  const body = (await response.json()) as { AuthenticationResult?: Record<string, string>; message?: string };
  const result = body.AuthenticationResult;
  if (!response.ok || !result?.AccessToken || !result.IdToken || !result.RefreshToken) {
    throw new Error(`Sign-in failed: HTTP ${response.status} ${body.message ?? ''}`);
  }
  return { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken: result.RefreshToken };
}

/** The key every cognito-local instance signs with (shipped in the package: local use only). */
export function cognitoLocalPrivateKey(): KeyObject {
  const require = createRequire(import.meta.url);
  const { pem } = require('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string };
  return createPrivateKey(pem);
}

export function randomPrivateKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** An RS256 JWT with `kid: CognitoLocal`, whatever key signs it. */
export function signJwt(payload: Record<string, unknown>, key: KeyObject): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' };
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The same token with its payload changed and the original signature kept. */
export function tamperJwt(token: string, changes: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url({ ...decodeJwt(token), ...changes })}.${signature}`;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
