/**
 * The emulator: the Event API (HTTP and WebSocket), its namespace handlers and data sources, the
 * Lambda functions, the Cognito user pool, the DynamoDB tables and the HTTP API, in one Node
 * process, configured from a cloud assembly (`cdk.out`) read by `template/read-local-backend.ts`,
 * with the functions' and handlers' bundled code from the assembly. Every piece of state lives on
 * the returned instance, so a process (a test) can start several.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createLocalAccess, DEFAULT_APP_ORIGINS } from './access/local-access.ts';
import { createHttpJwtAuthorizer } from './auth/http-jwt-authorizer.ts';
import { createJwtVerifier } from './auth/jwt-verifier.ts';
import { type LocalIamCredentials, localIamCredentials } from './auth/local-iam-credentials.ts';
import { createEventAuthorizer } from './auth/event-authorizer.ts';
import { functionSessions } from './auth/function-sessions.ts';
import type { IamPrincipal } from './auth/iam-mode.ts';
import type { Jwks } from './auth/jwt.ts';
import { rolePolicies } from './auth/role-policies.ts';
import { type SeedAccount, startLocalCognito } from './cognito/local-cognito.ts';
import { ensureTables } from './dynamodb/create-tables.ts';
import { type DynamoEngine, startDynamoServer } from './dynamodb/dynamo-server.ts';
import { DEFAULT_TTL_SWEEP_MS, startTtlSweeper } from './dynamodb/ttl-sweeper.ts';
import { startEventsService } from './events/events-service.ts';
import { createFaults, type Faults } from './faults.ts';
import { startHttpApi } from './http-api/http-api.ts';
import { createLambdaRunner } from './lambda/lambda-runner.ts';
import { lambdaRuntimeNotice, type RuntimeNotice } from './lambda/runtime-notice.ts';
import { templateFunctions } from './lambda/template-functions.ts';
import { buildOutputs, type EmulatorOutputs } from './outputs.ts';
import { createDataSourceInvoker } from './sandbox/data-source-invoker.ts';
import type { SandboxLogEntry } from './sandbox/invocation.ts';
import { loadNamespaceHandlers } from './sandbox/load-namespace-handlers.ts';
import type { FunctionModel, LocalBackend } from './template/backend-model.ts';
import { readLocalBackend } from './template/read-local-backend.ts';

export interface EmulatorOptions {
  /** The cloud assembly to serve (a `cdk synth` output directory). */
  assemblyDir: string;
  /** First of four consecutive ports (events, HTTP API, Cognito, DynamoDB); 0 picks free ports. */
  port?: number;
  host?: string;
  /** Directory for on-disk state (survives a restart). Omit for in-memory state. */
  dataDir?: string;
  /** Where to write the outputs file; omit to write none. */
  outputsFile?: string;
  dynamo?: DynamoEngine;
  /**
   * How often expired items (a table's TTL attribute in the past) are deleted; default 60 s. 0: only
   * when `sweepExpiredItems()` is called.
   */
  ttlSweepIntervalMs?: number;
  /** Users seeded into the pool (with their groups); default none. Each must fit the pool's sign-in attributes. */
  users?: SeedAccount[];
  region?: string;
  keepAliveIntervalMs?: number;
  /**
   * The app's origins (its dev server's): the only pages that may call the local-only endpoints
   * (`/_local/*`, the user pool's admin calls). Default `http://localhost:5173`, `http://127.0.0.1:5173`.
   */
  appOrigins?: readonly string[];
  /** Environment values over the template's, for the functions whose environment has the variable. */
  environmentOverrides?: Readonly<Record<string, string>>;
  /** Who may sign up; default the pool's `AllowAdminCreateUserOnly` setting. */
  selfSignUp?: boolean;
  /** The name the HTTP API is listed under in the outputs' `custom.API`; default its `Name` in the template. */
  httpApiName?: string;
  /**
   * Receives what namespace handlers log (`console.*`) and record with `util.appendError`: on AWS
   * both go to the API's CloudWatch log. Default: one line each on stderr.
   */
  onHandlerLog?: (entry: SandboxLogEntry) => void;
}

export interface Emulator {
  outputs: EmulatorOutputs;
  faults: Faults;
  /**
   * This run's credentials for a publisher outside any function (a script, a test), standing for all
   * the functions' roles at once; also in the outputs file as `custom.local.iam_credentials`. The
   * secret is new in every run. The functions sign with their own sessions.
   */
  iamCredentials: LocalIamCredentials;
  dynamoEndpoint: string;
  /** Deletes the items whose TTL has passed now, as the timer does; resolves how many. */
  sweepExpiredItems(): Promise<number>;
  /**
   * This run's secret, also in the outputs file as `custom.local.admin_token`: send it as
   * `x-appsync-events-local-token` to `/_local/*` and to the user pool's admin calls.
   */
  adminToken: string;
  /** One line naming the template's resource types the emulator has no use for (ignored), with their counts. */
  ignoredSummary: string;
  /** Where the functions run here against the runtimes the template deploys them on. */
  runtimeNotice: RuntimeNotice;
  close(): Promise<void>;
}

const LOCAL_ACCOUNT_ID = '000000000000';

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const base = options.port ?? 0;
  const portAt = (offset: number) => (base === 0 ? 0 : base + offset);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  // Drawn per run and kept nowhere on disk, like the admin token: any page in the developer's browser
  // reaches the Event API, and a secret it could know or compute would let it publish as a function.
  const iamCredentials = localIamCredentials(randomBytes, { accountId: LOCAL_ACCOUNT_ID, region });
  const access = createLocalAccess(options.appOrigins ?? DEFAULT_APP_ORIGINS);
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };

  try {
    const backend = await readLocalBackend(options.assemblyDir, { region });
    const faults = createFaults(Math.random, backend.functions.map((fn) => fn.name));
    if (dataDir) await mkdir(dataDir, { recursive: true });
    const dynamo = await startDynamoServer({
      engine: options.dynamo,
      dataDir: dataDir && join(dataDir, 'dynamodb'),
      host,
      port: portAt(3),
    });
    closers.push(() => dynamo.close());
    const admin = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region,
      credentials: { accessKeyId: iamCredentials.accessKeyId, secretAccessKey: iamCredentials.secretAccessKey },
    });
    closers.push(() => admin.destroy());
    await ensureTables(admin, backend.tables, (name) => name);
    const ttl = startTtlSweeper({ client: admin, tables: backend.tables, periodMs: options.ttlSweepIntervalMs ?? DEFAULT_TTL_SWEEP_MS });
    closers.push(() => ttl.close());

    const pool = backend.userPool;
    const cognito = pool && await startLocalCognito({
      dataDir: dataDir && join(dataDir, 'cognito'),
      host,
      port: portAt(2),
      region,
      users: options.users ?? [],
      groups: pool.groups,
      client: pool,
      settings: pool.settings,
      // Called only when tokens are issued (sign-in, refresh), after start-up has created `lambdas`.
      preTokenGeneration: pool.preTokenGeneration === undefined ? undefined : (event) => lambdas.invoke(pool.preTokenGeneration!, event),
      // The pool runs pre-sign-up on every sign-up, and refuses self sign-up when invite-only.
      preSignUp: pool.preSignUp === undefined ? undefined : (event) => lambdas.invoke(pool.preSignUp!, event),
      selfSignUp: options.selfSignUp ?? pool.selfSignUp,
      access,
    });
    if (cognito) closers.push(() => cognito.close());

    const sessions = functionSessions(
      backend.resources,
      backend.functions.map((fn) => ({ name: fn.name, sessionName: fn.physicalId, roleArn: fn.roleArn })),
      { region, accountId: LOCAL_ACCOUNT_ID },
      randomBytes,
    );
    // The events service starts after the runner (its handlers call the Lambdas); a function that
    // publishes reads the URL at its cold start, by which time the service is up.
    const started: { eventsUrl?: string } = {};
    const lambdas = createLambdaRunner({
      functions: templateFunctions(backend.functions, {
        dynamoEndpoint: dynamo.endpoint,
        credentials: (fn) => sessions.credentials[fn.name]!,
        overrides: options.environmentOverrides ?? {},
        eventsOrigin: () => {
          if (started.eventsUrl === undefined) throw new Error('The events service is not started yet');
          return new URL(started.eventsUrl).origin;
        },
      }),
      faults,
      region,
    });
    closers.push(() => lambdas.close());

    // The data sources reach DynamoDB as AppSync does, with no SDK of a function in the way.
    const dataSources = createDataSourceInvoker(backend.eventApi.dataSources, {
      lambdas,
      dynamodb: { wire: dynamo.wire, tableName: (name) => name },
    });
    // The handler bundles' paths are absolute (staged in the assembly).
    const handlers = await loadNamespaceHandlers(backend.eventApi.namespaces, backend.directory, dataSources, {
      onLog: options.onHandlerLog ?? writeHandlerLog,
    });

    const eventAuthorizer = createEventAuthorizer({
      ...backend.eventAuth,
      // The template's pool id (what `CognitoConfig.UserPoolId` names) stands for the served pool.
      userPools: cognito ? Object.fromEntries(templatePoolIds(backend).map((id) => [id, { issuer: cognito.issuer, jwks: cognito.jwks as Jwks, clientIds: [cognito.userPoolClientId] }])) : {},
      iamPrincipals: [...sessions.principals, allFunctionRolesPrincipal(backend, iamCredentials)],
      invokeFunction: (arn, request) => lambdas.invoke(functionNamed(backend, arn), request),
    });
    const events = await startEventsService({
      api: backend.eventApi,
      authorizer: { authorize: (request) => eventAuthorizer.authorize(request) },
      handlers,
      faults,
      access,
      host,
      port: portAt(0),
      keepAliveIntervalMs: options.keepAliveIntervalMs,
    });
    closers.push(() => events.close());
    started.eventsUrl = events.url;

    const httpApiName = options.httpApiName ?? backend.httpApiName;
    if (httpApiName !== undefined && !cognito) throw new Error('The HTTP API\'s JWT authorizer needs the user pool, and the template has none');
    const httpApi = httpApiName === undefined || !cognito ? undefined : await startHttpApi({
      routes: backend.routes,
      cors: backend.cors,
      lambdas,
      authorizer: createHttpJwtAuthorizer(createJwtVerifier({ issuer: cognito.issuer, userPoolClientId: cognito.userPoolClientId, jwks: cognito.jwks })),
      host,
      port: portAt(1),
    });
    if (httpApi) closers.push(() => httpApi.close());

    const outputs = buildOutputs({
      region,
      eventsUrl: events.url,
      defaultAuthType: backend.eventAuth.eventConfig.ConnectionAuthModes[0]?.AuthType ?? 'API_KEY',
      apiKey: backend.eventAuth.apiKeys[0]?.key,
      httpApi: httpApi && httpApiName !== undefined ? { url: httpApi.url, name: httpApiName } : undefined,
      userPool: cognito && pool && {
        endpoint: cognito.endpoint,
        userPoolId: cognito.userPoolId,
        userPoolClientId: cognito.userPoolClientId,
        users: cognito.users,
        groups: pool.groups,
        settings: pool.settings,
      },
      adminToken: access.adminToken,
      iamCredentials,
    });
    if (options.outputsFile) {
      await mkdir(dirname(resolve(options.outputsFile)), { recursive: true });
      await writeFile(options.outputsFile, `${JSON.stringify(outputs, null, 2)}\n`);
    }
    const ignored = Object.entries(backend.ignored).map(([type, count]) => `${type} ×${count}`).join(', ');
    const ignoredSummary = `appsync-events-local: not emulated, not needed (ignored): ${ignored || 'nothing'}`;
    const runtimeNotice = lambdaRuntimeNotice(servedFunctions(backend).map((fn) => fn.runtime));
    return { outputs, faults, iamCredentials, dynamoEndpoint: dynamo.endpoint, sweepExpiredItems: ttl.sweep, adminToken: access.adminToken, ignoredSummary, runtimeNotice, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The functions something calls: data sources, routes and user pool triggers (not, say, a custom resource's provider). */
function servedFunctions(backend: LocalBackend): FunctionModel[] {
  const called = new Set([
    ...backend.eventApi.dataSources.flatMap((source) => (source.kind === 'AWS_LAMBDA' ? [source.functionName] : [])),
    ...backend.routes.map((route) => route.functionName),
    ...[backend.userPool?.preSignUp, backend.userPool?.preTokenGeneration].filter((name) => name !== undefined),
    ...lambdaAuthorizerArns(backend).map((arn) => functionNamed(backend, arn)),
  ]);
  return backend.functions.filter((fn) => called.has(fn.name));
}

/** The user pool ids the Event API's providers name (the template's ids for the one served pool). */
function templatePoolIds(backend: LocalBackend): string[] {
  return backend.eventAuth.eventConfig.AuthProviders.flatMap((provider) => (provider.CognitoConfig ? [provider.CognitoConfig.UserPoolId] : []));
}

function lambdaAuthorizerArns(backend: LocalBackend): string[] {
  return backend.eventAuth.eventConfig.AuthProviders.flatMap((provider) => (provider.LambdaAuthorizerConfig ? [provider.LambdaAuthorizerConfig.AuthorizerUri] : []));
}

/** The local name of the function an ARN (or a name) designates: either ends with its physical id. */
function functionNamed(backend: LocalBackend, arn: string): string {
  const id = arn.split(':').pop();
  const fn = backend.functions.find((candidate) => candidate.physicalId === id);
  if (!fn) throw new Error(`${arn} is not a function with staged code in the template`);
  return fn.name;
}

/**
 * What the run's all-roles credentials (`iamCredentials`) may do: a caller outside any function has no role of the template's, so
 * they stand for all the functions' roles at once (their policies together).
 */
function allFunctionRolesPrincipal(backend: LocalBackend, credentials: LocalIamCredentials): IamPrincipal {
  const lookup = { region: credentials.region, accountId: credentials.accountId };
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    accountId: credentials.accountId,
    userArn: `arn:aws:iam::${credentials.accountId}:role/local-functions`,
    username: 'local-functions',
    policies: backend.functionRoles.flatMap((role) => rolePolicies(backend.resources, { role, ...lookup })),
  };
}

function writeHandlerLog(entry: SandboxLogEntry): void {
  process.stderr.write(`appsync-events-local: ${entry.namespace} handler ${entry.level}: ${entry.message}\n`);
}
