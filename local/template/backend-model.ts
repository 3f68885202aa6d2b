/**
 * The backend as the local cloud runs it, read from the synthesized template
 * (`read-local-backend.ts`): the shapes its parts take. Function names are the template's
 * (strings), not a list the local cloud knows in advance.
 */
import type { AuthType, DynamoDbDataSourceAction, HttpMethod, NamespaceDefinition, TableDefinition } from '../../amplify/definition.ts';

export type { AuthType, NamespaceDefinition, TableDefinition };

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

export interface RouteModel {
  method: HttpMethod;
  path: string;
  functionName: string;
}

export interface FunctionModel {
  /** The function's name in the local cloud: its Powertools service name, else its logical id. */
  name: string;
  /** Its name in the template; the ARNs of references to it (data sources, integrations, triggers) end with it. */
  physicalId: string;
  /** The staged asset folder (what NodejsFunction bundled). */
  codeDir: string;
  /** `file.export`, as Lambda's `Handler`. */
  handler: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
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
  routes: RouteModel[];
  cors: HttpApiCorsModel;
  userPool: UserPoolModel;
  /** Resource types in the template the local cloud has no use for, with their counts. */
  ignored: Record<string, number>;
}
