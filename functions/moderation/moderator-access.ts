import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { MODERATORS_GROUP } from '../../amplify/definition.ts';
import type { Moderator } from '../../core/moderation.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { readJwtCaller } from '../lib/jwt-claims.ts';

/**
 * The caller, if they are a moderator; ForbiddenError (403) otherwise. The HTTP API's JWT
 * authorizer has already verified the token (no token is its 401); groups arrive stringified.
 */
export function requireModerator(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): Moderator {
  const caller = readJwtCaller(event);
  if (caller.sub === undefined || !caller.groups.includes(MODERATORS_GROUP)) {
    throw new ForbiddenError('Only moderators may use the moderation API');
  }
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const displayName = [claims.preferred_username, claims.name].find((value) => typeof value === 'string' && value !== '');
  return {
    sub: caller.sub,
    username: caller.username ?? caller.sub,
    ...(typeof displayName === 'string' ? { displayName } : {}),
  };
}
