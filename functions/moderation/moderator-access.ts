import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { MODERATORS_GROUP, NO_PROFILE } from '../../core/author.ts';
import type { Moderator } from '../../core/moderation.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { readJwtCaller } from '../lib/jwt-claims.ts';

/**
 * The caller, if they are a moderator; ForbiddenError (403) otherwise. The HTTP API's JWT
 * authorizer has already verified the token (no token is its 401); groups arrive stringified.
 * Audit entries name the moderator by the profile claims of that token, never by a Cognito
 * attribute, so a moderator without them (an old token) is asked to sign in again.
 */
export function requireModerator(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): Moderator {
  const caller = readJwtCaller(event);
  if (caller.sub === undefined || !caller.groups.includes(MODERATORS_GROUP)) {
    throw new ForbiddenError('Only moderators may use the moderation API');
  }
  if (caller.profile === null) throw new ForbiddenError(`Moderation refused: ${NO_PROFILE}`);
  return { sub: caller.profile.sub, handle: caller.profile.handle, displayName: caller.profile.displayName };
}
