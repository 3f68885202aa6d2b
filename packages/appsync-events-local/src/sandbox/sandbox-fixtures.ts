/**
 * Test fixtures for the sandbox and the handler tests: handler modules written to a temporary
 * directory (as esbuild would write them), identities, and `ctx` builders.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NamespaceDefinition } from '../template/backend-model.ts';
import type { CognitoIdentity, HandlerContext, IamIdentity, Identity } from '../events/contracts.ts';

export interface TempDir {
  path: string;
  /** Writes `source` as an ES module file and returns its path. */
  write(name: string, source: string): Promise<string>;
  remove(): Promise<void>;
}

export async function createTempDir(prefix = 'appsync-sandbox-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    async write(name, source) {
      const file = join(path, name);
      await writeFile(file, source);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** A user pool identity as AppSync builds it from an access token (email sign-in makes the username the sub). */
export function cognitoIdentity(overrides: Partial<CognitoIdentity> = {}): CognitoIdentity {
  const sub = overrides.sub ?? 'a1b2c3d4-0000-4000-8000-000000000001';
  return {
    sub,
    issuer: 'http://localhost/local_pool',
    username: sub,
    claims: { sub, token_use: 'access' },
    sourceIp: ['127.0.0.1'],
    defaultAuthStrategy: 'ALLOW',
    groups: null,
    ...overrides,
  };
}

export function iamIdentity(): IamIdentity {
  return {
    accountId: '000000000000',
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: ['127.0.0.1'],
    username: 'AROAEXAMPLE:moderation',
    userArn: 'arn:aws:sts::000000000000:assumed-role/moderation/moderation',
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
}

export interface ContextOptions {
  path: string;
  identity?: Identity | null;
  events?: { id: string; payload: unknown }[];
}

function channelInfo(path: string, operation: 'PUBLISH' | 'SUBSCRIBE'): HandlerContext['info'] {
  const segments = path.split('/').filter((s) => s.length > 0);
  return { channel: { path, segments }, channelNamespace: { name: segments[0] ?? '' }, operation };
}

export function publishContext(options: ContextOptions): HandlerContext {
  return {
    identity: options.identity === undefined ? cognitoIdentity() : options.identity,
    request: { headers: { host: 'localhost' }, domainName: null },
    info: channelInfo(options.path, 'PUBLISH'),
    events: options.events ?? [],
    stash: {},
  };
}

export function subscribeContext(options: Omit<ContextOptions, 'events'>): HandlerContext {
  return { ...publishContext(options), info: channelInfo(options.path, 'SUBSCRIBE'), events: null };
}

export function testNamespace(overrides: Partial<NamespaceDefinition> = {}): NamespaceDefinition {
  return {
    name: 'test',
    handlerSource: 'unused.ts',
    handlerBundle: 'unused.mjs',
    publishAuthModes: ['AMAZON_COGNITO_USER_POOLS'],
    subscribeAuthModes: ['AMAZON_COGNITO_USER_POOLS'],
    ...overrides,
  };
}
