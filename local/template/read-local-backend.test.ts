/**
 * The local cloud's reading of the synthesized backend (the cached synth `npm run local` runs)
 * agrees with the definition the CDK code was given: the same API, namespaces, data sources,
 * functions, routes, table and user pool, with every function's code staged in the assembly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  clientAuthFlows,
  clientWritableAttributes,
  eventApi,
  functionNames,
  functionSettings,
  httpApiCors,
  routes,
  tables,
  TOKEN_VALIDITY_MINUTES,
  userGroups,
} from '../../amplify/definition.ts';
import { cachedSynth } from '../synth/cached-synth.ts';
import { LOCAL_EVENTS_HOST, type LocalBackend, readLocalBackend } from 'appsync-events-local';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
let backend: LocalBackend;

beforeAll(async () => {
  backend = await readLocalBackend((await cachedSynth({ rootDir })).directory);
}, 240_000);

const byKey = <T extends { method: string; path: string }>(list: readonly T[]) => [...list].sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));

describe('readLocalBackend on the synthesized backend', () => {
  it('has the Event API of the definition, each namespace with its staged code', () => {
    const { namespaces, ...api } = backend.eventApi;
    const { namespaces: defined, ...definedApi } = eventApi;

    expect(api).toEqual(definedApi);
    expect(namespaces.map(({ handlerBundle: _bundle, handlerSource: _source, ...rest }) => rest)).toEqual(
      defined.map(({ handlerBundle: _bundle, handlerSource: _source, ...rest }) => rest),
    );
    for (const namespace of namespaces) expect(namespace.handlerBundle !== undefined && namespace.handlerBundle.startsWith(backend.directory) && existsSync(namespace.handlerBundle)).toBe(true);
  });

  it.each(functionNames.map((name) => [name]))('has the function %s with its timeout, memory and bundled code', (name) => {
    const fn = backend.functions.find((candidate) => candidate.name === name);

    expect(fn).toMatchObject({ handler: 'index.handler', timeoutSeconds: functionSettings[name].timeoutSeconds, memoryMb: functionSettings[name].memoryMb });
    expect(existsSync(join(fn!.codeDir, 'index.mjs'))).toBe(true);
  });

  it('names the local table and the local Event API in the functions\' environment', () => {
    const withTable = backend.functions.filter((fn) => 'TABLE_NAME' in fn.environment);
    const publishers = backend.functions.filter((fn) => 'EVENT_API_URL' in fn.environment);

    expect(withTable.map((fn) => fn.environment.TABLE_NAME)).toEqual(withTable.map(() => tables[0]!.name));
    expect(publishers.map((fn) => fn.name).sort()).toEqual(['members', 'moderation', 'persist-messages']);
    for (const fn of publishers) expect(fn.environment.EVENT_API_URL).toBe(`https://${LOCAL_EVENTS_HOST}/event`);
  });

  it('has the routes, CORS and table of the definition', () => {
    expect(byKey(backend.routes)).toEqual(byKey(routes));
    expect(backend.cors).toMatchObject({
      allowMethods: [...httpApiCors.allowMethods],
      allowHeaders: [...httpApiCors.allowHeaders],
      exposeHeaders: [...httpApiCors.exposeHeaders],
      maxAgeSeconds: httpApiCors.maxAgeSeconds,
    });
    expect(backend.tables).toEqual(tables);
  });

  it('has the user pool settings, client, groups and triggers of the definition', () => {
    expect(backend.userPool).toEqual({
      groups: userGroups,
      authFlows: [...clientAuthFlows],
      writeAttributes: [...clientWritableAttributes],
      tokenValidityMinutes: TOKEN_VALIDITY_MINUTES,
      selfSignUp: true,
      // Amplify's `loginWith: { email: true }`: sign-in by email, Cognito's default policy, no MFA.
      settings: {
        usernameAttributes: ['email'],
        aliasAttributes: [],
        passwordPolicy: { minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true },
        mfa: 'OFF',
      },
      preSignUp: 'pre-sign-up',
      preTokenGeneration: 'pre-token-generation',
    });
  });
});
