/**
 * The Amplify Gen 2 backend: what `npx ampx sandbox` and `npx ampx pipeline-deploy` deploy.
 * Everything chat-related lives in one custom stack (one stack avoids cross-stack cycles between
 * the Lambdas, the table and the Event API's data source). Shapes come from `definition.ts`, the
 * same definition the local cloud reads.
 */
import { defineBackend } from '@aws-amplify/backend';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AppSyncEventResource } from 'aws-cdk-lib/aws-appsync';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { fileURLToPath } from 'node:url';
import { type CreateRoomEnv, DEFAULT_ROOM_LIMIT } from '../functions/create-room/env.ts';
import type { HistoryEnv } from '../functions/history/env.ts';
import type { ModerationEnv } from '../functions/moderation/env.ts';
import type { MembersEnv } from '../functions/members/env.ts';
import { DEFAULT_RATE_LIMIT, type PersistMessagesEnv } from '../functions/persist-messages/env.ts';
import type { PreSignUpEnv } from '../functions/pre-sign-up/env.ts';
import type { PreTokenGenerationEnv } from '../functions/pre-token-generation/env.ts';
import { DEFAULT_NAME_CHANGE_LIMIT, type ProfileEnv } from '../functions/profile/env.ts';
import type { ReportsEnv } from '../functions/reports/env.ts';
import { formatSignupPolicy } from '../core/signup-policy.ts';
import type { ThrottleSignalsEnv } from '../functions/throttle-signals/env.ts';
import { createHttpApi } from './api/http-api.ts';
import { auth } from './auth/resource.ts';
import { deploymentTableName } from './data/table-name.ts';
import { createTable, grantTableAccess } from './data/tables.ts';
import { clientAuthFlows, clientWritableAttributes, eventApi, HTTP_API_NAME, routes, tables, TOKEN_VALIDITY_MINUTES } from './definition.ts';
import { CHAT_NAMESPACE, SIGNALS_NAMESPACE } from '../core/channels.ts';
import type { CustomOutputs } from '../core/outputs.ts';
import { buildHandlers } from './events/build-handlers.ts';
import { createEventApi } from './events/event-api.ts';
import { createLambda } from './functions/lambdas.ts';
import { backendTypeOf, readDeploySettings } from './deploy-settings.ts';
import { acknowledgeBranchLinker, addAwsSolutionsChecks } from './nag.ts';
import { createAlarms } from './observability/alarms.ts';
import { createDashboard } from './observability/dashboard.ts';
import { METRICS_NAMESPACE } from '../functions/lib/metric-names.ts';

// The namespaces deploy the bundled handler modules, so bundle them before synthesis.
await buildHandlers({ rootDir: fileURLToPath(new URL('..', import.meta.url)) });

const backend = defineBackend({ auth });
const stack = backend.createStack('chat');
const rootStack = stack.nestedStackParent ?? stack;
// Read before any function is bundled, so a bad or missing setting stops the synth at once.
const settings = readDeploySettings(process.env, backendTypeOf(stack.node.tryGetContext('amplify-backend-type')));
const tableDefinition = tables[0]!;
// A fixed name, so the auth stack's trigger reaches the table without a cross-stack reference (table-name.ts).
const tableName = deploymentTableName(rootStack, tableDefinition.name);
const table = createTable(stack, tableDefinition, tableName);
const metricsNamespace = METRICS_NAMESPACE;
const reservedConcurrency = (name: keyof typeof settings.reservedConcurrency) => settings.reservedConcurrency[name];

// EVENT_API_URL is added once the Event API exists (below): the API's data source needs this function first.
const persistMessages = createLambda(stack, 'persist-messages', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'persist-messages',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
    RATE_LIMIT: DEFAULT_RATE_LIMIT,
  } satisfies Omit<PersistMessagesEnv, 'EVENT_API_URL'>,
  reservedConcurrency: reservedConcurrency('persist-messages'),
});
// Exactly the actions each function's code uses (amplify/data/README.md, "IAM"): the broad
// grantReadData/grantReadWriteData would add Scan, batch and stream reads nothing here needs.
// An edit, delete, reaction or reply finds its message by id on gsi1 (Query there, not on the table).
// BatchWriteItem: the mentioned members' stored mentions, 25 a call (GET /me/mentions reads them).
grantTableAccess(persistMessages, table, ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], ['gsi1']);

// Typing signals: one conditional UpdateItem on `SIGNAL#<sub>` / `LAST` per publish, beside one
// GetItem of the author's mute (`MUTE#<sub>`), nothing else.
const throttleSignals = createLambda(stack, 'throttle-signals', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'throttle-signals',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies ThrottleSignalsEnv,
  reservedConcurrency: reservedConcurrency('throttle-signals'),
});
grantTableAccess(throttleSignals, table, ['dynamodb:UpdateItem', 'dynamodb:GetItem']);

const history = createLambda(stack, 'history', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'history',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies HistoryEnv,
  reservedConcurrency: reservedConcurrency('history'),
});
// Pages come from the room-order index (gsi1); the room item, the caller's membership and the
// gap-fill updates from the table; the caller's private rooms and DMs from gsi2 (`MEMBEROF#<sub>`),
// then their room items and DM peers' profiles in one BatchGetItem.
grantTableAccess(history, table, ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:BatchGetItem'], ['gsi1', 'gsi2']);

const createRoom = createLambda(stack, 'create-room', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'create-room',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
    ROOM_LIMIT: DEFAULT_ROOM_LIMIT,
  } satisfies CreateRoomEnv,
  reservedConcurrency: reservedConcurrency('create-room'),
});
// GetItem: the room and its name's look-alike keys (does it exist already?) and the creator's mute;
// UpdateItem: the creator's new-room count (`RATE#<sub>` / `ROOMS#…`) and a key-less room's keys;
// PutItem: the room and its key items (one transaction, which IAM authorizes action by action).
grantTableAccess(createRoom, table, ['dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:PutItem']);

const { userPool, userPoolClient } = backend.auth.resources;

// Pre Token Generation V2 puts the profile (handle, display name) into access and ID tokens. It
// lives in the auth stack: in the chat stack, the pool → function reference would close a cycle
// between the two stacks. It reaches the table by its fixed name, with an ARN the auth stack
// builds itself, so that reference does not close the cycle either.
const authStack = Stack.of(userPool);
const preTokenGeneration = createLambda(authStack, 'pre-token-generation', {
  environment: {
    TABLE_NAME: tableName,
    POWERTOOLS_SERVICE_NAME: 'pre-token-generation',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies PreTokenGenerationEnv,
  reservedConcurrency: reservedConcurrency('pre-token-generation'),
});
// GetItem: the profile on every token issue; PutItem: the first sign-in's profile transaction
// (TransactWriteItems is authorized per item action, and it only puts).
grantTableAccess(preTokenGeneration, TableV2.fromTableName(authStack, 'parley-table-by-name', tableName), ['dynamodb:GetItem', 'dynamodb:PutItem']);
preTokenGeneration.addPermission('invoked-by-user-pool', {
  principal: new ServicePrincipal('cognito-idp.amazonaws.com'),
  sourceArn: userPool.userPoolArn,
});
// Pre Sign-up enforces PARLEY_SIGNUP on people signing themselves up (also in the auth stack).
const preSignUp = createLambda(Stack.of(userPool), 'pre-sign-up', {
  environment: {
    SIGNUP_POLICY: formatSignupPolicy(settings.signup),
    POWERTOOLS_SERVICE_NAME: 'pre-sign-up',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies PreSignUpEnv,
  reservedConcurrency: reservedConcurrency('pre-sign-up'),
});
preSignUp.addPermission('invoked-by-user-pool', {
  principal: new ServicePrincipal('cognito-idp.amazonaws.com'),
  sourceArn: userPool.userPoolArn,
});
const { cfnUserPool } = backend.auth.resources.cfnResources;
// Overrides, not `lambdaConfig = …`: Amplify sets LambdaConfig lazily, and these merge into it.
cfnUserPool.addPropertyOverride('LambdaConfig.PreTokenGenerationConfig', {
  LambdaArn: preTokenGeneration.functionArn,
  LambdaVersion: 'V2_0',
});
cfnUserPool.addPropertyOverride('LambdaConfig.PreSignUp', preSignUp.functionArn);
// Invite-only: Cognito itself refuses SignUp, so the trigger is a second lock, not the only one.
cfnUserPool.addPropertyOverride('AdminCreateUserConfig.AllowAdminCreateUserOnly', settings.signup.kind === 'invite');
// Access-token customization (V2) requires the Essentials feature plan; say so rather than rely on a default.
cfnUserPool.userPoolTier = 'ESSENTIALS';
// A branch keeps its accounts when the stack goes, as it keeps the table: history whose authors'
// accounts were deleted would belong to nobody, and a redeploy would make new subs for old people.
if (settings.retainUserPool) cfnUserPool.applyRemovalPolicy(RemovalPolicy.RETAIN);
Validations.of(cfnUserPool).acknowledge(
  {
    id: 'AwsSolutions-COG2',
    reason: 'MFA is a product decision: members sign in to a chat with email and password; the pool can require MFA later without a migration',
  },
  {
    id: 'AwsSolutions-COG8',
    reason: 'Essentials is the plan access-token customization needs; Plus (threat protection) costs more per active user than the rest of the backend and is a product decision',
  },
);
const { cfnUserPoolClient } = backend.auth.resources.cfnResources;
// The app may write the email and nothing else: names come from profiles, never from attributes.
cfnUserPoolClient.writeAttributes = [...clientWritableAttributes];
// Set, not left to Amplify's default, so the local pool's client (seeded from the same list) matches.
cfnUserPoolClient.explicitAuthFlows = [...clientAuthFlows];
// Set, not left to Cognito's default: a renamed member's old name is held exactly this long.
cfnUserPoolClient.accessTokenValidity = TOKEN_VALIDITY_MINUTES;
cfnUserPoolClient.idTokenValidity = TOKEN_VALIDITY_MINUTES;
cfnUserPoolClient.tokenValidityUnits = { accessToken: 'minutes', idToken: 'minutes' };
// The app signs everyone in; Cognito guest identities would hand AWS credentials to anyone.
backend.auth.resources.cfnResources.cfnIdentityPool.allowUnauthenticatedIdentities = false;

const { api } = createEventApi(stack, eventApi, {
  userPool,
  functions: { 'persist-messages': persistMessages, 'throttle-signals': throttleSignals },
  tables: { [tableDefinition.name]: table },
  logLevel: settings.eventApiLogLevel,
});

// Mention notices go to the mentioned members' user channels (`/signals/users/<sub>`). IAM scopes
// EventPublish to a namespace at the finest, so the grant is the signals namespace; its handler
// refuses IAM publishes anywhere but user channels.
const persistMessagesEventApi = { EVENT_API_URL: `https://${api.httpDns}/event` } satisfies Pick<PersistMessagesEnv, 'EVENT_API_URL'>;
persistMessages.addEnvironment('EVENT_API_URL', persistMessagesEventApi.EVENT_API_URL);
api.grant(persistMessages, AppSyncEventResource.ofChannelNamespace(SIGNALS_NAMESPACE), 'appsync:EventPublish');

const moderation = createLambda(stack, 'moderation', {
  environment: {
    TABLE_NAME: table.tableName,
    EVENT_API_URL: `https://${api.httpDns}/event`,
    POWERTOOLS_SERVICE_NAME: 'moderation',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies ModerationEnv,
  reservedConcurrency: reservedConcurrency('moderation'),
});
// Queries (no Scan), the consistent re-read after a lost condition, the status update, audit puts.
// Room and audit timelines on gsi1, removed messages and an actor's audit on gsi2.
// DeleteItem: a renamed room's old look-alike keys (in the rename's transaction).
grantTableAccess(moderation, table, ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], ['gsi1', 'gsi2']);
// Publishes message.removed/restored with its role's credentials, on the chat namespace only.
api.grant(moderation, AppSyncEventResource.ofChannelNamespace(CHAT_NAMESPACE), 'appsync:EventPublish');

// Members of private rooms and DMs: GetItem (the room, memberships, a handle, a profile, the
// caller's mute), Query (a room's members, on the table), UpdateItem (the new-room counter a new
// DM counts on; a new epoch, a new owner), and the transactions (TransactWriteItems is authorized per
// item action): PutItem (a member, a DM and its members, an audit entry), DeleteItem (a removed
// member), ConditionCheckItem (the room still exists); Query on gsi1 (the people search,
// `HANDLES#<first character>`).
const members = createLambda(stack, 'members', {
  environment: {
    TABLE_NAME: table.tableName,
    EVENT_API_URL: `https://${api.httpDns}/event`,
    POWERTOOLS_SERVICE_NAME: 'members',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
    ROOM_LIMIT: DEFAULT_ROOM_LIMIT,
  } satisfies MembersEnv,
  reservedConcurrency: reservedConcurrency('members'),
});
grantTableAccess(
  members,
  table,
  ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  ['gsi1'],
);
// Publishes member.added/removed with its role's credentials, on the chat namespace only.
api.grant(members, AppSyncEventResource.ofChannelNamespace(CHAT_NAMESPACE), 'appsync:EventPublish');

// `GET /me`, `PUT /me`: the profile (GetItem) and a rename's one transaction of puts (the profile,
// name keys and holds, the audit entry), which IAM authorizes as PutItem. `GET /me/mentions`: one
// Query of the caller's `MENTION#<sub>` partition, on the table (no index).
const profile = createLambda(stack, 'profile', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'profile',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
    NAME_CHANGE_LIMIT: DEFAULT_NAME_CHANGE_LIMIT,
  } satisfies ProfileEnv,
  reservedConcurrency: reservedConcurrency('profile'),
});
grantTableAccess(profile, table, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);

// `POST /reports`: the message (a gsi1 Query of its id), the membership of a private room or DM
// and a repeated report (GetItem), and the report's one transaction: the reporter's item (PutItem)
// and the message's queue item (UpdateItem).
const reports = createLambda(stack, 'reports', {
  environment: {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'reports',
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  } satisfies ReportsEnv,
  reservedConcurrency: reservedConcurrency('reports'),
});
grantTableAccess(reports, table, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], ['gsi1']);
const httpApi = createHttpApi(stack, routes, {
  userPool,
  userPoolClient,
  functions: { history, 'create-room': createRoom, members, moderation, profile, reports },
  allowOrigins: settings.appOrigins,
});
const observed = {
  // pre-token-generation too: when it throws, nobody can sign in.
  functions: {
    'persist-messages': persistMessages,
    'throttle-signals': throttleSignals,
    history,
    'create-room': createRoom,
    members,
    moderation,
    profile,
    reports,
    'pre-token-generation': preTokenGeneration,
    'pre-sign-up': preSignUp,
  },
  api,
  namespaces: eventApi.namespaces.map((namespace) => namespace.name),
  httpApi,
  table,
  indexNames: tableDefinition.globalSecondaryIndexes.map((index) => index.name),
};
const { topic: alarmTopic } = createAlarms(stack, { ...observed, alarmEmail: settings.alarmEmail });
const dashboard = createDashboard(stack, {
  ...observed,
  deploymentName: `${String(stack.node.tryGetContext('amplify-backend-namespace'))}-${String(stack.node.tryGetContext('amplify-backend-name'))}`,
});
// AWS's own rules (cdk-nag, AwsSolutions) over everything this app synthesizes, Amplify's stacks too.
addAwsSolutionsChecks(rootStack.node.root);
acknowledgeBranchLinker(rootStack);

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

export {
  alarmTopic,
  api,
  backend,
  createRoom,
  dashboard,
  history,
  httpApi,
  members,
  moderation,
  persistMessages,
  preSignUp,
  preTokenGeneration,
  profile,
  reports,
  settings,
  stack,
  table,
  throttleSignals,
};
