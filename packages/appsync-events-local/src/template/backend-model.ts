/**
 * The backend as the local cloud runs it, read from the synthesized template
 * (`read-local-backend.ts`): the shapes its parts take. Function names are the template's
 * (strings), not a list the local cloud knows in advance.
 */
import type { AssemblyResource } from '../assembly/read-cloud-assembly.ts';
import type { AuthType } from '../auth/auth-config.ts';
import type { EventApiAuthSettings } from '../auth/auth-from-assembly.ts';
import type { UserPoolSettings } from '../cognito/pool-settings.ts';

export type { AuthType };

/** An IAM action on a DynamoDB table, as a data source's role policies grant it (`dynamodb:GetItem`). */
export type DynamoDbDataSourceAction = `dynamodb:${string}`;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';

export type KeyType = 'S' | 'N';

export interface KeyDefinition {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyDefinition;
  sortKey: KeyDefinition;
  /** 'ALL', 'KEYS_ONLY' or the non-key attributes to project. */
  projection: 'ALL' | 'KEYS_ONLY' | string[];
}

/** A table as the local DynamoDB server creates it. */
export interface TableDefinition {
  /** The table's local (physical) name. */
  name: string;
  partitionKey: KeyDefinition;
  sortKey: KeyDefinition;
  globalSecondaryIndexes: IndexDefinition[];
  /** Attribute DynamoDB expires items by; neither local server does, so the emulator's sweeper (`dynamodb/ttl-sweeper.ts`) deletes them. */
  timeToLiveAttribute?: string;
}

/** A `CODE` handler's data source, by the data source's name. */
export interface HandlerIntegration {
  dataSource: string;
}

/** A channel namespace: its auth modes and its APPSYNC_JS handler module. */
export interface NamespaceDefinition {
  name: string;
  /** Where the handler's source is, for messages; not read. */
  handlerSource: string;
  /** The bundled ES module: the exact file deployed and run locally. Absent for inline code or none. */
  handlerBundle?: string;
  /** The module's source inline in the template (`CodeHandlers`). With neither, AppSync's defaults apply. */
  handlerCode?: string;
  publishAuthModes: AuthType[];
  subscribeAuthModes: AuthType[];
  /** Set when `onPublish` is the `{ request, response }` form calling a data source. */
  onPublish?: HandlerIntegration;
  onSubscribe?: HandlerIntegration;
}

/** An HTTP API route: `METHOD /path` with `{param}` placeholders, integrated with a function. */
export interface RouteDefinition {
  method: HttpMethod;
  path: string;
  functionName: string;
}

export interface LocalLambdaDataSource {
  kind: 'AWS_LAMBDA';
  name: string;
  functionName: string;
}

export interface LocalDynamoDbDataSource {
  kind: 'AMAZON_DYNAMODB';
  name: string;
  /** The table's local (physical) name. */
  tableName: string;
  /** What the data source's role may do on the table: the actions its IAM policies allow. */
  actions: DynamoDbDataSourceAction[];
}

export type LocalDataSource = LocalLambdaDataSource | LocalDynamoDbDataSource;

export interface EventApiModel {
  apiName: string;
  authProviders: AuthType[];
  connectionAuthModes: AuthType[];
  defaultPublishAuthModes: AuthType[];
  defaultSubscribeAuthModes: AuthType[];
  dataSources: LocalDataSource[];
  /** `handlerBundle` is the staged code file in the assembly (absolute). */
  namespaces: NamespaceDefinition[];
}

export type RouteModel = RouteDefinition;

export interface FunctionModel {
  /** The function's name in the local cloud: its Powertools service name, else its logical id. */
  name: string;
  /** Its name in the template; the ARNs of references to it (data sources, integrations, triggers) end with it. */
  physicalId: string;
  /** The staged asset folder (what NodejsFunction bundled). */
  codeDir: string;
  /** `file.export`, as Lambda's `Handler`. */
  handler: string;
  /** Lambda's `Runtime`, e.g. `nodejs24.x`. */
  runtime: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
  /** Its `Role`: the execution role's ARN, whose session the function's local credentials stand for. */
  roleArn: string;
}

export interface HttpApiCorsModel {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

export interface UserPoolModel {
  groups: string[];
  /** The app client's `ExplicitAuthFlows`. */
  authFlows: string[];
  /** The app client's `WriteAttributes`. */
  writeAttributes: string[];
  /** The app client's access and ID token validity, in minutes. */
  tokenValidityMinutes: number;
  /** False when only administrators create users (`AllowAdminCreateUserOnly`). */
  selfSignUp: boolean;
  /** The pool's `UsernameAttributes`, `AliasAttributes`, `Policies.PasswordPolicy` and `MfaConfiguration`. */
  settings: UserPoolSettings;
  /** Trigger functions by name. */
  preSignUp?: string;
  preTokenGeneration?: string;
}

export interface LocalBackend {
  /** The cloud assembly it was read from. */
  directory: string;
  eventApi: EventApiModel;
  functions: FunctionModel[];
  tables: TableDefinition[];
  /** The HTTP API's `Name`; absent when the template has no HTTP API (then no routes). */
  httpApiName?: string;
  routes: RouteModel[];
  cors: HttpApiCorsModel;
  /** Absent when the template has no user pool. */
  userPool?: UserPoolModel;
  /** The Event API's auth settings in CloudFormation's shapes, for `createEventAuthorizer`. */
  eventAuth: EventApiAuthSettings;
  /** The logical ids of the functions' roles, whose policies together the run's all-roles credentials (`emulator.iamCredentials`) stand for. */
  functionRoles: string[];
  /** Every resolved resource, IAM roles and policies included (for `rolePolicies`). */
  resources: AssemblyResource[];
  /** Resource types in the template the local cloud has no use for, with their counts. */
  ignored: Record<string, number>;
}
