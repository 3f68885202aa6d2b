/**
 * Limits the app and the server both apply: the server enforces them, and the app uses the same
 * numbers for its input limits and its own throttles, so a well-behaved client never hits a
 * server refusal. Lengths count UTF-16 code units, as JavaScript's `length` and HTML's
 * `maxlength` do. Message text and moderation limits live beside their contracts
 * (`sanitize.ts`, `moderation.ts`).
 */

/**
 * At most one typing signal per user per this many milliseconds: `throttle-signals` drops the
 * extras, and the app does not send them.
 */
export const TYPING_SIGNAL_INTERVAL_MS = 2000;

/**
 * Longest room name `POST /rooms` and a moderator's rename accept, in code points after sanitizing
 * (`checkRoomName` in names.ts). The app's input counts UTF-16 units against it, which is never more.
 */
export const ROOM_NAME_MAX_LENGTH = 50;

/** Longest text search (`q`) `GET /moderation/messages` accepts, after trimming. */
export const MODERATION_QUERY_MAX_LENGTH = 200;

/** Longest author or moderator name the moderation filters accept, after trimming. */
export const MODERATION_NAME_MAX_LENGTH = 128;

/**
 * How many items a page of history or of a moderation listing holds when the caller does not say:
 * the app asks for this many. The server accepts `limit` from 1 to `PAGE_SIZE_MAX`.
 */
export const PAGE_SIZE = 50;

/** The largest `limit` a history or moderation listing accepts. */
export const PAGE_SIZE_MAX = 100;

/** A reply's excerpt of the message it answers, in code points (cut by the server, never refused). */
export const REPLY_EXCERPT_MAX_LENGTH = 140;

/** Distinct emoji on one message; a reaction with a 21st is refused per event. */
export const MAX_REACTION_EMOJI = 20;

/**
 * The longest `emoji` field accepted before the RGI check, in UTF-16 code units: the longest RGI
 * sequences (a couple with two skin tones and ZWJs) are 15 code points, under 32 units.
 */
export const EMOJI_MAX_UNITS = 32;

/** Distinct `@handle` mentions resolved per message; more are left as plain text. */
export const MAX_MENTIONS = 20;
