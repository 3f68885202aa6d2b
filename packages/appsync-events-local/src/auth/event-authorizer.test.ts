import { describe, expect, it } from 'vitest';
import type { CfnEventConfig } from './auth-config.ts';
import { createEventAuthorizer, type EventAuthorizerOptions } from './event-authorizer.ts';
import type { IamPrincipal } from './iam-mode.ts';
import type { LambdaAuthorizerRequest } from './lambda-mode.ts';
import { createTokenSigner } from './oidc-signer.ts';
import { signEventRequest } from './sign-event-request.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const SECONDS = NOW.getTime() / 1000;
const API = { apiId: 'abc123', accountId: '111122223333', region: 'us-east-1' };
const API_ARN = 'arn:aws:appsync:us-east-1:111122223333:apis/abc123';
const POOL_ISSUER = 'http://127.0.0.1:9229/local_pool1';
const OIDC_ISSUER = 'https://login.example.test';
const modes = (...types: string[]) => types.map((AuthType) => ({ AuthType }));

const poolSigner = createTokenSigner();
const oidcSigner = createTokenSigner();
const poolToken = poolSigner.sign({ sub: 'u-1', iss: POOL_ISSUER, token_use: 'access', client_id: 'web', username: 'ada', exp: SECONDS + 3600 });
const oidcToken = oidcSigner.sign({ sub: 'o-1', iss: OIDC_ISSUER, aud: 'events', iat: SECONDS, auth_time: SECONDS, exp: SECONDS + 3600 });

const EVENT_CONFIG: CfnEventConfig = {
  AuthProviders: [
    { AuthType: 'API_KEY' },
    { AuthType: 'AWS_IAM' },
    { AuthType: 'AMAZON_COGNITO_USER_POOLS', CognitoConfig: { UserPoolId: 'local_pool1', AwsRegion: 'us-east-1', AppIdClientRegex: 'web' } },
    { AuthType: 'OPENID_CONNECT', OpenIDConnectConfig: { Issuer: OIDC_ISSUER, ClientId: 'events', AuthTTL: 60_000 } },
    { AuthType: 'AWS_LAMBDA', LambdaAuthorizerConfig: { AuthorizerUri: 'arn:aws:lambda:us-east-1:111122223333:function:auth', AuthorizerResultTtlInSeconds: 300 } },
  ],
  ConnectionAuthModes: modes('API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM', 'OPENID_CONNECT', 'AWS_LAMBDA'),
  DefaultPublishAuthModes: modes('API_KEY', 'AMAZON_COGNITO_USER_POOLS'),
  DefaultSubscribeAuthModes: modes('AMAZON_COGNITO_USER_POOLS', 'OPENID_CONNECT'),
};

const server: IamPrincipal = {
  accessKeyId: 'AKIDSERVER',
  secretAccessKey: 'server-secret',
  accountId: '111122223333',
  userArn: 'arn:aws:iam::111122223333:user/server',
  username: 'AIDASERVER',
  policies: [{ Statement: [{ Effect: 'Allow', Action: 'appsync:Event*', Resource: [API_ARN, `${API_ARN}/channelNamespace/admin`] }] }],
};

function authorizer(overrides: Partial<EventAuthorizerOptions> = {}) {
  const lambdaCalls: LambdaAuthorizerRequest[] = [];
  let now = NOW;
  const events = createEventAuthorizer({
    api: API,
    eventConfig: EVENT_CONFIG,
    namespaces: { admin: { PublishAuthModes: modes('AWS_IAM') }, bots: { PublishAuthModes: modes('AWS_LAMBDA'), SubscribeAuthModes: modes('AWS_LAMBDA') } },
    apiKeys: [{ key: 'da2-valid', expires: SECONDS + 86_400 }, { key: 'da2-expired', expires: SECONDS - 1 }],
    userPools: { local_pool1: { issuer: POOL_ISSUER, jwks: poolSigner.jwks } },
    iamPrincipals: [server],
    oidcJwks: async (issuer) => {
      if (issuer !== OIDC_ISSUER) throw new Error(`unexpected issuer ${issuer}`);
      return oidcSigner.jwks;
    },
    invokeFunction: async (_arn, request) => {
      lambdaCalls.push(request);
      return { isAuthorized: request.authorizationToken === 'bot-secret', handlerContext: { bot: true } };
    },
    now: () => now,
    ...overrides,
  });
  return { events, lambdaCalls, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

const connect = (headers: Record<string, string>) => ({ operation: 'EVENT_CONNECT' as const, headers, signedBody: '{}', sourceIp: '10.0.0.1' });
const publish = (channel: string, headers: Record<string, string>) => {
  const signedBody = JSON.stringify({ channel, events: ['"hi"'] });
  return { operation: 'EVENT_PUBLISH' as const, channel, headers, signedBody, sourceIp: '10.0.0.1' };
};
const subscribe = (channel: string, headers: Record<string, string>) => ({ operation: 'EVENT_SUBSCRIBE' as const, channel, headers, signedBody: JSON.stringify({ channel }), sourceIp: '10.0.0.1' });

describe('createEventAuthorizer', () => {
  it('admits a connect with an API key, whatever the header case, with a null identity', async () => {
    const { events } = authorizer();

    expect(await events.authorize(connect({ 'X-Api-Key': 'da2-valid' }))).toEqual({ ok: true, authType: 'API_KEY', identity: null });
  });

  it('admits through any one of several modes: a bad API key does not block a good user pool token', async () => {
    const { events } = authorizer();

    const decision = await events.authorize(connect({ 'x-api-key': 'da2-expired', authorization: poolToken }));

    expect(decision).toMatchObject({ ok: true, authType: 'AMAZON_COGNITO_USER_POOLS', identity: { sub: 'u-1', username: 'ada' } });
  });

  it('fetches no OIDC keys for a token another issuer signed', async () => {
    const fetched: string[] = [];
    const { events } = authorizer({
      oidcJwks: async (issuer) => {
        fetched.push(issuer);
        return oidcSigner.jwks;
      },
    });
    const foreign = poolSigner.sign({ sub: 'u-1', iss: POOL_ISSUER, token_use: 'access', client_id: 'mobile', exp: SECONDS + 3600 });

    const decision = await events.authorize(subscribe('/chat/room', { authorization: foreign }));

    expect(decision).toEqual({
      ok: false,
      message: `AMAZON_COGNITO_USER_POOLS: App client mobile does not match AppIdClientRegex; OPENID_CONNECT: Token issuer ${POOL_ISSUER} is not ${OIDC_ISSUER}`,
    });
    expect(fetched).toEqual([]);
  });

  it('tries a bearer token against each token mode in order: an OIDC token fails the pool and passes OIDC', async () => {
    const { events, lambdaCalls } = authorizer();

    const decision = await events.authorize(subscribe('/chat/room', { authorization: `Bearer ${oidcToken}` }));

    expect(decision).toEqual({ ok: true, authType: 'OPENID_CONNECT', identity: expect.objectContaining({ sub: 'o-1', issuer: OIDC_ISSUER, sourceIp: ['10.0.0.1'] }) });
    expect(lambdaCalls).toEqual([]);
  });

  it('says why each mode with credentials refused, when none admits', async () => {
    const { events } = authorizer();

    const decision = await events.authorize(connect({ 'x-api-key': 'da2-expired', authorization: 'not-a-jwt' }));

    expect(decision).toEqual({
      ok: false,
      message:
        'API_KEY: The API key has expired; AMAZON_COGNITO_USER_POOLS: Token is not a well-formed JWT; OPENID_CONNECT: Token is not a well-formed JWT; AWS_LAMBDA: The Lambda authorizer refused the request',
    });
  });

  it('refuses a request with no credentials for any allowed mode', async () => {
    const { events } = authorizer();

    expect(await events.authorize(subscribe('/chat/room', { 'x-api-key': 'da2-valid' }))).toEqual({
      ok: false,
      message: 'No credentials for an allowed authorization mode (AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT)',
    });
  });

  it("applies a namespace's override instead of the API's default publish modes", async () => {
    const { events } = authorizer();
    const signedPublish = publish('/admin/alerts', {});
    const headers = signEventRequest({ url: 'https://local.test/event', body: signedPublish.signedBody, credentials: server, region: 'us-east-1', date: NOW });

    const byKey = await events.authorize(publish('/admin/alerts', { 'x-api-key': 'da2-valid' }));
    const bySignature = await events.authorize({ ...signedPublish, headers });
    const elsewhere = await events.authorize(publish('/chat/room', { 'x-api-key': 'da2-valid' }));

    expect(events.modesFor('EVENT_PUBLISH', '/admin/alerts')).toEqual(['AWS_IAM']);
    expect(byKey).toEqual({ ok: false, message: 'No credentials for an allowed authorization mode (AWS_IAM)' });
    expect(bySignature).toMatchObject({ ok: true, authType: 'AWS_IAM', identity: { userArn: 'arn:aws:iam::111122223333:user/server' } });
    expect(elsewhere).toEqual({ ok: true, authType: 'API_KEY', identity: null });
  });

  it("refuses an IAM publish on a namespace the principal's policy does not cover", async () => {
    const { events } = authorizer({ eventConfig: { ...EVENT_CONFIG, DefaultPublishAuthModes: modes('AWS_IAM') } });
    const request = publish('/chat/room', {});
    const headers = signEventRequest({ url: 'https://local.test/event', body: request.signedBody, credentials: server, region: 'us-east-1', date: NOW });

    const decision = await events.authorize({ ...request, headers });

    expect(decision).toMatchObject({ ok: false, message: expect.stringMatching(/^AWS_IAM: .* is not authorized to perform appsync:EventPublish on resource .*\/channelNamespace\/chat because/) });
  });

  it('hands the Lambda authorizer the header as sent, the namespace and channel, and caches its decision', async () => {
    const { events, lambdaCalls, advance } = authorizer();

    const first = await events.authorize(publish('/bots/feed', { authorization: 'bot-secret' }));
    advance(299);
    const cached = await events.authorize(publish('/bots/feed', { authorization: 'bot-secret' }));
    const refused = await events.authorize(publish('/bots/feed', { authorization: 'Bearer bot-secret' }));

    expect(first).toEqual({ ok: true, authType: 'AWS_LAMBDA', identity: { handlerContext: { bot: true } } });
    expect(cached).toEqual(first);
    expect(refused).toEqual({ ok: false, message: 'AWS_LAMBDA: The Lambda authorizer refused the request' });
    expect(lambdaCalls.map((call) => [call.authorizationToken, call.requestContext.channelNamespaceName, call.requestContext.channel])).toEqual([
      ['bot-secret', 'bots', '/bots/feed'],
      ['Bearer bot-secret', 'bots', '/bots/feed'],
    ]);
  });

  it('refuses an OIDC token past AuthTTL as time moves on', async () => {
    const { events, advance } = authorizer();

    const fresh = await events.authorize(subscribe('/chat/room', { authorization: oidcToken }));
    advance(61);
    const stale = await events.authorize(subscribe('/chat/room', { authorization: oidcToken }));

    expect(fresh.ok).toBe(true);
    expect(stale).toMatchObject({ ok: false, message: expect.stringContaining('OPENID_CONNECT: Token was authenticated longer ago than AuthTTL') });
  });

  it('refuses at creation a configuration AppSync would not deploy, and a Lambda provider with no way to invoke it', () => {
    expect(() => authorizer({ namespaces: { chat: { PublishAuthModes: modes('NONE') } } })).toThrow('unknown auth type NONE');
    expect(() => authorizer({ invokeFunction: undefined })).toThrow('An AWS_LAMBDA provider needs the invokeFunction option');
  });
});
