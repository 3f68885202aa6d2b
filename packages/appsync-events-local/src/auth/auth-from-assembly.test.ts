/**
 * An Event API with all five auth providers, written by CDK and read back with readCloudAssembly:
 * the authorizer's settings come from what CDK synthesizes, not from hand-written shapes.
 */
import { App, Duration, Expiration, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudAssembly, readCloudAssembly } from '../assembly/read-cloud-assembly.ts';
import { eventApiAuthSettings, localApiKeyValue } from './auth-from-assembly.ts';
import { createEventAuthorizer } from './event-authorizer.ts';

const scratch = mkdtempSync(join(tmpdir(), 'appsync-events-local-auth-'));
const EXPIRES = new Date('2027-01-01T00:00:00Z');
let assembly: CloudAssembly;

function synth(): string {
  const app = new App({ outdir: join(scratch, 'cdk.out') });
  const stack = new Stack(app, 'AuthFixture', { env: { region: 'eu-west-1', account: '111122223333' } });
  const pool = new cognito.UserPool(stack, 'Users');
  const authorizer = new lambda.Function(stack, 'Authorizer', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ isAuthorized: true });'),
  });
  const api = new appsync.EventApi(stack, 'Api', {
    apiName: 'auth-fixture',
    authorizationConfig: {
      authProviders: [
        { authorizationType: appsync.AppSyncAuthorizationType.API_KEY, apiKeyConfig: { name: 'Default', expires: Expiration.atDate(EXPIRES) } },
        { authorizationType: appsync.AppSyncAuthorizationType.IAM },
        { authorizationType: appsync.AppSyncAuthorizationType.USER_POOL, cognitoConfig: { userPool: pool, appIdClientRegex: 'web.*' } },
        { authorizationType: appsync.AppSyncAuthorizationType.OIDC, openIdConnectConfig: { oidcProvider: 'https://login.example.test', clientId: 'events', tokenExpiryFromAuth: 60_000 } },
        { authorizationType: appsync.AppSyncAuthorizationType.LAMBDA, lambdaAuthorizerConfig: { handler: authorizer, resultsCacheTtl: Duration.minutes(2) } },
      ],
      connectionAuthModeTypes: [appsync.AppSyncAuthorizationType.API_KEY, appsync.AppSyncAuthorizationType.USER_POOL],
      defaultPublishAuthModeTypes: [appsync.AppSyncAuthorizationType.IAM],
      defaultSubscribeAuthModeTypes: [appsync.AppSyncAuthorizationType.USER_POOL, appsync.AppSyncAuthorizationType.OIDC],
    },
  });
  api.addChannelNamespace('chat', { authorizationConfig: { publishAuthModeTypes: [appsync.AppSyncAuthorizationType.API_KEY, appsync.AppSyncAuthorizationType.LAMBDA] } });
  api.addChannelNamespace('news');
  return app.synth().directory;
}

beforeAll(async () => {
  assembly = await readCloudAssembly(synth());
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('eventApiAuthSettings', () => {
  it("reads the API's providers, modes, namespace overrides and keys as CDK wrote them", () => {
    const settings = eventApiAuthSettings(assembly.resources, { region: 'eu-west-1', accountId: '111122223333' });
    const keyResource = assembly.resources.find((resource) => resource.type === 'AWS::AppSync::ApiKey')!;
    const pool = assembly.resources.find((resource) => resource.type === 'AWS::Cognito::UserPool')!;

    expect(settings.api).toEqual({ apiId: assembly.resources.find((r) => r.type === 'AWS::AppSync::Api')!.physicalId, region: 'eu-west-1', accountId: '111122223333' });
    expect(settings.eventConfig.AuthProviders).toEqual(
      expect.arrayContaining([
        { AuthType: 'API_KEY' },
        { AuthType: 'AWS_IAM' },
        { AuthType: 'AMAZON_COGNITO_USER_POOLS', CognitoConfig: { UserPoolId: pool.physicalId, AwsRegion: 'eu-west-1', AppIdClientRegex: 'web.*' } },
        { AuthType: 'OPENID_CONNECT', OpenIDConnectConfig: expect.objectContaining({ Issuer: 'https://login.example.test', ClientId: 'events', AuthTTL: 60_000 }) },
        {
          AuthType: 'AWS_LAMBDA',
          LambdaAuthorizerConfig: expect.objectContaining({ AuthorizerUri: expect.stringMatching(/^arn:aws:lambda:eu-west-1:111122223333:function:/), AuthorizerResultTtlInSeconds: 120 }),
        },
      ]),
    );
    expect(settings.namespaces).toEqual({
      chat: { PublishAuthModes: [{ AuthType: 'API_KEY' }, { AuthType: 'AWS_LAMBDA' }], SubscribeAuthModes: undefined },
      news: { PublishAuthModes: undefined, SubscribeAuthModes: undefined },
    });
    expect(settings.apiKeys).toEqual([{ key: localApiKeyValue(keyResource), expires: EXPIRES.getTime() / 1000 }]);
  });

  it('configures an authorizer that honours the namespace override and the key’s Expires', async () => {
    const settings = eventApiAuthSettings(assembly.resources, { region: 'eu-west-1', accountId: '111122223333' });
    let now = new Date('2026-12-31T23:59:00Z');
    const events = createEventAuthorizer({ ...settings, invokeFunction: async () => ({ isAuthorized: false }), now: () => now });
    const key = settings.apiKeys[0]!.key;
    const publishTo = (channel: string) => ({ operation: 'EVENT_PUBLISH' as const, channel, headers: { 'x-api-key': key }, signedBody: '{}', sourceIp: '127.0.0.1' });

    const onChat = await events.authorize(publishTo('/chat/room'));
    const onNews = await events.authorize(publishTo('/news/today'));
    now = EXPIRES;
    const afterExpiry = await events.authorize(publishTo('/chat/room'));

    expect(onChat).toEqual({ ok: true, authType: 'API_KEY', identity: null });
    expect(onNews).toEqual({ ok: false, message: 'No credentials for an allowed authorization mode (AWS_IAM)' });
    expect(afterExpiry).toEqual({ ok: false, message: 'API_KEY: The API key has expired' });
  });

  it('asks for apiId when the assembly has no such API', () => {
    expect(() => eventApiAuthSettings(assembly.resources, { apiId: 'nope', region: 'eu-west-1', accountId: '111122223333' })).toThrow('The assembly has no AWS::AppSync::Api with id nope');
  });
});
