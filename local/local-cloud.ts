/**
 * The local cloud: AppSync Events, Cognito, DynamoDB, the Lambdas and the HTTP API in one Node
 * process, configured from what deploys: the backend's synthesized template (a cached synth of
 * `amplify/backend.ts`, `synth/cached-synth.ts`), read by `template/read-local-backend.ts`, with the
 * functions' and handlers' bundled code from the assembly. Local options (limits, sign-up policy,
 * ports, data directory) are applied on top of it. Every piece of state lives on the returned
 * instance, so tests can start several.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createLocalAccess, DEFAULT_APP_ORIGINS } from './access/local-access.ts';
import { createEventAuthorizer, type LocalIamCredentials } from './auth/event-authorizer.ts';
import { createHttpJwtAuthorizer } from './auth/http-jwt-authorizer.ts';
import { createJwtVerifier } from './auth/jwt-verifier.ts';
import { type SeedUser, startLocalCognito } from './cognito/local-cognito.ts';
import { demoUsers } from './demo-users.ts';
import { ensureTables } from './dynamodb/create-tables.ts';
import { type DynamoEngine, startDynamoServer } from './dynamodb/dynamo-server.ts';
import { startEventsService } from './events/events-service.ts';
import { createFaults, type Faults } from './faults.ts';
import { startHttpApi } from './http-api/http-api.ts';
import { createLambdaRunner } from './lambda/lambda-runner.ts';
import { templateFunctions } from './lambda/template-functions.ts';
import type { RateLimit } from './options.ts';
import type { AmplifyOutputs } from '../core/outputs.ts';
import { buildOutputs } from './outputs.ts';
import { createDataSourceInvoker } from './sandbox/data-source-invoker.ts';
import { loadNamespaceHandlers } from './sandbox/load-namespace-handlers.ts';
import { formatSignupPolicy, type SignupPolicy } from '../core/signup-policy.ts';
import { formatRateLimit } from '../functions/lib/rate-limiter.ts';
import { cachedSynth } from './synth/cached-synth.ts';
import { readLocalBackend } from './template/read-local-backend.ts';

export interface LocalCloudOptions {
  /** First of four consecutive ports (events, HTTP API, Cognito, DynamoDB); 0 picks free ports. */
  port?: number;
  host?: string;
  /** Directory for on-disk state (survives a restart). Omit for in-memory state. */
  dataDir?: string;
  /** Where to write the outputs file; omit to write none. */
  outputsFile?: string;
  dynamo?: DynamoEngine;
  rateLimit?: RateLimit;
  /** New rooms per member and window (create-room's `ROOM_LIMIT`); unset: the deployed default. */
  roomLimit?: RateLimit;
  /** Who may sign up, as `PARLEY_SIGNUP` says on AWS; default open. */
  signup?: SignupPolicy;
  users?: SeedUser[];
  region?: string;
  keepAliveIntervalMs?: number;
  /** Repository root (whose backend is synthesized); defaults to the current directory. */
  rootDir?: string;
  /** A cloud assembly to run instead of the cached synth of `rootDir`'s backend. */
  assemblyDir?: string;
  /** Where synthesized backends are kept; default `<rootDir>/.local/synth`. */
  synthCacheDir?: string;
  /**
   * The app's origins (the dev server's): the only pages that may call the local-only endpoints
   * (`/_local/*`, the user pool's admin calls). Default `http://localhost:5173`, `http://127.0.0.1:5173`.
   */
  appOrigins?: readonly string[];
}

export interface LocalCloud {
  outputs: AmplifyOutputs;
  faults: Faults;
  /** Static credentials the local AWS_IAM mode accepts (what a Lambda's role would sign with). */
  iamCredentials: LocalIamCredentials;
  dynamoEndpoint: string;
  /**
   * This run's secret, also in the outputs file as `custom.local.admin_token`: send it as
   * `x-parley-local-token` to `/_local/*` and to the user pool's admin calls.
   */
  adminToken: string;
  /** One line naming the template's resource types the local cloud has no use for (ignored), with their counts. */
  ignoredSummary: string;
  close(): Promise<void>;
}

const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * The static keys the local AWS_IAM mode accepts: what a Lambda's role would sign with. Not a
 * secret; they only open the local cloud on loopback.
 */
export const LOCAL_IAM_KEYS = {
  accessKeyId: 'AKIALOCALPARLEY00000',
  secretAccessKey: 'local-parley-secret-access-key-not-a-secret',
};

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const base = options.port ?? 0;
  const portAt = (offset: number) => (base === 0 ? 0 : base + offset);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const rootDir = resolve(options.rootDir ?? '.');
  const iamCredentials: LocalIamCredentials = { ...LOCAL_IAM_KEYS, accountId: LOCAL_ACCOUNT_ID, region };
  const access = createLocalAccess(options.appOrigins ?? DEFAULT_APP_ORIGINS);
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };

  try {
    const assemblyDir = options.assemblyDir ?? (await cachedSynth({ rootDir, cacheDir: options.synthCacheDir })).directory;
    const backend = await readLocalBackend(assemblyDir);
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

    const triggers = backend.userPool;
    const cognito = await startLocalCognito({
      dataDir: dataDir && join(dataDir, 'cognito'),
      host,
      port: portAt(2),
      region,
      users: options.users ?? demoUsers,
      groups: backend.userPool.groups,
      client: backend.userPool,
      // Called only when tokens are issued (sign-in, refresh), after start-up has created `lambdas`.
      preTokenGeneration: triggers.preTokenGeneration === undefined ? undefined : (event) => lambdas.invoke(triggers.preTokenGeneration!, event),
      // The pool runs pre-sign-up on every sign-up, and refuses self sign-up when invite-only.
      preSignUp: triggers.preSignUp === undefined ? undefined : (event) => lambdas.invoke(triggers.preSignUp!, event),
      selfSignUp: options.signup === undefined ? backend.userPool.selfSignUp : options.signup.kind !== 'invite',
      access,
    });
    closers.push(() => cognito.close());
    const jwt = createJwtVerifier({
      issuer: cognito.issuer,
      userPoolClientId: cognito.userPoolClientId,
      jwks: cognito.jwks,
    });

    // The events service starts after the runner (its handlers call the Lambdas); a function that
    // publishes reads the URL at its cold start, by which time the service is up.
    const started: { eventsUrl?: string } = {};
    const lambdas = createLambdaRunner({
      functions: templateFunctions(backend.functions, {
        dynamoEndpoint: dynamo.endpoint,
        credentials: iamCredentials,
        overrides: environmentOverrides(options),
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
    const handlers = await loadNamespaceHandlers(backend.eventApi.namespaces, rootDir, dataSources);

    const events = await startEventsService({
      api: backend.eventApi,
      authorizer: createEventAuthorizer({ jwt, iam: iamCredentials }),
      handlers,
      faults,
      access,
      host,
      port: portAt(0),
      keepAliveIntervalMs: options.keepAliveIntervalMs,
    });
    closers.push(() => events.close());
    started.eventsUrl = events.url;

    const httpApi = await startHttpApi({
      routes: backend.routes,
      cors: backend.cors,
      lambdas,
      authorizer: createHttpJwtAuthorizer(jwt),
      host,
      port: portAt(1),
    });
    closers.push(() => httpApi.close());

    const outputs = buildOutputs({
      region,
      eventsUrl: events.url,
      httpApiUrl: httpApi.url,
      userPoolEndpoint: cognito.endpoint,
      userPoolId: cognito.userPoolId,
      userPoolClientId: cognito.userPoolClientId,
      users: cognito.users,
      groups: backend.userPool.groups,
      adminToken: access.adminToken,
    });
    if (options.outputsFile) {
      await mkdir(dirname(resolve(options.outputsFile)), { recursive: true });
      await writeFile(options.outputsFile, `${JSON.stringify(outputs, null, 2)}\n`);
    }
    const ignored = Object.entries(backend.ignored).map(([type, count]) => `${type} ×${count}`).join(', ');
    const ignoredSummary = `local cloud: not emulated, not needed (ignored): ${ignored || 'nothing'}`;
    return { outputs, faults, iamCredentials, dynamoEndpoint: dynamo.endpoint, adminToken: access.adminToken, ignoredSummary, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The local options as environment values over the template's, for the functions whose environment has the variable. */
function environmentOverrides(options: LocalCloudOptions): Record<string, string> {
  return {
    ...(options.rateLimit === undefined ? {} : { RATE_LIMIT: formatRateLimit(options.rateLimit) }),
    ...(options.roomLimit === undefined ? {} : { ROOM_LIMIT: formatRateLimit(options.roomLimit) }),
    ...(options.signup === undefined ? {} : { SIGNUP_POLICY: formatSignupPolicy(options.signup) }),
  };
}
