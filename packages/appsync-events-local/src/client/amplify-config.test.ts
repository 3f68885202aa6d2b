import { Amplify } from 'aws-amplify';
import { parseAmplifyConfig } from 'aws-amplify/utils';
import { afterEach, describe, expect, it } from 'vitest';
import { amplifyConfigFromOutputs, type ClientOutputs } from './amplify-config.ts';

const emulatorFile: ClientOutputs = {
  version: '1.4',
  auth: { aws_region: 'us-east-1', user_pool_id: 'us-east-1_local', user_pool_client_id: 'client1', username_attributes: ['email'] },
  custom: {
    events: { url: 'http://127.0.0.1:4010/event', aws_region: 'us-east-1', default_authorization_type: 'AMAZON_COGNITO_USER_POOLS' },
    API: { chat: { endpoint: 'http://127.0.0.1:4010/api/', region: 'us-east-1', apiName: 'chat' } },
    local: { user_pool_endpoint: 'http://127.0.0.1:4010/cognito/' },
  },
};

const apiKeyFile: ClientOutputs = {
  version: '1.4',
  custom: { events: { url: 'http://127.0.0.1:4010/event', aws_region: 'eu-west-1', default_authorization_type: 'API_KEY', api_key: 'da2-local' } },
};

afterEach(() => Amplify.configure({}));

describe('amplifyConfigFromOutputs', () => {
  it("points Cognito at the emulator's user pool endpoint and Events at its HTTP endpoint", () => {
    const config = amplifyConfigFromOutputs(emulatorFile);

    expect(config).toEqual({
      Auth: {
        Cognito: {
          userPoolId: 'us-east-1_local',
          userPoolClientId: 'client1',
          userPoolEndpoint: 'http://127.0.0.1:4010/cognito/',
          loginWith: { email: true, phone: false, username: false },
        },
      },
      API: {
        Events: { endpoint: 'http://127.0.0.1:4010/event', region: 'us-east-1', defaultAuthMode: 'userPool' },
        REST: { chat: { endpoint: 'http://127.0.0.1:4010/api/', region: 'us-east-1', apiName: 'chat' } },
      },
    });
  });

  it('leaves Auth out for a backend without a user pool, and carries the API key', () => {
    const config = amplifyConfigFromOutputs(apiKeyFile);

    expect(config).toEqual({ API: { Events: { endpoint: 'http://127.0.0.1:4010/event', region: 'eu-west-1', defaultAuthMode: 'apiKey', apiKey: 'da2-local' } } });
  });

  it('takes the default auth mode and API key from the options over the file', () => {
    const config = amplifyConfigFromOutputs(apiKeyFile, { defaultAuthMode: 'lambda', apiKey: 'da2-other' });

    expect(config.API.Events).toMatchObject({ defaultAuthMode: 'lambda', apiKey: 'da2-other' });
  });

  it.each([
    ['API_KEY', 'apiKey'],
    ['AMAZON_COGNITO_USER_POOLS', 'userPool'],
    ['AWS_IAM', 'iam'],
    ['OPENID_CONNECT', 'oidc'],
    ['AWS_LAMBDA', 'lambda'],
  ])('names %s %s, as aws-amplify does', (type, mode) => {
    const outputs = { ...apiKeyFile, custom: { events: { ...apiKeyFile.custom.events, default_authorization_type: type } } };

    const ours = amplifyConfigFromOutputs(outputs).API.Events;
    const amplifys = parseAmplifyConfig(outputs as Parameters<typeof parseAmplifyConfig>[0]).API?.Events;

    expect(ours.defaultAuthMode).toBe(mode);
    expect(ours).toEqual(amplifys);
  });

  it('refuses an auth type the Event API does not have', () => {
    const outputs = { ...apiKeyFile, custom: { events: { ...apiKeyFile.custom.events, default_authorization_type: 'NONE' } } };

    expect(() => amplifyConfigFromOutputs(outputs)).toThrow(/NONE.*not an Event API auth type/);
  });

  it("adds no user pool endpoint to a deployment's file", () => {
    const deployed = { ...emulatorFile, custom: { ...emulatorFile.custom, local: undefined } };

    const cognito = amplifyConfigFromOutputs(deployed).Auth?.Cognito;

    expect(cognito).not.toHaveProperty('userPoolEndpoint');
    expect(cognito).toEqual(parseAmplifyConfig(deployed as Parameters<typeof parseAmplifyConfig>[0]).Auth!.Cognito);
  });

  it('is a configuration aws-amplify takes as it is, user pool endpoint included', () => {
    Amplify.configure(amplifyConfigFromOutputs(emulatorFile));

    const configured = Amplify.getConfig();

    expect(configured.Auth?.Cognito).toMatchObject({ userPoolId: 'us-east-1_local', userPoolEndpoint: 'http://127.0.0.1:4010/cognito/' });
    expect(configured.API?.Events).toEqual({ endpoint: 'http://127.0.0.1:4010/event', region: 'us-east-1', defaultAuthMode: 'userPool' });
  });
});
