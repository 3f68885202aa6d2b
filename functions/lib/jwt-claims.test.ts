import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { listClaim, readJwtCaller } from './jwt-claims.ts';

function eventWith(claims: Record<string, string>): APIGatewayProxyEventV2WithJWTAuthorizer {
  return { requestContext: { authorizer: { jwt: { claims, scopes: null } } } } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('JWT claims from the HTTP API authorizer', () => {
  it.each([
    ['[moderators admins]', ['moderators', 'admins']],
    ['[moderators]', ['moderators']],
    ['[]', []],
    ['moderators', ['moderators']],
    ['["moderators","admins"]', ['moderators', 'admins']],
    [['moderators'], ['moderators']],
    [undefined, []],
    ['', []],
  ])('reads the list claim %j as %j', (value, expected) => {
    expect(listClaim(value)).toEqual(expected);
  });

  it('reads sub, the stringified groups and the profile claims', () => {
    const claims = { sub: 'u-1', username: 'u-1', 'cognito:groups': '[moderators]', 'parley:handle': 'ada', 'parley:display_name': 'Ada', preferred_username: 'Admin' };

    expect(readJwtCaller(eventWith(claims))).toEqual({
      sub: 'u-1',
      groups: ['moderators'],
      profile: { sub: 'u-1', handle: 'ada', displayName: 'Ada', moderator: true },
    });
  });

  it('has no profile for a token without profile claims, whatever preferred_username says', () => {
    expect(readJwtCaller(eventWith({ sub: 'u-1', preferred_username: 'Ada', name: 'Ada' })).profile).toBeNull();
  });

  it('treats a missing authorizer as an anonymous caller', () => {
    const event = { requestContext: {} } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

    expect(readJwtCaller(event)).toEqual({ sub: undefined, groups: [], profile: null });
  });
});
