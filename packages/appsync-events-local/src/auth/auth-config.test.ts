import { describe, expect, it } from 'vitest';
import { AuthConfigError, authModesFor, type CfnEventConfig, checkAuthConfig } from './auth-config.ts';

const modes = (...types: string[]) => types.map((AuthType) => ({ AuthType }));

const CONFIG: CfnEventConfig = {
  AuthProviders: [{ AuthType: 'API_KEY' }, { AuthType: 'AWS_IAM' }, { AuthType: 'AMAZON_COGNITO_USER_POOLS', CognitoConfig: { UserPoolId: 'pool', AwsRegion: 'us-east-1' } }],
  ConnectionAuthModes: modes('API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'),
  DefaultPublishAuthModes: modes('AWS_IAM'),
  DefaultSubscribeAuthModes: modes('AMAZON_COGNITO_USER_POOLS', 'API_KEY'),
};

describe('authModesFor', () => {
  it('uses ConnectionAuthModes for a connect, whatever the namespaces say', () => {
    expect(authModesFor('EVENT_CONNECT', CONFIG, { PublishAuthModes: modes('API_KEY') })).toEqual(['API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM']);
  });

  it("uses the API's defaults for a namespace that sets no modes of its own", () => {
    expect(authModesFor('EVENT_PUBLISH', CONFIG, {})).toEqual(['AWS_IAM']);
    expect(authModesFor('EVENT_SUBSCRIBE', CONFIG, undefined)).toEqual(['AMAZON_COGNITO_USER_POOLS', 'API_KEY']);
  });

  it("uses a namespace's own modes over the API's defaults, each operation on its own", () => {
    const namespace = { PublishAuthModes: modes('API_KEY', 'AMAZON_COGNITO_USER_POOLS') };

    expect(authModesFor('EVENT_PUBLISH', CONFIG, namespace)).toEqual(['API_KEY', 'AMAZON_COGNITO_USER_POOLS']);
    expect(authModesFor('EVENT_SUBSCRIBE', CONFIG, namespace)).toEqual(['AMAZON_COGNITO_USER_POOLS', 'API_KEY']);
  });

  it('falls back to the default when a namespace lists no modes', () => {
    expect(authModesFor('EVENT_PUBLISH', CONFIG, { PublishAuthModes: [] })).toEqual(['AWS_IAM']);
  });
});

describe('checkAuthConfig', () => {
  it('accepts a configuration whose modes all have providers', () => {
    expect(() => checkAuthConfig(CONFIG, { chat: { SubscribeAuthModes: modes('AWS_IAM') } })).not.toThrow();
  });

  it.each([
    ['a default mode without a provider', { ...CONFIG, DefaultPublishAuthModes: modes('AWS_LAMBDA') }, {}, 'DefaultPublishAuthModes: AWS_LAMBDA has no entry in AuthProviders'],
    ['a namespace mode without a provider', CONFIG, { chat: { PublishAuthModes: modes('OPENID_CONNECT') } }, 'namespace chat PublishAuthModes: OPENID_CONNECT has no entry in AuthProviders'],
    ['an unknown type', { ...CONFIG, ConnectionAuthModes: modes('PASSWORD') }, {}, 'ConnectionAuthModes: unknown auth type PASSWORD'],
    ['a Cognito provider without CognitoConfig', { ...CONFIG, AuthProviders: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }] }, {}, 'AuthProviders: AMAZON_COGNITO_USER_POOLS needs CognitoConfig'],
    ['a Lambda provider without LambdaAuthorizerConfig', { ...CONFIG, AuthProviders: [...CONFIG.AuthProviders, { AuthType: 'AWS_LAMBDA' }] }, {}, 'AuthProviders: AWS_LAMBDA needs LambdaAuthorizerConfig'],
    ['a provider listed twice', { ...CONFIG, AuthProviders: [...CONFIG.AuthProviders, { AuthType: 'API_KEY' }] }, {}, 'AuthProviders: API_KEY is listed twice'],
  ])('refuses %s', (_name, config, namespaces, message) => {
    expect(() => checkAuthConfig(config, namespaces)).toThrow(new AuthConfigError(message));
  });
});
