import { describe, expect, it } from 'vitest';
import type { AmplifyOutputs } from '../core/outputs.ts';
import { configFromOutputs } from './config.ts';

// A deployment's file as `npx ampx` writes it: Amplify's auth resource includes an identity pool.
const deployed = {
  version: '1.4',
  auth: {
    aws_region: 'eu-west-1',
    user_pool_id: 'eu-west-1_AbCdEf123',
    user_pool_client_id: '1example23456789',
    identity_pool_id: 'eu-west-1:11111111-2222-3333-4444-555555555555',
    unauthenticated_identities_enabled: true,
    username_attributes: ['email'],
  },
  custom: {
    events: { url: 'https://abc.appsync-api.eu-west-1.amazonaws.com/event', aws_region: 'eu-west-1', default_authorization_type: 'AMAZON_COGNITO_USER_POOLS' },
    API: { parley: { endpoint: 'https://api.example.com/', region: 'eu-west-1' } },
  },
} as AmplifyOutputs;

describe('configFromOutputs', () => {
  it('configures the user pool without the identity pool, so a session lookup fetches no AWS credentials', () => {
    const { mode, amplify } = configFromOutputs(deployed);
    const cognito: object = amplify.Auth?.Cognito ?? {};
    expect(mode).toBe('cloud');
    expect(cognito).toMatchObject({ userPoolId: 'eu-west-1_AbCdEf123', userPoolClientId: '1example23456789' });
    expect(cognito).not.toHaveProperty('identityPoolId');
    expect(cognito).not.toHaveProperty('allowGuestAccess');
    expect(cognito).not.toHaveProperty('userPoolEndpoint');
    expect(amplify.API?.REST).toEqual(deployed.custom.API);
  });

  it("adds the local cloud's user pool endpoint and demo users in local mode", () => {
    const local = { ...deployed, custom: { ...deployed.custom, local: { user_pool_endpoint: 'http://127.0.0.1:4512', users: [] } } };
    const config = configFromOutputs(local);
    expect(config.mode).toBe('local');
    expect(config.amplify.Auth?.Cognito).toMatchObject({ userPoolEndpoint: 'http://127.0.0.1:4512' });
    expect(config.demoUsers).toEqual([]);
  });
});
