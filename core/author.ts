/**
 * Who published, derived from the caller's token: AppSync's `ctx.identity` in the `chat` and
 * `signals` handlers, the access token's claims in the app and the moderation Lambda. Kept inside
 * the APPSYNC_JS subset. Names come only from the profile claims the pre-token-generation trigger
 * writes from the server-owned profile, never from a Cognito attribute (`preferred_username`,
 * `name`) a member can set to anything, and never from a payload.
 */
import type { Author } from './messages.ts';
import { checkHandle, sanitizeName } from './names.ts';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from './profile.ts';

/** The Cognito group whose members moderate: the moderation API and a message's moderator badge. */
export const MODERATORS_GROUP = 'moderators';

/** Why a signed-in user's publish is refused when their token carries no valid profile claims. */
export const NO_PROFILE = 'the token carries no Parley profile; sign in again';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * Group names as Cognito hands them over: an array (AppSync's `identity.groups`, a token's
 * `cognito:groups`), one name, or API Gateway's flattened `"[a b]"` (also `'["a","b"]'`).
 */
export function groupNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string');
  if (typeof value !== 'string') return [];
  const bare = ['[', ']', '"'].reduce((text, mark) => text.split(mark).join(''), value);
  return bare
    .split(',')
    .join(' ')
    .split(' ')
    .filter((group) => group !== '');
}

/**
 * The profile a token stands for, or null when any part is missing or invalid: `sub`; the handle
 * from `HANDLE_CLAIM`, which must already be a valid handle exactly as written; the display name
 * from `DISPLAY_NAME_CLAIM`, sanitized again (the trigger did, this is defence in depth) and not
 * empty after it; `moderator` when `groups` include `MODERATORS_GROUP`.
 */
export function profileFromClaims(sub: unknown, claims: unknown, groups: unknown): Author | null {
  const id = nonEmptyString(sub);
  if (id === null || !isObject(claims)) return null;
  const handle = checkHandle(claims[HANDLE_CLAIM]);
  if (!handle.ok || handle.value !== claims[HANDLE_CLAIM]) return null;
  const rawName = claims[DISPLAY_NAME_CLAIM];
  const displayName = typeof rawName === 'string' ? sanitizeName(rawName) : '';
  if (displayName === '') return null;
  return { sub: id, handle: handle.value, displayName, moderator: groupNames(groups).includes(MODERATORS_GROUP) };
}

/**
 * True for a Cognito user pool identity (it carries `sub`), whether or not its token carries a
 * profile; false for IAM, API key or none.
 */
export function isUserIdentity(identity: unknown): boolean {
  return isObject(identity) && nonEmptyString(identity.sub) !== null && !isIamIdentity(identity);
}

/**
 * The author for a Cognito user identity, or null for any other identity and for a token without
 * valid profile claims. Groups come from `identity.groups` (AppSync's list), else the
 * `cognito:groups` claim.
 */
export function authorFromIdentity(identity: unknown): Author | null {
  if (!isUserIdentity(identity)) return null;
  const fields = identity as Record<string, unknown>;
  const claims = isObject(fields.claims) ? fields.claims : {};
  const groups = Array.isArray(fields.groups) ? fields.groups : claims['cognito:groups'];
  return profileFromClaims(fields.sub, claims, groups);
}

/**
 * True for an AWS_IAM identity (it carries `userArn`): a server-side publisher such as the
 * moderation Lambda, trusted to publish the wire format as-is.
 */
export function isIamIdentity(identity: unknown): boolean {
  return isObject(identity) && typeof identity.userArn === 'string';
}
