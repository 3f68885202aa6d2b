/**
 * The auth fixture as the emulator reads it: an OpenID Connect provider (the package's local
 * issuer, given at synth time) and a Lambda authorizer whose staged asset folder holds the code
 * the Lambda runner loads. The authorizer built from the assembly admits and refuses as AppSync would.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAppSyncJs, type CloudAssembly, createEventAuthorizer, eventApiAuthSettings, type LocalOidcIssuer, readCloudAssembly, startLocalOidcIssuer } from '../src/index.ts';
import { AUTH_STACK, buildAuthApp, LAMBDA_HANDLERS, LAMBDA_NAMESPACE, OIDC_HANDLERS, OIDC_NAMESPACE } from './fixtures/auth-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';

const location = { region: 'us-east-1', accountId: '000000000000' };
const CLIENT_ID = 'auth-fixture';
let issuer: LocalOidcIssuer;
let assembly: CloudAssembly;

beforeAll(async () => {
  issuer = await startLocalOidcIssuer({ clientId: CLIENT_ID });
  const dir = await synthFixture('auth', (app) => buildAuthApp(app, { oidcIssuer: issuer.issuer, oidcClientId: CLIENT_ID }));
  assembly = await readCloudAssembly(dir);
});

afterAll(async () => {
  await issuer.close();
  await removeSynthesizedFixtures();
});

const only = (type: string) => {
  const found = assembly.resources.filter((resource) => resource.type === type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

const namespace = (name: string) => assembly.resources.find((resource) => resource.type === 'AWS::AppSync::ChannelNamespace' && resource.properties.Name === name)!;

/** Runs the staged authorizer as the Lambda runner does: `<asset folder>/index.mjs`, export `handler`. */
async function invokeStagedAuthorizer(functionArn: string, payload: unknown): Promise<unknown> {
  const fn = only('AWS::Lambda::Function');
  expect(functionArn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${fn.physicalId}`);
  const [moduleName, exportName] = String(fn.properties.Handler).split('.') as [string, string];
  const module = (await import(pathToFileURL(join(fn.assetPath!, `${moduleName}.mjs`)).href)) as Record<string, (event: unknown) => Promise<unknown>>;
  return module[exportName]!(payload);
}

describe('the auth fixture app', () => {
  it('configures the OIDC issuer and client id given at synth time, and the Lambda authorizer by its ARN', () => {
    const fn = only('AWS::Lambda::Function');

    const settings = eventApiAuthSettings(assembly.resources, location);

    expect(assembly.stacks.map((stack) => stack.name)).toEqual([AUTH_STACK]);
    expect(settings.eventConfig).toEqual({
      AuthProviders: [
        { AuthType: 'OPENID_CONNECT', OpenIDConnectConfig: { Issuer: issuer.issuer, ClientId: CLIENT_ID } },
        {
          AuthType: 'AWS_LAMBDA',
          LambdaAuthorizerConfig: { AuthorizerUri: `arn:aws:lambda:us-east-1:000000000000:function:${fn.physicalId}`, AuthorizerResultTtlInSeconds: 60 },
        },
      ],
      ConnectionAuthModes: [{ AuthType: 'OPENID_CONNECT' }, { AuthType: 'AWS_LAMBDA' }],
      DefaultPublishAuthModes: [{ AuthType: 'OPENID_CONNECT' }],
      DefaultSubscribeAuthModes: [{ AuthType: 'OPENID_CONNECT' }],
    });
    expect(settings.namespaces).toEqual({
      [OIDC_NAMESPACE]: { PublishAuthModes: undefined, SubscribeAuthModes: undefined },
      [LAMBDA_NAMESPACE]: { PublishAuthModes: [{ AuthType: 'AWS_LAMBDA' }], SubscribeAuthModes: [{ AuthType: 'AWS_LAMBDA' }] },
    });
  });

  it("stages the authorizer's code as a folder the Lambda runner loads by its handler name", () => {
    const fn = only('AWS::Lambda::Function');

    expect(fn.properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs22.x' });
    expect(fn.assetPackaging).toBe('zip');
    expect(readdirSync(fn.assetPath!)).toEqual(['index.mjs']);
  });

  it('has inline namespace handlers that pass the APPSYNC_JS checks', () => {
    expect(namespace(OIDC_NAMESPACE).properties.CodeHandlers).toBe(OIDC_HANDLERS);
    expect(namespace(LAMBDA_NAMESPACE).properties.CodeHandlers).toBe(LAMBDA_HANDLERS);
    expect(checkAppSyncJs(OIDC_HANDLERS, 'oidc.js')).toEqual([]);
    expect(checkAppSyncJs(LAMBDA_HANDLERS, 'lambda.js')).toEqual([]);
  });

  it("admits the issuer's tokens for its client and refuses another audience or an expired token", async () => {
    const authorizer = createEventAuthorizer({ ...eventApiAuthSettings(assembly.resources, location), invokeFunction: invokeStagedAuthorizer });
    const publish = (token: string) =>
      authorizer.authorize({ operation: 'EVENT_PUBLISH', channel: `/${OIDC_NAMESPACE}/a`, headers: { authorization: token }, signedBody: '{}', sourceIp: '127.0.0.1' });
    const past = Math.floor(Date.now() / 1000) - 7200;

    const accepted = await publish(issuer.issueToken('user-1'));
    const otherAudience = await publish(issuer.issueToken('user-1', { aud: 'another-client' }));
    const expired = await publish(issuer.issueToken('user-1', { iat: past, auth_time: past, exp: past + 60 }));

    expect(accepted).toMatchObject({ ok: true, authType: 'OPENID_CONNECT', identity: { sub: 'user-1', issuer: issuer.issuer } });
    expect(otherAudience.ok).toBe(false);
    expect(expired.ok).toBe(false);
  });

  it("runs the staged Lambda authorizer: an allow: token is admitted with its handler context, another refused", async () => {
    const authorizer = createEventAuthorizer({ ...eventApiAuthSettings(assembly.resources, location), invokeFunction: invokeStagedAuthorizer });
    const subscribe = (token: string) =>
      authorizer.authorize({ operation: 'EVENT_SUBSCRIBE', channel: `/${LAMBDA_NAMESPACE}/a`, headers: { authorization: token }, signedBody: '{}', sourceIp: '127.0.0.1' });

    const accepted = await subscribe('allow:carol');
    const refused = await subscribe('deny:carol');
    const oidcOnLambdaNamespace = await subscribe(issuer.issueToken('user-1'));

    expect(accepted).toEqual({ ok: true, authType: 'AWS_LAMBDA', identity: { handlerContext: { caller: 'carol', operation: 'EVENT_SUBSCRIBE' } } });
    expect(refused.ok).toBe(false);
    expect(oidcOnLambdaNamespace.ok).toBe(false);
  });
});
