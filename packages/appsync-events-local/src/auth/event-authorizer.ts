/**
 * The Event API's authorizer for connect, publish and subscribe, configured from the API's and its
 * namespaces' CloudFormation settings. For each request it tries the modes the operation allows,
 * in their configured order, and the first that accepts admits the request with its
 * `ctx.identity`. A mode whose credentials are absent (no `x-api-key`, no SigV4, no token) is
 * skipped; a refusal says why each mode that had credentials refused them (AppSync itself only
 * answers `UnauthorizedException`; the reasons are for the emulator's log).
 */
import { checkApiKey, type ApiKeyRecord } from './api-key-mode.ts';
import {
  type AuthType,
  authModesFor,
  type CfnCognitoConfig,
  type CfnEventConfig,
  type CfnNamespaceAuth,
  type CfnOpenIdConnectConfig,
  checkAuthConfig,
  type EventOperation,
  providerFor,
} from './auth-config.ts';
import type { AuthDecision, ModeDecision } from './decision.ts';
import { bearerToken, lowerCaseKeys, SIGV4_ALGORITHM } from './headers.ts';
import { authorizeIam, type EventApiLocation, type IamPrincipal } from './iam-mode.ts';
import { createLambdaMode, type InvokeFunction, type LambdaMode } from './lambda-mode.ts';
import { peekClaims } from './jwt.ts';
import { discoverJwks, type JwksSource } from './oidc-discovery.ts';
import { verifyOidcToken } from './oidc-mode.ts';
import { type UserPoolKeys, verifyUserPoolToken } from './user-pool-mode.ts';

export interface EventAuthorizerOptions {
  /** The API's id, account and region: the IAM resource ARNs and the Lambda authorizer's request name them. */
  api: EventApiLocation;
  /** `AWS::AppSync::Api` `EventConfig`. */
  eventConfig: CfnEventConfig;
  /** `AWS::AppSync::ChannelNamespace` auth overrides by namespace name. */
  namespaces?: Readonly<Record<string, CfnNamespaceAuth>>;
  /** API_KEY: the API's keys. */
  apiKeys?: readonly ApiKeyRecord[];
  /** AMAZON_COGNITO_USER_POOLS: the served pool's issuer and JWKS, by `UserPoolId`. */
  userPools?: Readonly<Record<string, UserPoolKeys>>;
  /** AWS_IAM: the credentials the emulator knows and whom they stand for. */
  iamPrincipals?: readonly IamPrincipal[];
  /** OPENID_CONNECT: where an issuer's keys come from. Default: OIDC discovery over HTTP. */
  oidcJwks?: JwksSource;
  /** AWS_LAMBDA: runs the authorizer function. Required when a provider is AWS_LAMBDA. */
  invokeFunction?: InvokeFunction;
  /** The clock for expiries, TTLs, signatures and the Lambda cache; tests pin it. */
  now?: () => Date;
}

export interface EventAuthRequest {
  operation: EventOperation;
  /** The channel path (`/namespace/a/b`) of a publish or subscribe; absent for a connect. */
  channel?: string;
  /** The HTTP headers, or the WebSocket subprotocol's / frame's `authorization` object. */
  headers: Readonly<Record<string, string>>;
  /** What a SigV4 signature covers: `{}` for a connect, the frame's `{"channel":…}` or the HTTP body. */
  signedBody: string;
  sourceIp: string;
}

export interface EventAuthorizer {
  /** The modes, in order, that may admit an operation on a channel. */
  modesFor(operation: EventOperation, channel?: string): AuthType[];
  authorize(request: EventAuthRequest): Promise<AuthDecision>;
}

function namespaceOf(channel: string | undefined): string | undefined {
  return channel?.split('/').filter(Boolean)[0];
}

/** Throws an `AuthConfigError` for a configuration AppSync would not deploy. */
export function createEventAuthorizer(options: EventAuthorizerOptions): EventAuthorizer {
  checkAuthConfig(options.eventConfig, options.namespaces);
  const now = options.now ?? (() => new Date());
  const oidcJwks = options.oidcJwks ?? discoverJwks({ now });
  const lambdaConfig = providerFor(options.eventConfig, 'AWS_LAMBDA')?.LambdaAuthorizerConfig;
  if (lambdaConfig && !options.invokeFunction) throw new Error('An AWS_LAMBDA provider needs the invokeFunction option');
  const lambda: LambdaMode | undefined =
    lambdaConfig && options.invokeFunction ? createLambdaMode({ config: lambdaConfig, api: options.api, invoke: options.invokeFunction, now }) : undefined;

  function modesFor(operation: EventOperation, channel?: string): AuthType[] {
    const namespace = namespaceOf(channel);
    return authModesFor(operation, options.eventConfig, namespace === undefined ? undefined : options.namespaces?.[namespace]);
  }

  /** One mode's attempt; null when the request carries no credentials for it. */
  async function attempt(mode: AuthType, request: EventAuthRequest, headers: Record<string, string>): Promise<ModeDecision | null> {
    const token = bearerToken(headers.authorization);
    switch (mode) {
      case 'API_KEY':
        return headers['x-api-key'] === undefined ? null : checkApiKey(headers['x-api-key'], options.apiKeys ?? [], now());
      case 'AWS_IAM':
        if (!headers.authorization?.trim().startsWith(SIGV4_ALGORITHM)) return null;
        return authorizeIam({ ...request, headers, namespace: namespaceOf(request.channel) }, options.api, options.iamPrincipals ?? [], now());
      case 'AMAZON_COGNITO_USER_POOLS': {
        if (token === undefined) return null;
        const config = providerFor(options.eventConfig, mode)!.CognitoConfig as CfnCognitoConfig;
        return verifyUserPoolToken(token, config, options.userPools?.[config.UserPoolId], now(), request.sourceIp);
      }
      case 'OPENID_CONNECT': {
        if (token === undefined) return null;
        const config = providerFor(options.eventConfig, mode)!.OpenIDConnectConfig as CfnOpenIdConnectConfig;
        // Another issuer's token (a user pool's, tried in the same request) costs no key fetch.
        const claimed = peekClaims(token)?.iss;
        if (claimed !== config.Issuer) return { ok: false, message: claimed === undefined ? 'Token is not a well-formed JWT' : `Token issuer ${String(claimed)} is not ${config.Issuer}` };
        try {
          return verifyOidcToken(token, config, await oidcJwks(config.Issuer), now(), request.sourceIp);
        } catch (error) {
          return { ok: false, message: `Could not read the keys of ${config.Issuer}: ${error instanceof Error ? error.message : String(error)}` };
        }
      }
      case 'AWS_LAMBDA':
        // The function receives the header exactly as sent.
        if (token === undefined || !lambda) return null;
        return lambda.authorize({
          token: headers.authorization!,
          headers,
          operation: request.operation,
          namespace: namespaceOf(request.channel),
          channel: request.channel,
        });
    }
  }

  return {
    modesFor,
    async authorize(request) {
      const modes = modesFor(request.operation, request.channel);
      const headers = lowerCaseKeys(request.headers);
      const refusals: string[] = [];
      for (const mode of modes) {
        const decision = await attempt(mode, request, headers);
        if (decision?.ok) return { ok: true, authType: mode, identity: decision.identity };
        if (decision) refusals.push(`${mode}: ${decision.message}`);
      }
      return { ok: false, message: refusals.length > 0 ? refusals.join('; ') : `No credentials for an allowed authorization mode (${modes.join(', ')})` };
    },
  };
}
