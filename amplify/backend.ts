/**
 * The Amplify Gen 2 backend: what `npx ampx sandbox` and `npx ampx pipeline-deploy` deploy.
 * Everything chat-related lives in one custom stack (one stack avoids cross-stack cycles between
 * the Lambdas, the table and the Event API's data source). Shapes come from `definition.ts`, the
 * same definition the local cloud reads.
 */
import { defineBackend } from '@aws-amplify/backend';
import { Stack } from 'aws-cdk-lib';
import { AppSyncEventResource } from 'aws-cdk-lib/aws-appsync';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { fileURLToPath } from 'node:url';
import type { CreateRoomEnv } from '../functions/create-room/env.ts';
import type { HistoryEnv } from '../functions/history/env.ts';
import type { ModerationEnv } from '../functions/moderation/env.ts';
import { DEFAULT_RATE_LIMIT, type PersistMessagesEnv } from '../functions/persist-messages/env.ts';
import type { PreTokenGenerationEnv } from '../functions/pre-token-generation/env.ts';
import type { ThrottleSignalsEnv } from '../functions/throttle-signals/env.ts';
import { createHttpApi } from './api/http-api.ts';
import { auth } from './auth/resource.ts';
import { createTable } from './data/tables.ts';
import { eventApi, HTTP_API_NAME, routes, tables } from './definition.ts';
import { CHAT_NAMESPACE } from '../core/channels.ts';
import type { CustomOutputs } from '../core/outputs.ts';
import { buildHandlers } from './events/build-handlers.ts';
import { createEventApi } from './events/event-api.ts';
import { createLambda } from './functions/lambdas.ts';
import { createAlarms } from './observability/alarms.ts';

// The namespaces deploy the bundled handler modules, so bundle them before synthesis.
await buildHandlers({ rootDir: fileURLToPath(new URL('..', import.meta.url)) });

const backend = defineBackend({ auth });
const stack = backend.createStack('chat');
const table = createTable(stack, tables[0]!);
const metricsNamespace = 'Parley';

const persistMessages = createLambda(stack, 'persist-messages', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'persist-messages',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
    RATE_LIMIT: DEFAULT_RATE_LIMIT,
  } satisfies PersistMessagesEnv,
});
// Exactly the actions each function's code uses (amplify/data/README.md, "IAM"): the broad
// grantReadData/grantReadWriteData would add Scan, batch and stream reads nothing here needs.
table.grant(persistMessages, 'dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem');

// Typing signals: one conditional UpdateItem on `SIGNAL#<sub>` / `LAST` per publish, nothing else.
const throttleSignals = createLambda(stack, 'throttle-signals', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'throttle-signals',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies ThrottleSignalsEnv,
});
table.grant(throttleSignals, 'dynamodb:UpdateItem');

const history = createLambda(stack, 'history', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'history',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies HistoryEnv,
});
table.grant(history, 'dynamodb:Query', 'dynamodb:GetItem');

const createRoom = createLambda(stack, 'create-room', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'create-room',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies CreateRoomEnv,
});
table.grant(createRoom, 'dynamodb:UpdateItem');

const { userPool, userPoolClient } = backend.auth.resources;

// Pre Token Generation V2 puts the display name into access tokens. It lives in the auth stack:
// in the chat stack, the pool → function reference would close a cycle between the two stacks.
const preTokenGeneration = createLambda(Stack.of(userPool), 'pre-token-generation', {
  environment: {
    POWERTOOLS_SERVICE_NAME: 'pre-token-generation',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies PreTokenGenerationEnv,
});
preTokenGeneration.addPermission('invoked-by-user-pool', {
  principal: new ServicePrincipal('cognito-idp.amazonaws.com'),
  sourceArn: userPool.userPoolArn,
});
const { cfnUserPool } = backend.auth.resources.cfnResources;
// An override, not `lambdaConfig = …`: Amplify sets LambdaConfig lazily, and this merges into it.
cfnUserPool.addPropertyOverride('LambdaConfig.PreTokenGenerationConfig', {
  LambdaArn: preTokenGeneration.functionArn,
  LambdaVersion: 'V2_0',
});
// Access-token customization (V2) requires the Essentials feature plan; say so rather than rely on a default.
cfnUserPool.userPoolTier = 'ESSENTIALS';
const { api } = createEventApi(stack, eventApi, {
  userPool,
  functions: { 'persist-messages': persistMessages, 'throttle-signals': throttleSignals },
});

const moderation = createLambda(stack, 'moderation', {
  environment: {
    TABLE_NAME: table.tableName,
    EVENT_API_URL: `https://${api.httpDns}/event`,
    POWERTOOLS_SERVICE_NAME: 'moderation',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies ModerationEnv,
});
// Queries (no Scan), the consistent re-read after a lost condition, the status update, audit puts.
table.grant(moderation, 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem');
// Publishes message.removed/restored with its role's credentials, on the chat namespace only.
api.grant(moderation, AppSyncEventResource.ofChannelNamespace(CHAT_NAMESPACE), 'appsync:EventPublish');
const httpApi = createHttpApi(stack, routes, {
  userPool,
  userPoolClient,
  functions: { history, 'create-room': createRoom, moderation },
  allowOrigins: (process.env.PARLEY_APP_ORIGINS ?? 'http://localhost:5173,http://127.0.0.1:5173').split(','),
});
createAlarms(stack, {
  // pre-token-generation too: when it throws, nobody can sign in.
  functions: {
    'persist-messages': persistMessages,
    'throttle-signals': throttleSignals,
    history,
    'create-room': createRoom,
    moderation,
    'pre-token-generation': preTokenGeneration,
  },
  api,
});

backend.addOutput({
  custom: {
    events: {
      url: `https://${api.httpDns}/event`,
      aws_region: stack.region,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
    },
    API: { [HTTP_API_NAME]: { endpoint: httpApi.apiEndpoint, region: stack.region, apiName: HTTP_API_NAME } },
  } satisfies CustomOutputs,
});

export { api, backend, createRoom, history, httpApi, moderation, persistMessages, preTokenGeneration, stack, table, throttleSignals };
