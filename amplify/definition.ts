/**
 * The one definition of Parley's backend shape, read by both the Amplify/CDK backend
 * (`amplify/backend.ts`) and the local cloud (`local/`), so the two cannot drift.
 *
 * Pure data: no aws-cdk-lib, no node:* imports. Names here are logical; each runtime maps them
 * to its physical resources (CloudFormation tokens on AWS, local endpoints offline).
 */
import { MODERATORS_GROUP } from '../core/author.ts';

/** AppSync Events authorization types, spelled as the service and `amplify_outputs.json` spell them. */
export type AuthType = 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM' | 'API_KEY' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

export const USER_POOL: AuthType = 'AMAZON_COGNITO_USER_POOLS';
export const IAM: AuthType = 'AWS_IAM';

/** Logical names of the Lambda functions in `functions/`. */
export const functionNames = [
  'persist-messages',
  'throttle-signals',
  'history',
  'create-room',
  'members',
  'moderation',
  'profile',
  'reports',
  'pre-token-generation',
  'pre-sign-up',
] as const;
export type FunctionName = (typeof functionNames)[number];

/** How a function runs: the deployment sets these, and the local cloud's Lambda runner honours them. */
export interface FunctionSettings {
  /** How long one invocation may run before Lambda stops it (the runner fails it as timed out). */
  timeoutSeconds: number;
  /** Lambda gives CPU in proportion to memory; the local runner reports it to the handler only. */
  memoryMb: number;
  /**
   * Concurrent executions reserved for the function and its cap: a flood through one function
   * stops at its own limit instead of taking the account's whole concurrency (1,000 by default)
   * from the others. A deployment may override it (`PARLEY_RESERVED_CONCURRENCY`).
   */
  reservedConcurrency?: number;
}

/** What a function gets unless it needs more. */
export const DEFAULT_FUNCTION_SETTINGS: FunctionSettings = { timeoutSeconds: 10, memoryMb: 256 };

/** Every function's settings. */
export const functionSettings: Record<FunctionName, FunctionSettings> = {
  // At ~25 ms a store, 100 executions serve ~4,000 publishes a second: twice the Event API's
  // default of 2,000 request tokens a second, so the cap binds only on abuse.
  'persist-messages': { ...DEFAULT_FUNCTION_SETTINGS, reservedConcurrency: 100 },
  // One conditional update per typing signal (~10 ms), each member at most one per interval.
  'throttle-signals': { ...DEFAULT_FUNCTION_SETTINGS, reservedConcurrency: 20 },
  history: DEFAULT_FUNCTION_SETTINGS,
  // Rooms are created by people, rarely; a script creating them in a loop stops here.
  'create-room': { ...DEFAULT_FUNCTION_SETTINGS, reservedConcurrency: 5 },
  // Invitations, removals and new DMs are made by people, a few a minute each; a script looping
  // through handles stops here. A removal reads the members and runs one transaction (~30 ms).
  // The people search (`GET /people`) is one Query (~10 ms) per pause in typing: 10 executions
  // serve ~1,000 searches a second, and a script walking every prefix is held to that too.
  members: { ...DEFAULT_FUNCTION_SETTINGS, reservedConcurrency: 10 },
  // An export pages through many queries within API Gateway's 30 s integration timeout.
  moderation: { timeoutSeconds: 29, memoryMb: 512 },
  // One GetItem for `GET /me`, one GetItem and one transaction for a rename (~20 ms): 10
  // executions serve ~500 requests a second, far above people opening their profile.
  profile: { ...DEFAULT_FUNCTION_SETTINGS, reservedConcurrency: 10 },
  // A report is a person's act on one message (one read, one transaction); a script reporting in a
  // loop stops here.
  reports: { ...DEFAULT_FUNCTION_SETTINGS, reservedConcurrency: 5 },
  'pre-token-generation': DEFAULT_FUNCTION_SETTINGS,
  'pre-sign-up': DEFAULT_FUNCTION_SETTINGS,
};

/**
 * The Lambda runtime every function deploys on. Node 24 is the newest managed Node runtime and is
 * supported longest (Node 20 can no longer be created; Node 22 is deprecated from April 2027).
 */
export const LAMBDA_RUNTIME = { name: 'nodejs24.x', nodeMajor: 24 } as const;

/**
 * How esbuild bundles each function, for the deployment and for `npm run bench:lambda` alike:
 * one minified ES module for the deployed runtime's Node, every dependency inside (the pinned AWS
 * SDK included, so the deployed code runs exactly the versions the tests ran).
 */
export const functionBundling = {
  format: 'esm',
  target: `node${LAMBDA_RUNTIME.nodeMajor}`,
  minify: true,
  sourceMap: true,
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); give the ES module one.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;

export interface LambdaDataSourceDefinition {
  kind: 'AWS_LAMBDA';
  /** Data source name as AppSync knows it. */
  name: string;
  functionName: FunctionName;
}

/** What a DynamoDB data source's role may do on its table (nothing on its indexes). */
export type DynamoDbDataSourceAction = 'dynamodb:GetItem';

export interface DynamoDbDataSourceDefinition {
  kind: 'AMAZON_DYNAMODB';
  /** Data source name as AppSync knows it. */
  name: string;
  /** Logical name of a table in `tables`. */
  tableName: string;
  /** Exactly the actions its handlers' requests use; the role is granted these and no others. */
  actions: DynamoDbDataSourceAction[];
}

export type DataSourceDefinition = LambdaDataSourceDefinition | DynamoDbDataSourceDefinition;

/**
 * A `CODE` handler's data source. There is no invoke type here: for CODE handlers the handler's
 * `Invoke` request chooses it (`invocationType`), and AppSync documents `LambdaConfig.InvokeType`
 * for DIRECT handlers only.
 */
export interface HandlerIntegration {
  dataSource: string;
}

export interface NamespaceDefinition {
  name: string;
  /** TypeScript source of the APPSYNC_JS handler module. */
  handlerSource: string;
  /** The bundled ES module esbuild writes: the exact file deployed and run locally. */
  handlerBundle: string;
  publishAuthModes: AuthType[];
  subscribeAuthModes: AuthType[];
  /** Set when `onPublish` is the `{ request, response }` form calling a data source. */
  onPublish?: HandlerIntegration;
  onSubscribe?: HandlerIntegration;
}

export interface EventApiDefinition {
  apiName: string;
  authProviders: AuthType[];
  connectionAuthModes: AuthType[];
  defaultPublishAuthModes: AuthType[];
  defaultSubscribeAuthModes: AuthType[];
  dataSources: DataSourceDefinition[];
  namespaces: NamespaceDefinition[];
}

/** Where esbuild writes the handler bundles (relative to the repository root). */
export const HANDLER_BUILD_DIR = '.build/handlers';

export const eventApi: EventApiDefinition = {
  apiName: 'parley-events',
  authProviders: [USER_POOL, IAM],
  connectionAuthModes: [USER_POOL, IAM],
  defaultPublishAuthModes: [USER_POOL, IAM],
  defaultSubscribeAuthModes: [USER_POOL],
  dataSources: [
    { kind: 'AWS_LAMBDA', name: 'persistMessages', functionName: 'persist-messages' },
    { kind: 'AWS_LAMBDA', name: 'throttleSignals', functionName: 'throttle-signals' },
    // The subscribe handlers' membership check: one GetItem, no Lambda on the subscribe path.
    { kind: 'AMAZON_DYNAMODB', name: 'roomMembership', tableName: 'parley', actions: ['dynamodb:GetItem'] },
  ],
  namespaces: [
    {
      name: 'chat',
      handlerSource: 'amplify/events/handlers/chat.ts',
      handlerBundle: `${HANDLER_BUILD_DIR}/chat.mjs`,
      publishAuthModes: [USER_POOL, IAM],
      subscribeAuthModes: [USER_POOL],
      onPublish: { dataSource: 'persistMessages' },
      onSubscribe: { dataSource: 'roomMembership' },
    },
    {
      name: 'signals',
      handlerSource: 'amplify/events/handlers/signals.ts',
      handlerBundle: `${HANDLER_BUILD_DIR}/signals.mjs`,
      // IAM: persist-messages publishes mention notices on user channels (`/signals/users/<sub>`);
      // the handler refuses IAM anywhere else in the namespace.
      publishAuthModes: [USER_POOL, IAM],
      subscribeAuthModes: [USER_POOL],
      onPublish: { dataSource: 'throttleSignals' },
      onSubscribe: { dataSource: 'roomMembership' },
    },
  ],
};

export type KeyType = 'S' | 'N';

export interface KeyDefinition {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyDefinition;
  sortKey: KeyDefinition;
  /** 'ALL' or the non-key attributes to project. */
  projection: 'ALL' | 'KEYS_ONLY' | string[];
}

export interface TableDefinition {
  /** Logical name; the physical name differs per deployment. */
  name: string;
  partitionKey: KeyDefinition;
  sortKey: KeyDefinition;
  globalSecondaryIndexes: IndexDefinition[];
  /** Attribute DynamoDB expires items by (the local cloud's sweeper expires them too). */
  timeToLiveAttribute?: string;
}

/**
 * One table holds rooms, messages, idempotency keys and the audit log; see
 * `amplify/data/README.md` for the key design and every access pattern.
 */
export const tables: TableDefinition[] = [
  {
    name: 'parley',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [
      {
        name: 'gsi1',
        partitionKey: { name: 'gsi1pk', type: 'S' },
        sortKey: { name: 'gsi1sk', type: 'S' },
        projection: 'ALL',
      },
      {
        name: 'gsi2',
        partitionKey: { name: 'gsi2pk', type: 'S' },
        sortKey: { name: 'gsi2sk', type: 'S' },
        projection: 'ALL',
      },
    ],
    timeToLiveAttribute: 'expiresAt',
  },
];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway HTTP API route path, with `{param}` placeholders. */
  path: string;
  functionName: FunctionName;
}

/** Name under which the HTTP API appears in `amplify_outputs.json` `custom.API` (defined with the outputs shape). */
export { HTTP_API_NAME } from '../core/outputs.ts';

/** Every HTTP API route; each sits behind the Cognito JWT authorizer. */
export const routes: RouteDefinition[] = [
  { method: 'GET', path: '/rooms', functionName: 'history' },
  { method: 'POST', path: '/rooms', functionName: 'create-room' },
  { method: 'GET', path: '/rooms/{roomId}', functionName: 'history' },
  { method: 'GET', path: '/rooms/{roomId}/messages', functionName: 'history' },
  { method: 'GET', path: '/rooms/{roomId}/messages/{messageId}/reactions', functionName: 'history' },
  { method: 'GET', path: '/rooms/{roomId}/members', functionName: 'members' },
  { method: 'POST', path: '/rooms/{roomId}/members', functionName: 'members' },
  { method: 'DELETE', path: '/rooms/{roomId}/members/{sub}', functionName: 'members' },
  { method: 'POST', path: '/dms', functionName: 'members' },
  { method: 'GET', path: '/people', functionName: 'members' },
  { method: 'GET', path: '/moderation/messages', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/messages/{roomId}/{messageId}/remove', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/messages/{roomId}/{messageId}/restore', functionName: 'moderation' },
  { method: 'GET', path: '/moderation/audit', functionName: 'moderation' },
  { method: 'GET', path: '/moderation/export', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/rooms/{roomId}/rename', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/rooms/{roomId}/archive', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/rooms/{roomId}/unarchive', functionName: 'moderation' },
  { method: 'GET', path: '/moderation/mutes', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/mutes', functionName: 'moderation' },
  { method: 'DELETE', path: '/moderation/mutes/{sub}', functionName: 'moderation' },
  { method: 'GET', path: '/moderation/reports', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/reports/{reportId}/resolve', functionName: 'moderation' },
  { method: 'POST', path: '/reports', functionName: 'reports' },
  { method: 'GET', path: '/me', functionName: 'profile' },
  { method: 'PUT', path: '/me', functionName: 'profile' },
  { method: 'GET', path: '/me/mentions', functionName: 'profile' },
];

/**
 * CORS of the HTTP API, as API Gateway applies it (it answers preflights itself and sets these on
 * every response): the deployment (amplify/api/http-api.ts) and the local cloud's HTTP API both
 * read it. The allowed origins are the app's, given where each runs.
 */
export const httpApiCors = {
  // PUT: `PUT /me` (the profile screen); DELETE: `DELETE /moderation/mutes/{sub}` (unmute) from
  // the console and `DELETE /rooms/{roomId}/members/{sub}` (remove, leave). All cross-origin calls.
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type', 'x-amz-date', 'x-amz-user-agent', 'x-api-key'],
  /**
   * What the app may read of a cross-origin response: the moderation export's file name and
   * cut-off marks, and a 429's `Retry-After` (the profile screen says when to try again).
   */
  exposeHeaders: ['content-disposition', 'x-parley-export-truncated', 'x-parley-export-next-cursor', 'retry-after'],
  /** How long a browser may reuse a preflight answer. */
  maxAgeSeconds: 3600,
} as const;

// Defined in core: the handlers and the app read the group from tokens too.
export { MODERATORS_GROUP };
export const userGroups = [MODERATORS_GROUP];

/**
 * How long the app client's access and ID tokens live, in minutes (amplify/backend.ts sets it on
 * the client; the local pool's client has the same). A name released by a rename stays held for
 * its old owner this long (functions/lib/profile-store.ts): tokens issued before the rename show
 * the old name until they expire. 60 is also Cognito's default.
 */
export const TOKEN_VALIDITY_MINUTES = 60;

/**
 * The user attributes the app's client may write (sign-up and UpdateUserAttributes): the email
 * only. Names come from server-owned profiles; a member who could set `preferred_username` or
 * `name` in Cognito could make them say anything. Only an administrator sets `name`.
 */
export const clientWritableAttributes: readonly string[] = ['email'];

/**
 * The sign-in flows the app's client allows (its `ExplicitAuthFlows`): SRP, which aws-amplify uses
 * by default, custom auth and refresh, as Amplify's `defineAuth` sets them. No plain password
 * sign-in: the password never leaves the browser. amplify/backend.ts sets them on the client; the
 * local pool's client has the same, and its front refuses any other flow as Cognito does.
 */
export const clientAuthFlows: readonly string[] = ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
