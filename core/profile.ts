/**
 * The profile HTTP API (`GET /me`, `PUT /me`) and the token claims that carry a profile to the
 * Event API, shared by the `profile` Lambda, the pre-token-generation trigger, the `chat` and
 * `signals` handlers and the app. Inside the APPSYNC_JS subset like the rest of `core/`.
 */
import { type Checked, isNonEmptyString, isRecord, refuse } from './checked.ts';
import { checkDisplayName, checkHandle } from './names.ts';

/**
 * An account as others see it: `GET /me` answers it, and every message carries its author's as
 * they were when it was sent. `moderator` comes from the token's groups, never from a client.
 */
export interface Profile {
  sub: string;
  /** Unique, `[a-z0-9_]{3,20}` (core/names.ts); shown as `@handle`. */
  handle: string;
  /** Sanitized free text, 1–40 code points, imitating no other account's name or handle. */
  displayName: string;
  moderator: boolean;
}

/**
 * The access-token claims the pre-token-generation trigger sets from the stored profile, which
 * the handlers read instead of any Cognito attribute. Nobody can set these through Cognito: no
 * user attribute has these names (custom attributes are `custom:` names), and the trigger
 * overwrites them on every token it issues.
 */
export const HANDLE_CLAIM = 'parley:handle';
export const DISPLAY_NAME_CLAIM = 'parley:display_name';

/** Name changes (display name or handle) an account may make in a rolling day. */
export const NAME_CHANGES_PER_DAY = 5;

/** Body of `PUT /me`: what to change. At least one field; each is checked by core/names.ts. */
export interface ProfileUpdate {
  displayName?: string;
  handle?: string;
}

export type ProfileField = keyof ProfileUpdate;

/**
 * Body of a refused `PUT /me` (400 malformed, 409 taken or imitating, 429 too many changes):
 * the reason, and which field it is about when it is about one, so the app shows it there.
 */
export interface ProfileRefusal {
  message: string;
  field?: ProfileField;
}

/** A profile as `GET /me`, `PUT /me` or a message's `author` carries it. */
export function checkProfile(value: unknown): Checked<Profile> {
  if (!isRecord(value)) return refuse('expected { sub, handle, displayName, moderator }');
  if (!isNonEmptyString(value.sub)) return refuse('sub must be a non-empty string');
  if (!isNonEmptyString(value.handle)) return refuse('handle must be a non-empty string');
  if (!isNonEmptyString(value.displayName)) return refuse('displayName must be a non-empty string');
  if (typeof value.moderator !== 'boolean') return refuse('moderator must be a boolean');
  return { ok: true, value: { sub: value.sub, handle: value.handle, displayName: value.displayName, moderator: value.moderator } };
}

/**
 * A `PUT /me` body, its names sanitized and checked (NFC is the caller's step, as for all names).
 * The refusal says which field is wrong.
 */
export function checkProfileUpdate(value: unknown): Checked<ProfileUpdate> & { field?: ProfileField } {
  if (!isRecord(value)) return refuse('body must be { displayName?, handle? }');
  const update: ProfileUpdate = {};
  if (value.displayName !== undefined) {
    const name = checkDisplayName(value.displayName);
    if (!name.ok) return { ok: false, error: name.error, field: 'displayName' };
    update.displayName = name.value;
  }
  if (value.handle !== undefined) {
    const handle = checkHandle(value.handle);
    if (!handle.ok) return { ok: false, error: handle.error, field: 'handle' };
    update.handle = handle.value;
  }
  if (update.displayName === undefined && update.handle === undefined) return refuse('body must set displayName or handle');
  return { ok: true, value: update };
}

/** A refusal body as the profile API sends it. */
export function checkProfileRefusal(value: unknown): Checked<ProfileRefusal> {
  if (!isRecord(value) || typeof value.message !== 'string') return refuse('expected { message, field? }');
  const field = value.field === 'displayName' || value.field === 'handle' ? value.field : undefined;
  return { ok: true, value: field === undefined ? { message: value.message } : { message: value.message, field } };
}
