/** The package's public surface; each part is exported from here as it lands. */
export { readCloudAssembly } from './assembly/read-cloud-assembly.ts';
export type { AssemblyResource, AssemblyStack, CloudAssembly, ReadCloudAssemblyOptions } from './assembly/read-cloud-assembly.ts';
export { EMULATED_RESOURCE_TYPES } from './assembly/resource-types.ts';
export { defaultAttribute, defaultPhysicalId } from './assembly/attributes.ts';
export type { AttributeProvider, LocatedResource, ResourceIdentity } from './assembly/attributes.ts';
export type { FileAsset } from './assembly/manifest.ts';
export { AssemblyError } from './assembly/template.ts';
export { APPSYNC_JS_RULES, AppSyncJsError, assertAppSyncJs, checkAppSyncJs, formatFinding } from './appsync-js/index.ts';
export type { AppSyncJsRule, Finding } from './appsync-js/index.ts';
export {
  AuthConfigError,
  createEventAuthorizer,
  createTokenSigner,
  discoverJwks,
  evaluatePolicies,
  eventApiAuthSettings,
  IAM_RESOURCE_TYPES,
  localApiKeyValue,
  rolePolicies,
  rolePrincipal,
  signEventRequest,
  startLocalOidcIssuer,
} from './auth/index.ts';
export type {
  ApiKeyRecord,
  AuthDecision,
  AuthType,
  CfnEventConfig,
  CfnNamespaceAuth,
  CognitoUserPoolIdentity,
  EventApiAuthSettings,
  EventApiLocation,
  EventAuthorizer,
  EventAuthorizerOptions,
  EventAuthRequest,
  EventIdentity,
  EventOperation,
  IamIdentity,
  IamPrincipal,
  InvokeFunction,
  LambdaAuthorizerRequest,
  LambdaAuthorizerResponse,
  LambdaIdentity,
  LocalOidcIssuer,
  OidcIdentity,
  PolicyDocument,
  UserPoolKeys,
} from './auth/index.ts';
