import { describe, expect, it } from 'vitest';
import {
  overrideAccessTokenClaims,
  overrideIdTokenClaims,
  preTokenGenerationV2Event,
  readOverrides,
} from './pre-token-generation-v2.ts';

const access = { sub: 's', username: 'u-1', client_id: 'c', scope: 'aws.cognito.signin.user.admin', token_use: 'access', 'cognito:groups': ['members'] };
const id = { sub: 's', 'cognito:username': 'u-1', email: 'a@b.c', token_use: 'id' };

describe('Pre Token Generation V2, locally', () => {
  it('sends the V2 event shape Cognito sends', () => {
    const event = preTokenGenerationV2Event({
      region: 'us-east-1',
      userPoolId: 'local_pool',
      clientId: 'client',
      username: 'u-1',
      userStatus: 'CONFIRMED',
      userAttributes: { sub: 's', preferred_username: 'Alice' },
      groups: ['moderators'],
      source: 'RefreshTokens',
    });

    expect(event).toEqual({
      version: '2',
      triggerSource: 'TokenGeneration_RefreshTokens',
      region: 'us-east-1',
      userPoolId: 'local_pool',
      userName: 'u-1',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
      request: {
        userAttributes: { sub: 's', preferred_username: 'Alice', 'cognito:user_status': 'CONFIRMED' },
        groupConfiguration: { groupsToOverride: ['moderators'], iamRolesToOverride: [], preferredRole: null },
        scopes: ['aws.cognito.signin.user.admin'],
      },
      response: { claimsAndScopeOverrideDetails: null },
    });
  });

  it('adds and suppresses claims in each token, leaving protected claims alone', () => {
    const details = readOverrides({
      response: {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: { claimsToAddOrOverride: { preferred_username: 'Alice', sub: 'forged' }, claimsToSuppress: ['email'] },
          accessTokenGeneration: {
            claimsToAddOrOverride: { preferred_username: 'Alice', username: 'forged', client_id: 'x' },
            scopesToAdd: ['parley/chat'],
          },
        },
      },
    });

    expect(overrideIdTokenClaims(id, details)).toEqual({ sub: 's', 'cognito:username': 'u-1', token_use: 'id', preferred_username: 'Alice' });
    expect(overrideAccessTokenClaims(access, details)).toEqual({
      ...access,
      preferred_username: 'Alice',
      scope: 'aws.cognito.signin.user.admin parley/chat',
    });
  });

  it('overrides groups through groupOverrideDetails only', () => {
    const details = readOverrides({ response: { claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: [] } } } });

    expect(overrideAccessTokenClaims(access, details)).not.toHaveProperty('cognito:groups');
  });

  it('changes nothing when the function returns no overrides', () => {
    const details = readOverrides({ response: { claimsAndScopeOverrideDetails: null } });

    expect(overrideAccessTokenClaims(access, details)).toEqual(access);
    expect(overrideIdTokenClaims(id, details)).toEqual(id);
  });
});
