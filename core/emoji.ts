/**
 * Whether a reaction's `emoji` is exactly one emoji: one RGI emoji sequence (Unicode's
 * recommended-for-general-interchange set, skin tones and ZWJ sequences included), nothing before
 * or after it. The `persist-messages` Lambda decides with it before a reaction is stored; the app
 * checks with it before sending one.
 *
 * Not APPSYNC_JS (a regular expression with the `v` flag, which AppSync's runtime lacks): the
 * handlers check only the field's shape (`hasEmojiShape`) and never import this file.
 */

// Built at run time: the `v` flag (Unicode sets, and with it `\p{RGI_Emoji}`) is ES2024, newer
// than the syntax the type checker targets; Node 20 and every browser the app supports have it.
const SINGLE_RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

export function isSingleEmoji(value: unknown): value is string {
  return typeof value === 'string' && SINGLE_RGI_EMOJI.test(value);
}
