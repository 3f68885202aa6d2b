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

// The emulator and its parts.
export { startEmulator } from './emulator.ts';
export type { Emulator, EmulatorOptions } from './emulator.ts';
export type { EmulatorOutputs } from './outputs.ts';
export { readLocalBackend, LOCAL_EVENTS_HOST } from './template/read-local-backend.ts';
export type {
  DynamoDbDataSourceAction,
  EventApiModel,
  FunctionModel,
  HandlerIntegration,
  HttpMethod,
  IndexDefinition,
  KeyDefinition,
  KeyType,
  LocalBackend,
  NamespaceDefinition,
  RouteDefinition,
  TableDefinition,
} from './template/backend-model.ts';
export { TemplateNotEmulatedError } from './template/template-not-emulated-error.ts';
export { ADMIN_TOKEN_HEADER, createLocalAccess, DEFAULT_APP_ORIGINS } from './access/local-access.ts';
export type { LocalAccess } from './access/local-access.ts';
export { createFaults, InjectedFault } from './faults.ts';
export type { Faults, LambdaFault } from './faults.ts';
export { startDynamoServer } from './dynamodb/dynamo-server.ts';
export type { DynamoEngine, DynamoServer, DynamoServerOptions } from './dynamodb/dynamo-server.ts';
export { createTableInput, ensureTables } from './dynamodb/create-tables.ts';
export { startLocalCognito } from './cognito/local-cognito.ts';
export type { LocalCognito, LocalCognitoOptions, SeedAccount, SeedUser } from './cognito/local-cognito.ts';
export type { PasswordPolicy, UserPoolSettings } from './cognito/pool-settings.ts';
export { CognitoApiError, createCognitoAdminClient } from './cognito/cognito-admin-client.ts';
export type { CognitoAdminClient } from './cognito/cognito-admin-client.ts';
export { createJwtVerifier, JwtRejectedError } from './auth/jwt-verifier.ts';
export type { JwtVerifier, TokenUse } from './auth/jwt-verifier.ts';
export { createHttpJwtAuthorizer } from './auth/http-jwt-authorizer.ts';
export type { LocalIamCredentials } from './auth/local-iam-credentials.ts';
export { buildLambdaEnvironment } from './lambda/lambda-environment.ts';
export { lambdaRuntimeNotice } from './lambda/runtime-notice.ts';
export type { RuntimeNotice } from './lambda/runtime-notice.ts';
export {
  createDataSourceInvoker,
  createNamespaceHandlers,
  DEFAULT_HANDLER_TIMEOUT_MS,
  HANDLER_ERROR_TYPE,
  loadHandlerModule,
  loadNamespaceHandlers,
} from './sandbox/index.ts';
export type { HandlerForm, HandlerModule, LoadNamespaceHandlersOptions, NamespaceHandlersOptions, SandboxLogEntry } from './sandbox/index.ts';
export { createDynamoDbDataSource } from './sandbox/dynamodb-data-source.ts';
export { DataSourceRequestError } from './sandbox/data-source-request-error.ts';
export type {
  CognitoIdentity,
  DataSourceInvoker,
  DataSourceOutcome,
  DataSourceRequest,
  DynamoDbRequest,
  HandlerContext,
  Identity,
  NamespaceHandlers,
  OutgoingEvent,
  PublishHandlerResult,
  SubscribeHandlerResult,
} from './events/contracts.ts';
