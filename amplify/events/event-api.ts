import {
  AppSyncAuthorizationType,
  type AppSyncBackedDataSource,
  type CfnChannelNamespace,
  Code,
  EventApi,
} from 'aws-cdk-lib/aws-appsync';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { type AuthType, type EventApiDefinition, type FunctionName } from '../definition.ts';

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
}

/**
 * The Event API exactly as `amplify/definition.ts` describes it: auth providers and modes, each
 * namespace with its bundled handler module (the same file the local cloud runs; build it first
 * with `buildHandlers`), and the Lambda data sources its handlers call.
 */
export function createEventApi(
  scope: Construct,
  definition: EventApiDefinition,
  deps: { userPool: IUserPool; functions: Partial<Record<FunctionName, IFunction>> },
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
    const fn = deps.functions[source.functionName];
    if (!fn) throw new Error(`Data source ${source.name} needs the ${source.functionName} function`);
    dataSources[source.name] = api.addLambdaDataSource(source.name, fn);
  }
  for (const namespace of definition.namespaces) {
    const publishSource = namespace.onPublish && dataSources[namespace.onPublish.dataSource];
    const created = api.addChannelNamespace(namespace.name, {
      channelNamespaceName: namespace.name,
      code: Code.fromAsset(`${root}${namespace.handlerBundle}`),
      publishHandlerConfig: publishSource ? { dataSource: publishSource } : undefined,
      authorizationConfig: {
        publishAuthModeTypes: modes(namespace.publishAuthModes),
        subscribeAuthModeTypes: modes(namespace.subscribeAuthModes),
      },
    });
    if (namespace.onPublish) {
      // The L2 only writes lambdaConfig for DIRECT handlers; state the invoke type for CODE too.
      const cfn = created.node.defaultChild as CfnChannelNamespace;
      cfn.addPropertyOverride('HandlerConfigs.OnPublish.Integration.LambdaConfig.InvokeType', namespace.onPublish.invokeType);
    }
  }
  return { api, dataSources };
}
