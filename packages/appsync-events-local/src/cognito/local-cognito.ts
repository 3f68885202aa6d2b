/**
 * The local cloud's Cognito user pool: cognito-local in-process, behind a small HTTP front that
 * Amplify's `Auth.Cognito.userPoolEndpoint` points at, seeded with the declared groups and users.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalAccess, type LocalAccess } from '../access/local-access.ts';
import { createCognitoAdminClient } from './cognito-admin-client.ts';
import type { AppClientSettings } from './app-client-settings.ts';
import { createCognitoFrontHandler } from './cognito-front.ts';
import { startCognitoLocalServer } from './cognito-local-server.ts';
import type { PreSignUpInvoker } from './pre-sign-up-trigger.ts';
import type { PreTokenGenerationInvoker } from './v2-token-generator.ts';
import { EMAIL_SIGN_IN, type UserPoolSettings } from './pool-settings.ts';
import { seedUserPool, type SeedAccount } from './seed-user-pool.ts';

export type { SeedAccount, SeedUser } from './seed-user-pool.ts';

export interface LocalCognitoOptions {
  /** Where the pool's state lives. Omitted: a temporary directory, removed on close. */
  dataDir?: string;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port of the endpoint; 0 (default) picks a free one. */
  port?: number;
  /** Reported back for `amplify_outputs.json`; pool ids keep cognito-local's `local_` prefix. */
  region?: string;
  users: SeedAccount[];
  groups: string[];
  /** The app client's settings (the template's). */
  client: AppClientSettings;
  /** The pool's sign-in attributes, password policy and MFA (the template's). Default: as Amplify's `loginWith: { email: true }`. */
  settings?: UserPoolSettings;
  /** Runs as the pool's Pre Token Generation trigger (V2 event), on sign-in and refresh. */
  preTokenGeneration?: PreTokenGenerationInvoker;
  /** Runs as the pool's Pre Sign-up trigger, on every sign-up. */
  preSignUp?: PreSignUpInvoker;
  /** False: only administrators create accounts (an invite-only deployment). Default true. */
  selfSignUp?: boolean;
  /** Who may make admin calls. Default: a fresh admin token and the default app origins. */
  access?: LocalAccess;
}

export interface LocalCognito {
  /** What Amplify's `Auth.Cognito.userPoolEndpoint` points at (also serves the JWKS). */
  endpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  region: string;
  /** Exactly the `iss` claim of this pool's tokens: `<endpoint>/<userPoolId>`. */
  issuer: string;
  /** The pool's JWKS (`{ keys: [...] }`), for verifying tokens without a fetch. */
  jwks: unknown;
  users: SeedAccount[];
  /** The token admin calls need (`x-appsync-events-local-token`). */
  adminToken: string;
  close(): Promise<void>;
}

export const LOCAL_POOL_NAME = 'appsync-events-local';
export const LOCAL_CLIENT_NAME = 'appsync-events-local-web';

export async function startLocalCognito(options: LocalCognitoOptions): Promise<LocalCognito> {
  const host = options.host ?? '127.0.0.1';
  const settings = options.settings ?? EMAIL_SIGN_IN;
  const access = options.access ?? createLocalAccess();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'appsync-events-local-cognito-')) : resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });

  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
    closers.length = 0;
  };
  if (ownsDataDir) closers.push(() => rm(dataDir, { recursive: true, force: true }));

  try {
    // The front listens first: its origin is the issuer domain cognito-local must sign with.
    const front = createServer();
    front.listen(options.port ?? 0, host);
    await once(front, 'listening');
    closers.push(() => closeServer(front));
    const endpoint = `http://${urlHost(host)}:${(front.address() as AddressInfo).port}`;

    const backend = await startCognitoLocalServer({
      dataDir,
      issuerDomain: endpoint,
      preTokenGeneration: options.preTokenGeneration,
      preSignUp: options.preSignUp,
      region: options.region,
      aliasAttributes: settings.aliasAttributes,
    });
    closers.push(() => backend.close());
    front.on('request', createCognitoFrontHandler({
      upstream: backend.url,
      upstreamHeaders: backend.headers,
      directory: backend.directory,
      endpoint,
      access,
      selfSignUp: options.selfSignUp,
      writeAttributes: options.client.writeAttributes,
      settings,
    }));

    const { userPoolId, userPoolClientId } = await seedUserPool(createCognitoAdminClient(endpoint, access.adminToken), {
      poolName: LOCAL_POOL_NAME,
      clientName: LOCAL_CLIENT_NAME,
      groups: options.groups,
      users: options.users,
      client: options.client,
      settings,
    });
    const issuer = `${endpoint}/${userPoolId}`;
    const jwksResponse = await fetch(`${issuer}/.well-known/jwks.json`);
    if (!jwksResponse.ok) throw new Error(`JWKS fetch failed with HTTP ${jwksResponse.status}`);
    return {
      endpoint,
      userPoolId,
      userPoolClientId,
      region: options.region ?? 'us-east-1',
      issuer,
      jwks: await jwksResponse.json(),
      users: options.users,
      adminToken: access.adminToken,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A host usable in a URL: wildcard binds are reached through localhost, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
