/**
 * Parley's local cloud: the emulator (`appsync-events-local`'s `startEmulator`) serving a cached
 * synth of `amplify/backend.ts` (`synth/cached-synth.ts`), with Parley's demo users and its local
 * options (limits, sign-up policy) as the functions' environment.
 */
import { resolve } from 'node:path';
import { type DynamoEngine, type Emulator, type EmulatorOutputs, type SeedUser, startEmulator } from 'appsync-events-local';
import type { RateLimit } from './options.ts';
import { type AmplifyOutputs, HTTP_API_NAME } from '../core/outputs.ts';
import { demoUsers } from './demo-users.ts';
import { formatSignupPolicy, type SignupPolicy } from '../core/signup-policy.ts';
import { formatRateLimit } from '../functions/lib/rate-limiter.ts';
import { cachedSynth } from './synth/cached-synth.ts';

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

/**
 * The emulator, its outputs read as Parley's outputs file (the HTTP API under `HTTP_API_NAME`).
 * `iamCredentials` are the run's credentials for a script or test that signs as the functions
 * (their roles at once); the secret is new in every run, so take it from here, never from a constant.
 */
export interface LocalCloud extends Omit<Emulator, 'outputs'> {
  outputs: AmplifyOutputs;
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const rootDir = resolve(options.rootDir ?? '.');
  const assemblyDir = options.assemblyDir ?? (await cachedSynth({ rootDir, cacheDir: options.synthCacheDir })).directory;
  const emulator = await startEmulator({
    assemblyDir,
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    outputsFile: options.outputsFile,
    dynamo: options.dynamo,
    users: options.users ?? demoUsers,
    region: options.region,
    keepAliveIntervalMs: options.keepAliveIntervalMs,
    appOrigins: options.appOrigins,
    environmentOverrides: environmentOverrides(options),
    selfSignUp: options.signup === undefined ? undefined : options.signup.kind !== 'invite',
    httpApiName: HTTP_API_NAME,
  });
  const outputs = parleyOutputs(emulator.outputs);
  if (!outputs) {
    await emulator.close();
    throw new Error('The synthesized backend lacks the user pool or the HTTP API Parley needs');
  }
  return { ...emulator, outputs };
}

/** The emulator's outputs as Parley's file, which always has the user pool and the HTTP API; null without them. */
function parleyOutputs(outputs: EmulatorOutputs): AmplifyOutputs | null {
  const { auth, custom } = outputs;
  const endpoint = custom.local.user_pool_endpoint;
  if (!auth || !custom.API || endpoint === undefined) return null;
  return { ...outputs, auth, custom: { ...custom, API: custom.API, local: { ...custom.local, user_pool_endpoint: endpoint } } };
}

/** The local options as environment values over the template's, for the functions whose environment has the variable. */
function environmentOverrides(options: LocalCloudOptions): Record<string, string> {
  return {
    ...(options.rateLimit === undefined ? {} : { RATE_LIMIT: formatRateLimit(options.rateLimit) }),
    ...(options.roomLimit === undefined ? {} : { ROOM_LIMIT: formatRateLimit(options.roomLimit) }),
    ...(options.signup === undefined ? {} : { SIGNUP_POLICY: formatSignupPolicy(options.signup) }),
  };
}
