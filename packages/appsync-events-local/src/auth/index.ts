/** The auth part's public surface: the authorizer, its settings from an assembly, the local OIDC issuer and signing helpers. */
export { createEventAuthorizer } from './event-authorizer.ts';
export type { EventAuthorizer, EventAuthorizerOptions, EventAuthRequest } from './event-authorizer.ts';
export { AUTH_TYPES, AuthConfigError, authModesFor, checkAuthConfig } from './auth-config.ts';
export type {
  AuthType,
  CfnAuthMode,
  CfnAuthProvider,
  CfnCognitoConfig,
  CfnEventConfig,
  CfnLambdaAuthorizerConfig,
  CfnNamespaceAuth,
  CfnOpenIdConnectConfig,
  EventOperation,
} from './auth-config.ts';
export type { AuthDecision } from './decision.ts';
export type { CognitoUserPoolIdentity, EventIdentity, IamIdentity, LambdaIdentity, OidcIdentity } from './identities.ts';
export type { ApiKeyRecord } from './api-key-mode.ts';
export type { UserPoolKeys } from './user-pool-mode.ts';
export { iamRequest } from './iam-mode.ts';
export type { EventApiLocation, IamPrincipal } from './iam-mode.ts';
export { evaluatePolicies } from './iam-policy.ts';
export type { PolicyDocument, PolicyStatement, PolicyVerdict } from './iam-policy.ts';
export type { InvokeFunction, LambdaAuthorizerRequest, LambdaAuthorizerResponse } from './lambda-mode.ts';
export { discoverJwks } from './oidc-discovery.ts';
export type { JwksSource } from './oidc-discovery.ts';
export { startLocalOidcIssuer } from './local-oidc-issuer.ts';
export type { LocalOidcIssuer, LocalOidcIssuerOptions } from './local-oidc-issuer.ts';
export { createTokenSigner } from './oidc-signer.ts';
export type { TokenSigner } from './oidc-signer.ts';
export type { Jwks } from './jwt.ts';
export { signEventRequest } from './sign-event-request.ts';
export type { SignEventRequestInput } from './sign-event-request.ts';
export { eventApiAuthSettings, localApiKeyValue } from './auth-from-assembly.ts';
export type { EventApiAuthSettings, EventApiAuthSettingsOptions } from './auth-from-assembly.ts';
export { IAM_RESOURCE_TYPES, rolePolicies, rolePrincipal } from './role-policies.ts';
export type { RoleLookup } from './role-policies.ts';
export { functionSessionCredentials, functionSessions } from './function-sessions.ts';
export type { FunctionRole, FunctionSessions, SessionCredentials } from './function-sessions.ts';
