import { describe, expect, it } from 'vitest';
import { jwtScopes, stringifyJwtClaims } from './stringify-jwt-claims.ts';

describe('stringifyJwtClaims', () => {
  it('renders a Cognito ID token the way API Gateway hands it to the integration', () => {
    const claims = {
      sub: 'a1b2',
      'cognito:groups': ['moderators'],
      'cognito:username': 'alice',
      email_verified: true,
      auth_time: 1700000000,
      exp: 1700003600,
      aud: 'client-id',
    };

    expect(stringifyJwtClaims(claims)).toEqual({
      sub: 'a1b2',
      'cognito:groups': '[moderators]',
      'cognito:username': 'alice',
      email_verified: 'true',
      auth_time: '1700000000',
      exp: '1700003600',
      aud: 'client-id',
    });
  });

  it.each([
    [['moderators', 'admins'], '[moderators admins]'],
    [[], '[]'],
    [[1, true], '[1 true]'],
    [false, 'false'],
    [1.5, '1.5'],
    [null, 'null'],
    [{ nested: 1 }, '{"nested":1}'],
  ])('renders %j as %s', (value, expected) => {
    expect(stringifyJwtClaims({ claim: value })).toEqual({ claim: expected });
  });
});

describe('jwtScopes', () => {
  it('splits an access token scope claim', () => {
    expect(jwtScopes({ scope: 'aws.cognito.signin.user.admin openid' })).toEqual(['aws.cognito.signin.user.admin', 'openid']);
  });

  it('is null for a token without scopes, such as an ID token', () => {
    expect(jwtScopes({ sub: 'a1b2' })).toBeNull();
  });
});
