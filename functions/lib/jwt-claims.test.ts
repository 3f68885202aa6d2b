import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { listClaim, readJwtCaller } from './jwt-claims.ts';

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

  it('reads sub, username and the stringified groups', () => {
    const event = {
      requestContext: {
        authorizer: { jwt: { claims: { sub: 'u-1', 'cognito:username': 'ada', 'cognito:groups': '[moderators]' }, scopes: null } },
      },
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

    expect(readJwtCaller(event)).toEqual({ sub: 'u-1', username: 'ada', groups: ['moderators'] });
  });

  it('treats a missing authorizer as an anonymous caller', () => {
    const event = { requestContext: {} } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

    expect(readJwtCaller(event)).toEqual({ sub: undefined, username: undefined, groups: [] });
  });
});
