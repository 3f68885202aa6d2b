/**
 * The rules for names people see: display names, handles and room names. Shared by the Lambdas
 * that store them (the authority) and the app (input limits, pre-checks). Inside the APPSYNC_JS
 * subset like the rest of `core/`: no regex, no `normalize` (the caller's step, before
 * `sanitizeName`: NFC for display names, NFKC for room names), characters compared as strings.
 *
 * Whether a name imitates another (its confusable skeleton) needs Unicode's confusables data and
 * is decided on the server (functions/lib/skeleton.ts); these rules only say what a name may be.
 */
import { type Checked, refuse } from './checked.ts';
import { ROOM_NAME_MAX_LENGTH } from './limits.ts';
import { codePointLength } from './sanitize.ts';

/** Longest display name, in code points after sanitizing. */
export const DISPLAY_NAME_MAX_LENGTH = 40;
export const HANDLE_MIN_LENGTH = 3;
export const HANDLE_MAX_LENGTH = 20;
/** Characters `handleBase` leaves free for the digits that make a handle unique. */
export const HANDLE_SUFFIX_ROOM = 5;

/**
 * Words no display name or handle may be, or imitate: each would let a member pass as the
 * product or its staff. Compared by confusable skeleton, so "Аdmin" and "m0d" count too.
 */
export const RESERVED_NAMES: readonly string[] = [
  'moderator',
  'mod',
  'admin',
  'administrator',
  'system',
  'parley',
  'support',
  'staff',
];

/**
 * Unicode's format characters (general category Cf) as UTF-16 ranges, the supplementary ones by
 * their surrogate pairs: zero-width spaces and joiners, bidi marks, embeddings, overrides and
 * isolates, the soft hyphen, word joiners, the BOM, and the invisible tags. A name keeps none of
 * them, because each can make two different names look the same or reorder what follows.
 * core/names.test.ts checks this table against the runtime's `\p{Cf}` (plus U+2065, below).
 */
const FORMAT_RANGES: string[][] = [
  ['\u00AD', '\u00AD'],
  ['\u0600', '\u0605'],
  ['\u061C', '\u061C'],
  ['\u06DD', '\u06DD'],
  ['\u070F', '\u070F'],
  ['\u0890', '\u0891'],
  ['\u08E2', '\u08E2'],
  ['\u180E', '\u180E'],
  ['\u200B', '\u200F'],
  ['\u202A', '\u202E'],
  // U+2065 is not assigned, but the whole block is default-ignorable: a font draws nothing for it.
  ['\u2060', '\u206F'],
  ['\uFEFF', '\uFEFF'],
  ['\uFFF9', '\uFFFB'],
];

/** Supplementary format characters, as (high surrogate, low surrogate range). */
const FORMAT_PAIRS: string[][] = [
  ['\uD804', '\uDCBD', '\uDCBD'], // U+110BD
  ['\uD804', '\uDCCD', '\uDCCD'], // U+110CD
  ['\uD80D', '\uDC30', '\uDC3F'], // U+13430–U+1343F
  ['\uD82F', '\uDCA0', '\uDCA3'], // U+1BCA0–U+1BCA3
  ['\uD834', '\uDD73', '\uDD7A'], // U+1D173–U+1D17A
  ['\uDB40', '\uDC01', '\uDC01'], // U+E0001
  ['\uDB40', '\uDC20', '\uDC7F'], // U+E0020–U+E007F
];

/**
 * Characters that render as nothing although they are letters or marks: the Hangul fillers and
 * the combining grapheme joiner. A name made of them would look blank.
 */
const INVISIBLE = ['\u034F', '\u115F', '\u1160', '\u3164', '\uFFA0'];

/** Spaces of every width, line and paragraph separators, tabs and line breaks: all become one space. */
const SPACES = [
  '\t', '\n', '\u000B', '\u000C', '\r', ' ', '\u0085', '\u00A0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003',
  '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200A', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000',
];

function isControl(c: string): boolean {
  return c < ' ' || (c >= '\u007F' && c <= '\u009F');
}

function inRanges(c: string, ranges: string[][]): boolean {
  return ranges.some((range) => c >= (range[0] ?? '') && c <= (range[1] ?? ''));
}

/** Splits into code points without `Array.from` on strings (a surrogate pair stays together, a lone surrogate is its own item). */
export function codePoints(text: string): string[] {
  const units = text.split('');
  return units.reduce<string[]>((acc, c, i) => {
    const previous = units[i - 1] ?? '';
    if (c >= '\uDC00' && c <= '\uDFFF' && previous >= '\uD800' && previous <= '\uDBFF' && acc.length > 0) {
      acc[acc.length - 1] = acc[acc.length - 1] + c;
      return acc;
    }
    acc.push(c);
    return acc;
  }, []);
}

function isFormatPair(point: string): boolean {
  if (point.length !== 2) return false;
  const high = point.slice(0, 1);
  const low = point.slice(1);
  return FORMAT_PAIRS.some((pair) => high === pair[0] && low >= (pair[1] ?? '') && low <= (pair[2] ?? ''));
}

function isLoneSurrogate(point: string): boolean {
  return point.length === 1 && point >= '\uD800' && point <= '\uDFFF';
}

/** True for a code point a name drops: controls, format characters, invisible fillers, lone surrogates. */
function isDropped(point: string): boolean {
  if (point.length !== 1) return isFormatPair(point);
  if (SPACES.includes(point)) return false;
  return isControl(point) || inRanges(point, FORMAT_RANGES) || INVISIBLE.includes(point) || isLoneSurrogate(point);
}

/**
 * Sanitizes an NFC name: drops controls, format characters (`Cf`), invisible fillers and lone
 * surrogates; turns every run of spaces, tabs and line breaks into one space; trims. Idempotent.
 * Everything else stays: accents, any script, emoji (a ZWJ sequence becomes its separate emoji,
 * since the joiner is a format character).
 */
export function sanitizeName(text: string): string {
  const kept = codePoints(text).filter((point) => !isDropped(point));
  const words = kept
    .map((point) => (SPACES.includes(point) ? ' ' : point))
    .join('')
    .split(' ')
    .filter((word) => word !== '');
  return words.join(' ');
}

function checkName(value: unknown, what: string, maxLength: number): Checked<string> {
  if (typeof value !== 'string') return refuse(`${what} must be a string`);
  const name = sanitizeName(value);
  const length = codePointLength(name);
  if (length < 1) return refuse(`${what} is empty after removing spaces, controls and invisible characters`);
  if (length > maxLength) return refuse(`${what} must be at most ${maxLength} characters (it has ${length})`);
  return { ok: true, value: name };
}

/** A display name after sanitizing (NFC first), 1–`DISPLAY_NAME_MAX_LENGTH` code points. */
export function checkDisplayName(value: unknown): Checked<string> {
  return checkName(value, 'displayName', DISPLAY_NAME_MAX_LENGTH);
}

/** A room name after sanitizing (NFKC first: functions/lib/room-name.ts), by the display-name rules, 1–`ROOM_NAME_MAX_LENGTH` code points. */
export function checkRoomName(value: unknown): Checked<string> {
  return checkName(value, 'name', ROOM_NAME_MAX_LENGTH);
}

const HANDLE_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

/**
 * A handle: `[a-z0-9_]{3,20}`. Upper-case ASCII is accepted and lowered (people type "@Alice"),
 * and a leading `@` is dropped; anything else outside the alphabet is refused, not replaced.
 */
export function checkHandle(value: unknown): Checked<string> {
  if (typeof value !== 'string') return refuse('handle must be a string');
  const text = value.startsWith('@') ? value.slice(1) : value;
  const handle = text.toLowerCase();
  const length = handle.length;
  if (length < HANDLE_MIN_LENGTH || length > HANDLE_MAX_LENGTH) {
    return refuse(`handle must be ${HANDLE_MIN_LENGTH}–${HANDLE_MAX_LENGTH} characters`);
  }
  if (!handle.split('').every((c) => HANDLE_CHARACTERS.includes(c))) {
    return refuse('handle may contain only letters a–z, digits and _');
  }
  return { ok: true, value: handle };
}

/**
 * The handle an account starts from, from its email's local part: lower-cased, a `+tag` dropped,
 * every run of other characters turned into one `_`, `_` trimmed from the ends, cut to leave room
 * for a uniqueness suffix, and padded to the minimum length with `_`. The result is a valid
 * handle; the server makes it unique (and unreserved) by appending digits.
 */
export function handleBase(email: string): string {
  const at = email.lastIndexOf('@');
  const local = (at >= 0 ? email.slice(0, at) : email).toLowerCase();
  const plus = local.indexOf('+');
  const untagged = plus >= 0 ? local.slice(0, plus) : local;
  const mapped = untagged
    .split('')
    .map((c) => (HANDLE_CHARACTERS.includes(c) ? c : '_'))
    .join('')
    .split('_')
    .filter((part) => part !== '')
    .join('_');
  const base = mapped.slice(0, HANDLE_MAX_LENGTH - HANDLE_SUFFIX_ROOM);
  const trimmed = base.endsWith('_') ? base.slice(0, -1) : base;
  const name = trimmed === '' ? 'member' : trimmed;
  return name.length >= HANDLE_MIN_LENGTH ? name : (name + '___').slice(0, HANDLE_MIN_LENGTH);
}
