/**
 * The local cloud: AppSync Events, Cognito, DynamoDB, the Lambdas and the HTTP API in one Node
 * process, wired from the same definition the Amplify backend deploys (`amplify/definition.ts`).
 * Every piece of state lives on the returned instance, so tests can start several.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { eventApi, routes, tables, userGroups } from '../amplify/definition.ts';
import { buildHandlers } from '../amplify/events/build-handlers.ts';
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
import { createLambdaFunctions } from './lambda/lambda-functions.ts';
import { createLambdaRunner } from './lambda/lambda-runner.ts';
import type { RateLimit } from './options.ts';
import type { AmplifyOutputs } from '../core/outputs.ts';
import { buildOutputs } from './outputs.ts';
import { createDataSourceInvoker } from './sandbox/data-source-invoker.ts';
import { loadNamespaceHandlers } from './sandbox/load-namespace-handlers.ts';
import { DEFAULT_SIGNUP_POLICY, type SignupPolicy } from '../core/signup-policy.ts';

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
  /** Repository root (where `.build/handlers` is written); defaults to the current directory. */
  rootDir?: string;
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
  const faults = createFaults();
  const access = createLocalAccess(options.appOrigins ?? DEFAULT_APP_ORIGINS);
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };

  try {
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
    await ensureTables(admin, tables, (name) => name);

    const cognito = await startLocalCognito({
      dataDir: dataDir && join(dataDir, 'cognito'),
      host,
      port: portAt(2),
      region,
      users: options.users ?? demoUsers,
      groups: userGroups,
      // Called only when tokens are issued (sign-in, refresh), after start-up has created `lambdas`.
      preTokenGeneration: (event) => lambdas.invoke('pre-token-generation', event),
      // The pool runs pre-sign-up on every sign-up, and refuses self sign-up when invite-only.
      preSignUp: (event) => lambdas.invoke('pre-sign-up', event),
      selfSignUp: (options.signup ?? DEFAULT_SIGNUP_POLICY).kind !== 'invite',
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
      functions: createLambdaFunctions({
        region,
        dynamoEndpoint: dynamo.endpoint,
        credentials: iamCredentials,
        rateLimit: options.rateLimit,
        roomLimit: options.roomLimit,
        signup: options.signup,
        eventsUrl: () => {
          if (started.eventsUrl === undefined) throw new Error('The events service is not started yet');
          return started.eventsUrl;
        },
      }),
      faults,
      region,
    });
    closers.push(() => lambdas.close());

    await buildHandlers({ rootDir });
    // The data sources reach DynamoDB as AppSync does, with no SDK of a function in the way.
    const dataSources = createDataSourceInvoker(eventApi.dataSources, {
      lambdas,
      dynamodb: { wire: dynamo.wire, tableName: (name) => name },
    });
    const handlers = await loadNamespaceHandlers(eventApi.namespaces, rootDir, dataSources);

    const events = await startEventsService({
      api: eventApi,
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
      routes,
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
      adminToken: access.adminToken,
    });
    if (options.outputsFile) {
      await mkdir(dirname(resolve(options.outputsFile)), { recursive: true });
      await writeFile(options.outputsFile, `${JSON.stringify(outputs, null, 2)}\n`);
    }
    return { outputs, faults, iamCredentials, dynamoEndpoint: dynamo.endpoint, adminToken: access.adminToken, close };
  } catch (error) {
    await close();
    throw error;
  }
}
