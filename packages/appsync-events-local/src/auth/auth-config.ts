/**
 * An Event API's authorization settings in CloudFormation's shapes (`AWS::AppSync::Api`
 * `EventConfig`, `AWS::AppSync::ChannelNamespace` `PublishAuthModes` / `SubscribeAuthModes`), and
 * which modes AppSync accepts for each operation. Pure.
 */

export type AuthType = 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

export const AUTH_TYPES: readonly AuthType[] = ['API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM', 'OPENID_CONNECT', 'AWS_LAMBDA'];

/** The operation being authorized, as AppSync names it to a Lambda authorizer. */
export type EventOperation = 'EVENT_CONNECT' | 'EVENT_PUBLISH' | 'EVENT_SUBSCRIBE';

export interface CfnAuthMode {
  AuthType: string;
}

export interface CfnCognitoConfig {
  UserPoolId: string;
  AwsRegion: string;
  /** Matched against the token's app client id (`client_id`, or `aud` for an ID token). */
  AppIdClientRegex?: string;
}

export interface CfnOpenIdConnectConfig {
  Issuer: string;
  /** Matched against the token's `aud` (or `client_id` / `azp`). */
  ClientId?: string;
  /** Milliseconds a token stays valid after `iat`; 0 or absent: unchecked. */
  IatTTL?: number;
  /** Milliseconds a token stays valid after `auth_time`; 0 or absent: unchecked. */
  AuthTTL?: number;
}

export interface CfnLambdaAuthorizerConfig {
  AuthorizerUri: string;
  /** Seconds a decision is cached; absent or 0: not cached. The response's `ttlOverride` wins. */
  AuthorizerResultTtlInSeconds?: number;
  /** Tokens that do not match are refused without invoking the function. */
  IdentityValidationExpression?: string;
}

export interface CfnAuthProvider {
  AuthType: string;
  CognitoConfig?: CfnCognitoConfig;
  OpenIDConnectConfig?: CfnOpenIdConnectConfig;
  LambdaAuthorizerConfig?: CfnLambdaAuthorizerConfig;
}

/** `AWS::AppSync::Api` `EventConfig`, auth part (its `LogConfig` is not read here). */
export interface CfnEventConfig {
  AuthProviders: CfnAuthProvider[];
  ConnectionAuthModes: CfnAuthMode[];
  DefaultPublishAuthModes: CfnAuthMode[];
  DefaultSubscribeAuthModes: CfnAuthMode[];
}

/** `AWS::AppSync::ChannelNamespace` properties that override the API's default modes. */
export interface CfnNamespaceAuth {
  PublishAuthModes?: CfnAuthMode[];
  SubscribeAuthModes?: CfnAuthMode[];
}

/** A configuration AppSync would not have deployed. */
export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

function isAuthType(value: string): value is AuthType {
  return (AUTH_TYPES as readonly string[]).includes(value);
}

function toTypes(modes: readonly CfnAuthMode[] | undefined, where: string): AuthType[] {
  return (modes ?? []).map((mode) => {
    if (!isAuthType(mode.AuthType)) throw new AuthConfigError(`${where}: unknown auth type ${mode.AuthType}`);
    return mode.AuthType;
  });
}

/**
 * The modes, in order, that may admit `operation`: the namespace's own list when it sets a
 * non-empty one, else the API's default for publish or subscribe; connections always use the
 * API's `ConnectionAuthModes`.
 */
export function authModesFor(operation: EventOperation, config: CfnEventConfig, namespace?: CfnNamespaceAuth): AuthType[] {
  if (operation === 'EVENT_CONNECT') return toTypes(config.ConnectionAuthModes, 'ConnectionAuthModes');
  const [own, fallback, ownName, fallbackName] =
    operation === 'EVENT_PUBLISH'
      ? [namespace?.PublishAuthModes, config.DefaultPublishAuthModes, 'PublishAuthModes', 'DefaultPublishAuthModes']
      : [namespace?.SubscribeAuthModes, config.DefaultSubscribeAuthModes, 'SubscribeAuthModes', 'DefaultSubscribeAuthModes'];
  return own && own.length > 0 ? toTypes(own, ownName) : toTypes(fallback, fallbackName);
}

/**
 * Refuses what AppSync refuses at deploy time: a mode used without its provider, a provider
 * without the settings its type needs, an unknown type, a provider listed twice.
 */
export function checkAuthConfig(config: CfnEventConfig, namespaces: Readonly<Record<string, CfnNamespaceAuth>> = {}): void {
  const providers = new Set<AuthType>();
  for (const provider of config.AuthProviders ?? []) {
    if (!isAuthType(provider.AuthType)) throw new AuthConfigError(`AuthProviders: unknown auth type ${provider.AuthType}`);
    if (providers.has(provider.AuthType)) throw new AuthConfigError(`AuthProviders: ${provider.AuthType} is listed twice`);
    providers.add(provider.AuthType);
    const needs = { AMAZON_COGNITO_USER_POOLS: 'CognitoConfig', OPENID_CONNECT: 'OpenIDConnectConfig', AWS_LAMBDA: 'LambdaAuthorizerConfig' } as const;
    const key = needs[provider.AuthType as keyof typeof needs] as keyof CfnAuthProvider | undefined;
    if (key && provider[key] === undefined) throw new AuthConfigError(`AuthProviders: ${provider.AuthType} needs ${key}`);
  }
  const lists: [string, readonly CfnAuthMode[] | undefined][] = [
    ['ConnectionAuthModes', config.ConnectionAuthModes],
    ['DefaultPublishAuthModes', config.DefaultPublishAuthModes],
    ['DefaultSubscribeAuthModes', config.DefaultSubscribeAuthModes],
    ...Object.entries(namespaces).flatMap(([name, ns]): [string, readonly CfnAuthMode[] | undefined][] => [
      [`namespace ${name} PublishAuthModes`, ns.PublishAuthModes],
      [`namespace ${name} SubscribeAuthModes`, ns.SubscribeAuthModes],
    ]),
  ];
  for (const [where, modes] of lists) {
    for (const type of toTypes(modes, where)) {
      if (!providers.has(type)) throw new AuthConfigError(`${where}: ${type} has no entry in AuthProviders`);
    }
  }
}

export function providerFor(config: CfnEventConfig, type: AuthType): CfnAuthProvider | undefined {
  return config.AuthProviders.find((provider) => provider.AuthType === type);
}
