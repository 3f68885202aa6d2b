/**
 * The sanitize rules for message text, shared by the `chat` handler (the authority) and the app
 * (to pre-check and to count characters the same way). Kept inside the APPSYNC_JS subset: no
 * regex, no `charCodeAt` (APPSYNC_JS lacks it), so characters are compared as strings, which
 * compares UTF-16 code units.
 *
 * NFC is the caller's step, because APPSYNC_JS has no `String.prototype.normalize`: the handler
 * calls `util.str.normalize(text, 'nfc')`, the app `text.normalize('NFC')`, before these functions.
 */

/** Maximum message length in Unicode code points (an emoji or a CJK character counts as one). */
export const MESSAGE_TEXT_MAX_LENGTH = 4000;

/** Consecutive blank lines kept; a longer run is cut to this many. */
export const MAX_BLANK_LINES = 2;

export type TextCheck = { ok: true; text: string; length: number } | { ok: false; error: string };

function isHighSurrogate(c: string): boolean {
  return c >= '\uD800' && c <= '\uDBFF';
}

function isLowSurrogate(c: string): boolean {
  return c >= '\uDC00' && c <= '\uDFFF';
}

/**
 * Characters removed outright: C0 controls except tab and newline (CR is handled as a line break
 * before this), DEL, C1 controls, and the bidi embeddings, overrides (U+202A–U+202E) and isolates
 * (U+2066–U+2069), which let a message reorder the text displayed after it.
 */
function isForbidden(c: string): boolean {
  return (
    (c < ' ' && c !== '\t' && c !== '\n') ||
    (c >= '\u007F' && c <= '\u009F') ||
    (c >= '\u202A' && c <= '\u202E') ||
    (c >= '\u2066' && c <= '\u2069')
  );
}

/** CRLF and lone CR become LF, so every platform's line breaks look alike. */
function normalizeLineBreaks(text: string): string {
  return text.split('\r\n').join('\n').split('\r').join('\n');
}

/**
 * Drops surrogates that are not part of a pair: they encode no character and cannot be stored as
 * UTF-8 (DynamoDB and JSON encoders would turn them into U+FFFD, a silent change).
 */
function dropUnpairedSurrogates(units: string[]): string[] {
  return units.filter((c, i) => {
    if (isHighSurrogate(c)) {
      return isLowSurrogate(units[i + 1] ?? '');
    }
    if (isLowSurrogate(c)) {
      return isHighSurrogate(units[i - 1] ?? '');
    }
    return true;
  });
}

/** Keeps at most `MAX_BLANK_LINES` consecutive blank (empty or whitespace-only) lines. */
function collapseBlankLines(text: string): string {
  const lines = text.split('\n');
  const kept = lines.reduce(
    (acc, line) => {
      acc.run = line.trim() === '' ? acc.run + 1 : 0;
      if (acc.run <= MAX_BLANK_LINES) {
        acc.lines.push(line);
      }
      return acc;
    },
    { run: 0, lines: [] as string[] },
  );
  return kept.lines.join('\n');
}

/**
 * Sanitizes NFC text: line breaks to LF; removes NUL and other C0 controls (tab and newline
 * stay), DEL, C1 controls, bidi overrides and isolates, and unpaired surrogates; collapses runs of
 * more than two blank lines; trims. Everything else is kept exactly: right-to-left scripts, CJK,
 * combining marks, ZWJ emoji sequences, flags, and `<`, `>`, `&` as plain text.
 * Idempotent: `sanitizeText(sanitizeText(x)) === sanitizeText(x)`.
 */
export function sanitizeText(text: string): string {
  const units = normalizeLineBreaks(text)
    .split('')
    .filter((c) => !isForbidden(c));
  return collapseBlankLines(dropUnpairedSurrogates(units).join('')).trim();
}

/** Length in code points (a surrogate pair counts once); what the 4,000 limit and the app's counter use. */
export function codePointLength(text: string): number {
  const units = text.split('');
  const trailing = units.filter((c, i) => isLowSurrogate(c) && isHighSurrogate(units[i - 1] ?? '')).length;
  return units.length - trailing;
}

/**
 * Sanitizes NFC text and applies the limits: empty after sanitizing, or more than
 * `MESSAGE_TEXT_MAX_LENGTH` code points after sanitizing, is rejected (never truncated).
 */
export function checkMessageText(text: string): TextCheck {
  const sanitized = sanitizeText(text);
  if (sanitized === '') {
    return { ok: false, error: 'text is empty after removing whitespace and control characters' };
  }
  const length = codePointLength(sanitized);
  if (length > MESSAGE_TEXT_MAX_LENGTH) {
    return { ok: false, error: `text must be at most ${MESSAGE_TEXT_MAX_LENGTH} characters (it has ${length})` };
  }
  return { ok: true, text: sanitized, length };
}
