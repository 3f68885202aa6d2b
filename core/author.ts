/**
 * Who published, derived from AppSync's `ctx.identity`. Kept inside the APPSYNC_JS subset: the
 * `chat` and `signals` handlers stamp authors with it, so a client can never choose its own.
 */
import type { Author } from './messages.ts';

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * The author for a Cognito user identity (`sub`, `username`, `claims`), or null for any other
 * identity (IAM, API key, none). `displayName` is `preferred_username`, else `name`, else
 * `username`.
 */
export function authorFromIdentity(identity: unknown): Author | null {
  if (typeof identity !== 'object' || identity === null) {
    return null;
  }
  const fields = identity as Record<string, unknown>;
  const sub = nonEmptyString(fields.sub);
  const username = nonEmptyString(fields.username);
  if (sub === null || username === null) {
    return null;
  }
  const claims =
    typeof fields.claims === 'object' && fields.claims !== null ? (fields.claims as Record<string, unknown>) : {};
  const displayName = nonEmptyString(claims.preferred_username) ?? nonEmptyString(claims.name) ?? username;
  return { sub, username, displayName };
}

/**
 * True for an AWS_IAM identity (it carries `userArn`): a server-side publisher such as the
 * moderation Lambda, trusted to publish the wire format as-is.
 */
export function isIamIdentity(identity: unknown): boolean {
  return (
    typeof identity === 'object' &&
    identity !== null &&
    typeof (identity as Record<string, unknown>).userArn === 'string'
  );
}
