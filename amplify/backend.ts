/**
 * The Amplify Gen 2 backend: what `npx ampx sandbox` and `npx ampx pipeline-deploy` deploy.
 * Everything chat-related lives in one custom stack (one stack avoids cross-stack cycles between
 * the Lambdas, the table and the Event API's data source). Shapes come from `definition.ts`, the
 * same definition the local cloud reads.
 */
import { defineBackend } from '@aws-amplify/backend';
import { fileURLToPath } from 'node:url';
import type { CreateRoomEnv } from '../functions/create-room/env.ts';
import type { HistoryEnv } from '../functions/history/env.ts';
import type { PersistMessagesEnv } from '../functions/persist-messages/env.ts';
import { createHttpApi } from './api/http-api.ts';
import { auth } from './auth/resource.ts';
import { createTable } from './data/tables.ts';
import { eventApi, HTTP_API_NAME, routes, tables } from './definition.ts';
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
  } satisfies PersistMessagesEnv,
});
// Exactly the actions each function's code uses (amplify/data/README.md, "IAM"): the broad
// grantReadData/grantReadWriteData would add Scan, batch and stream reads nothing here needs.
table.grant(persistMessages, 'dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem');

const history = createLambda(stack, 'history', {
  environment: { TABLE_NAME: table.tableName, POWERTOOLS_SERVICE_NAME: 'history' } satisfies HistoryEnv,
});
table.grant(history, 'dynamodb:Query', 'dynamodb:GetItem');

const createRoom = createLambda(stack, 'create-room', {
  environment: { TABLE_NAME: table.tableName, POWERTOOLS_SERVICE_NAME: 'create-room' } satisfies CreateRoomEnv,
});
table.grant(createRoom, 'dynamodb:UpdateItem');

const { userPool, userPoolClient } = backend.auth.resources;
const { api } = createEventApi(stack, eventApi, { userPool, functions: { 'persist-messages': persistMessages } });
const httpApi = createHttpApi(stack, routes, {
  userPool,
  userPoolClient,
  functions: { history, 'create-room': createRoom },
  allowOrigins: (process.env.PARLEY_APP_ORIGINS ?? 'http://localhost:5173,http://127.0.0.1:5173').split(','),
});
createAlarms(stack, { functions: { 'persist-messages': persistMessages, history, 'create-room': createRoom }, api });

backend.addOutput({
  custom: {
    events: {
      url: `https://${api.httpDns}/event`,
      aws_region: stack.region,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
    },
    API: { [HTTP_API_NAME]: { endpoint: httpApi.apiEndpoint, region: stack.region, apiName: HTTP_API_NAME } },
  },
});

export { api, backend, createRoom, history, httpApi, persistMessages, stack, table };
