import { type CfnResource, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AppSyncAuthorizationType, type AppSyncBackedDataSource, AppSyncDynamoDbDataSource, type CfnApi, Code, EventApi } from 'aws-cdk-lib/aws-appsync';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { EventApiLogLevel } from '../deploy-settings.ts';
import { grantTableAccess } from '../data/tables.ts';
import { type AuthType, type DynamoDbDataSourceDefinition, type EventApiDefinition, type FunctionName } from '../definition.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const authTypes: Record<AuthType, AppSyncAuthorizationType> = {
  AMAZON_COGNITO_USER_POOLS: AppSyncAuthorizationType.USER_POOL,
  AWS_IAM: AppSyncAuthorizationType.IAM,
  API_KEY: AppSyncAuthorizationType.API_KEY,
  OPENID_CONNECT: AppSyncAuthorizationType.OIDC,
  AWS_LAMBDA: AppSyncAuthorizationType.LAMBDA,
};
const modes = (list: readonly AuthType[]) => list.map((mode) => authTypes[mode]);

export interface EventApiResources {
  api: EventApi;
  dataSources: Record<string, AppSyncBackedDataSource>;
  /** Where AppSync writes the API's logs. */
  logGroup: LogGroup;
}

export interface EventApiDeps {
  userPool: IUserPool;
  functions: Partial<Record<FunctionName, IFunction>>;
  /** The tables DynamoDB data sources read, by logical name. */
  tables: Record<string, ITableV2>;
  logLevel: EventApiLogLevel;
}

/**
 * The Event API exactly as `amplify/definition.ts` describes it: auth providers and modes, each
 * namespace with its bundled handler module (the same file the local cloud runs; build it first
 * with `buildHandlers`), and the data sources its handlers call (Lambdas, and DynamoDB tables).
 */
export function createEventApi(
  scope: Construct,
  definition: EventApiDefinition,
  deps: EventApiDeps,
): EventApiResources {
  const api = new EventApi(scope, 'events', {
    apiName: definition.apiName,
    authorizationConfig: {
      authProviders: definition.authProviders.map((type) =>
        type === 'AMAZON_COGNITO_USER_POOLS'
          ? { authorizationType: AppSyncAuthorizationType.USER_POOL, cognitoConfig: { userPool: deps.userPool } }
          : { authorizationType: authTypes[type] },
      ),
      connectionAuthModeTypes: modes(definition.connectionAuthModes),
      defaultPublishAuthModeTypes: modes(definition.defaultPublishAuthModes),
      defaultSubscribeAuthModeTypes: modes(definition.defaultSubscribeAuthModes),
    },
  });
  const dataSources: Record<string, AppSyncBackedDataSource> = {};
  for (const source of definition.dataSources) {
    if (source.kind === 'AMAZON_DYNAMODB') {
      dataSources[source.name] = addDynamoDbDataSource(scope, api, source, deps.tables);
      continue;
    }
    const fn = deps.functions[source.functionName];
    if (!fn) throw new Error(`Data source ${source.name} needs the ${source.functionName} function`);
    const dataSource = api.addLambdaDataSource(source.name, fn);
    const functionId = Stack.of(fn).resolve((fn.node.defaultChild as CfnResource).logicalId) as string;
    Validations.of(dataSource).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason: `The data source role may invoke ${source.functionName} only; CDK's grant adds ":*" so that the function's versions and aliases are covered too`,
    });
    dataSources[source.name] = dataSource;
  }
  for (const namespace of definition.namespaces) {
    const publishSource = namespace.onPublish && dataSources[namespace.onPublish.dataSource];
    const subscribeSource = namespace.onSubscribe && dataSources[namespace.onSubscribe.dataSource];
    api.addChannelNamespace(namespace.name, {
      channelNamespaceName: namespace.name,
      code: Code.fromAsset(`${root}${namespace.handlerBundle}`),
      publishHandlerConfig: publishSource ? { dataSource: publishSource } : undefined,
      subscribeHandlerConfig: subscribeSource ? { dataSource: subscribeSource } : undefined,
      authorizationConfig: {
        publishAuthModeTypes: modes(namespace.publishAuthModes),
        subscribeAuthModeTypes: modes(namespace.subscribeAuthModes),
      },
    });
  }
  return { api, dataSources, logGroup: enableLogging(scope, api, deps.logLevel) };
}

/**
 * A DynamoDB data source whose role may do exactly the definition's actions on the table (no
 * index). CDK's own data source grants `grantReadData` or `grantReadWriteData` (Scan, Query, batch
 * reads, every index) to the role it is given, so it gets a copy that takes no policy changes and
 * the grant goes through `grantTableAccess` on the role itself.
 */
function addDynamoDbDataSource(
  scope: Construct,
  api: EventApi,
  source: DynamoDbDataSourceDefinition,
  tables: Record<string, ITableV2>,
): AppSyncDynamoDbDataSource {
  const table = tables[source.tableName];
  if (!table) throw new Error(`Data source ${source.name} needs the ${source.tableName} table`);
  const role = new Role(scope, `events-${source.name}-role`, {
    description: `AppSync reads ${source.tableName} for the ${source.name} data source`,
    // Only AppSync acting for this account may assume it (the confused-deputy guard).
    assumedBy: new ServicePrincipal('appsync.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } }),
  });
  grantTableAccess(role, table, [...source.actions]);
  return new AppSyncDynamoDbDataSource(scope, `events-${source.name}`, {
    api,
    name: source.name,
    table,
    readOnlyAccess: true,
    serviceRole: role.withoutPolicyUpdates(),
  });
}

/**
 * The API's `LogConfig`, with a log group that keeps 30 days like the Lambdas' and a role that can
 * write to that group only. AppSync writes to `/aws/appsync/apis/<api id>`; creating that group
 * here gives it a retention from the start (the L2's `logConfig.retention` would instead deploy a
 * custom-resource Lambda to set one after the fact).
 */
function enableLogging(scope: Construct, api: EventApi, level: EventApiLogLevel): LogGroup {
  const logGroup = new LogGroup(scope, 'events-logs', {
    logGroupName: `/aws/appsync/apis/${api.apiId}`,
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const { account } = Stack.of(scope);
  const role = new Role(scope, 'events-logs-role', {
    description: 'AppSync writes the Event API logs',
    // Only AppSync acting for this account may assume it (the confused-deputy guard).
    assumedBy: new ServicePrincipal('appsync.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': account } }),
  });
  logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
  (api.node.defaultChild as CfnApi).addPropertyOverride('EventConfig.LogConfig', {
    CloudWatchLogsRoleArn: role.roleArn,
    LogLevel: level,
  });
  return logGroup;
}
