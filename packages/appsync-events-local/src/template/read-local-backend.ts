/**
 * Reads the synthesized backend (a cloud assembly) into what the local cloud runs: the Event API
 * and its namespaces with their code (inline, staged or none), its auth settings, the data
 * sources, the functions with their bundled code, environment, timeout and memory (and their
 * roles, for IAM), the tables, and when the template has them the HTTP API's routes and CORS and
 * the user pool's client, groups and triggers. What the template holds that the local cloud
 * cannot emulate is refused here, at startup, naming the resource.
 */
import type { AttributeProvider } from '../assembly/attributes.ts';
import { type AssemblyResource, readCloudAssembly } from '../assembly/read-cloud-assembly.ts';
import { DEFAULT_ACCOUNT_ID } from '../assembly/pseudo-parameters.ts';
import { EMULATED_RESOURCE_TYPES } from '../assembly/resource-types.ts';
import { eventApiAuthSettings } from '../auth/auth-from-assembly.ts';
import { IAM_RESOURCE_TYPES } from '../auth/role-policies.ts';
import type { DynamoDbDataSourceAction, HttpMethod } from './backend-model.ts';
import type { FunctionModel, LocalBackend, LocalDataSource, RouteModel, UserPoolModel } from './backend-model.ts';
import { readEventApi } from './read-event-api.ts';
import { readTable } from './read-table.ts';
import { readUserPoolSettings } from './read-user-pool-settings.ts';
import { TemplateNotEmulatedError } from './template-not-emulated-error.ts';

/**
 * The host the Event API's `Dns.Http` and `Dns.Realtime` resolve to. The events service picks its
 * port after the template is read, so a function's environment names this host and the Lambda
 * runner puts the service's origin in its place at the function's cold start.
 */
export const LOCAL_EVENTS_HOST = 'appsync-events.local.invalid';

/** Amplify's root stack name, `amplify-<app>-<branch>-<type>-<hash>`, which prefixes the names it gives. */
const AMPLIFY_STACK_PREFIX = /^amplify-[a-z0-9-]+?-(?:branch|sandbox)-[0-9a-f]{10}-/;

/**
 * The local values of the template's references. One deployment runs locally, so a table is served
 * under its name without the stack's prefix (the data directory and the tools keep the names they
 * had); `renamed` records each such table by its deployed name.
 */
function localAttributes(renamed: Map<string, string>): AttributeProvider {
  return {
    physicalId: (resource) => {
      if (!resource.type.startsWith('AWS::DynamoDB::') || !resource.name) return undefined;
      const local = resource.name.replace(AMPLIFY_STACK_PREFIX, '');
      if (local !== resource.name) renamed.set(resource.name, local);
      return local;
    },
    attribute: (resource, name) => (resource.type === 'AWS::AppSync::Api' && name.startsWith('Dns.') ? LOCAL_EVENTS_HOST : undefined),
  };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);

export interface ReadLocalBackendOptions {
  /** `AWS::Region` where the app did not fix one; default us-east-1. */
  region?: string;
}

export async function readLocalBackend(directory: string, options: ReadLocalBackendOptions = {}): Promise<LocalBackend> {
  const renamed = new Map<string, string>();
  const region = options.region ?? 'us-east-1';
  const assembly = await readCloudAssembly(directory, { region, attributes: localAttributes(renamed), resourceTypes: [...EMULATED_RESOURCE_TYPES, ...IAM_RESOURCE_TYPES] });
  const ofType = (type: string) => assembly.resources.filter((resource) => resource.type === type);
  const only = (type: string): AssemblyResource => {
    const found = ofType(type);
    if (found.length !== 1) throw new Error(`The local cloud runs one ${type}; the template has ${found.length}`);
    return found[0]!;
  };
  const atMostOne = (type: string): AssemblyResource | undefined => (ofType(type).length === 0 ? undefined : only(type));
  for (const type of ['AWS::Lambda::EventSourceMapping']) {
    const [resource] = ofType(type);
    if (resource) throw new TemplateNotEmulatedError(resource, 'this type is not emulated');
  }

  // A stack that names the table as a literal (no reference to it) gets its local name too.
  const functions = ofType('AWS::Lambda::Function').flatMap((resource) => (resource.assetPath ? [readFunction(resource, renamed)] : []));
  const byId = new Map(functions.map((fn) => [fn.physicalId, fn.name]));
  // References resolve to the function's ARN (or its name): either ends with its physical id.
  const functionAt = (resource: AssemblyResource, arn: unknown): string => {
    const name = byId.get(String(arn).split(':').pop() ?? '');
    if (!name) throw new TemplateNotEmulatedError(resource, `it calls ${String(arn)}, which is not a function with staged code in the template`);
    return name;
  };

  const tables = [...ofType('AWS::DynamoDB::GlobalTable'), ...ofType('AWS::DynamoDB::Table')].map(readTable);
  const policies = ofType('AWS::IAM::Policy');
  const dataSources = ofType('AWS::AppSync::DataSource').map((resource): LocalDataSource => {
    const p = resource.properties;
    if (p.Type === 'AWS_LAMBDA') return { kind: 'AWS_LAMBDA', name: String(p.Name), functionName: functionAt(resource, (p.LambdaConfig as { LambdaFunctionArn?: string } | undefined)?.LambdaFunctionArn) };
    if (p.Type === 'AMAZON_DYNAMODB') {
      const tableName = String((p.DynamoDBConfig as { TableName?: string } | undefined)?.TableName);
      return { kind: 'AMAZON_DYNAMODB', name: String(p.Name), tableName, actions: dynamoDbActions(policies, String(p.ServiceRoleArn), tableName) };
    }
    throw new TemplateNotEmulatedError(resource, `data sources of type ${String(p.Type)} are not emulated (AWS_LAMBDA and AMAZON_DYNAMODB are)`);
  });

  const eventApi = readEventApi(only('AWS::AppSync::Api'), ofType('AWS::AppSync::ChannelNamespace'), dataSources);
  const httpApi = atMostOne('AWS::ApiGatewayV2::Api');
  const cors = (httpApi?.properties.CorsConfiguration ?? {}) as Record<string, unknown>;
  const pool = atMostOne('AWS::Cognito::UserPool');
  // A function's `Role` is its role's ARN, which ends with the role's name (its physical id).
  const roleNames = new Set(ofType('AWS::Lambda::Function').map((fn) => String(fn.properties.Role ?? '').split('/').pop()));

  return {
    directory: assembly.directory,
    eventApi,
    functions,
    tables,
    httpApiName: httpApi && String(httpApi.properties.Name ?? httpApi.logicalId),
    routes: readRoutes(ofType('AWS::ApiGatewayV2::Route'), ofType('AWS::ApiGatewayV2::Integration'), functionAt),
    cors: {
      allowOrigins: strings(cors.AllowOrigins),
      allowMethods: strings(cors.AllowMethods),
      allowHeaders: strings(cors.AllowHeaders),
      exposeHeaders: strings(cors.ExposeHeaders),
      maxAgeSeconds: Number(cors.MaxAge ?? 0),
    },
    userPool: pool && readUserPool(pool, only('AWS::Cognito::UserPoolClient'), ofType('AWS::Cognito::UserPoolGroup'), functionAt),
    eventAuth: eventApiAuthSettings(assembly.resources, { region, accountId: DEFAULT_ACCOUNT_ID }),
    functionRoles: ofType('AWS::IAM::Role').filter((role) => roleNames.has(role.physicalId)).map((role) => role.logicalId),
    resources: assembly.resources,
    ignored: assembly.ignored,
  };
}

function readFunction(resource: AssemblyResource, renamed: ReadonlyMap<string, string>): FunctionModel {
  const p = resource.properties;
  const environment = ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
  return {
    name: typeof environment.POWERTOOLS_SERVICE_NAME === 'string' ? environment.POWERTOOLS_SERVICE_NAME : resource.logicalId,
    physicalId: resource.physicalId,
    codeDir: resource.assetPath!,
    handler: String(p.Handler ?? 'index.handler'),
    runtime: String(p.Runtime ?? ''),
    environment: Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, renamed.get(String(value)) ?? String(value)])),
    // CloudFormation's defaults when the template leaves them out.
    timeoutSeconds: Number(p.Timeout ?? 3),
    memoryMb: Number(p.MemorySize ?? 128),
    roleArn: String(p.Role ?? ''),
  };
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

/** The DynamoDB actions the role's policies allow on the table itself (not its indexes). */
function dynamoDbActions(policies: readonly AssemblyResource[], roleArn: string, tableName: string): DynamoDbDataSourceAction[] {
  const roleName = roleArn.split('/').pop();
  const actions = policies
    .filter((policy) => strings(policy.properties.Roles).includes(roleName ?? ''))
    .flatMap((policy) => ((policy.properties.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? []))
    .filter((statement) => statement.Effect === 'Allow' && strings(statement.Resource).some((arn) => arn.endsWith(`:table/${tableName}`)))
    .flatMap((statement) => strings(statement.Action))
    .filter((action) => action.startsWith('dynamodb:'));
  return [...new Set(actions)] as DynamoDbDataSourceAction[];
}

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'];

function readRoutes(routes: readonly AssemblyResource[], integrations: readonly AssemblyResource[], functionAt: (r: AssemblyResource, arn: unknown) => string): RouteModel[] {
  const integrationById = new Map(integrations.map((integration) => [`integrations/${integration.physicalId}`, integration]));
  return routes.map((route) => {
    const p = route.properties;
    const [method = '', path = ''] = String(p.RouteKey).split(' ');
    if (!METHODS.includes(method)) throw new TemplateNotEmulatedError(route, `route key ${String(p.RouteKey)} is not emulated (METHOD /path is)`);
    if (p.AuthorizationType !== 'JWT') throw new TemplateNotEmulatedError(route, `authorization ${String(p.AuthorizationType)} is not emulated (JWT is)`);
    const integration = integrationById.get(String(p.Target));
    if (integration?.properties.IntegrationType !== 'AWS_PROXY' || integration.properties.PayloadFormatVersion !== '2.0') {
      throw new TemplateNotEmulatedError(route, 'only Lambda proxy integrations with payload format 2.0 are emulated');
    }
    return { method: method as HttpMethod, path, functionName: functionAt(integration, integration.properties.IntegrationUri) };
  });
}

/** `AccessTokenValidity` in its unit (Cognito's default: 60 minutes). */
function tokenMinutes(properties: Record<string, unknown>): number {
  const value = Number(properties.AccessTokenValidity ?? 60);
  const unit = (properties.TokenValidityUnits as { AccessToken?: string } | undefined)?.AccessToken ?? 'hours';
  return properties.AccessTokenValidity === undefined ? 60 : unit === 'minutes' ? value : unit === 'days' ? value * 1440 : value * 60;
}

/**
 * What an app client without `WriteAttributes` lets users write: the pool's standard attributes
 * (Cognito's default; the verified flags are the pool's to set, not the user's).
 */
const STANDARD_ATTRIBUTES = [
  'address', 'birthdate', 'email', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
] as const;

const EMULATED_TRIGGERS = new Set(['PreSignUp', 'PreTokenGenerationConfig']);

function readUserPool(
  pool: AssemblyResource,
  client: AssemblyResource,
  groups: readonly AssemblyResource[],
  functionAt: (r: AssemblyResource, arn: unknown) => string,
): UserPoolModel {
  const triggers = (pool.properties.LambdaConfig ?? {}) as Record<string, unknown>;
  for (const trigger of Object.keys(triggers)) {
    if (!EMULATED_TRIGGERS.has(trigger)) throw new TemplateNotEmulatedError(pool, `the ${trigger} trigger is not emulated (PreSignUp and PreTokenGenerationConfig V2_0 are)`);
  }
  const tokenConfig = triggers.PreTokenGenerationConfig as { LambdaArn?: string; LambdaVersion?: string } | undefined;
  if (tokenConfig && tokenConfig.LambdaVersion !== 'V2_0') throw new TemplateNotEmulatedError(pool, `pre token generation ${String(tokenConfig.LambdaVersion)} is not emulated (V2_0 is)`);
  return {
    groups: groups
      .map((group) => ({ name: String(group.properties.GroupName), precedence: Number(group.properties.Precedence ?? 0) }))
      .sort((a, b) => a.precedence - b.precedence)
      .map((group) => group.name),
    settings: readUserPoolSettings(pool),
    selfSignUp: (pool.properties.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined)?.AllowAdminCreateUserOnly !== true,
    authFlows: strings(client.properties.ExplicitAuthFlows),
    writeAttributes: client.properties.WriteAttributes === undefined ? [...STANDARD_ATTRIBUTES] : strings(client.properties.WriteAttributes),
    tokenValidityMinutes: tokenMinutes(client.properties),
    preSignUp: triggers.PreSignUp === undefined ? undefined : functionAt(pool, triggers.PreSignUp),
    preTokenGeneration: tokenConfig?.LambdaArn === undefined ? undefined : functionAt(pool, tokenConfig.LambdaArn),
  };
}
