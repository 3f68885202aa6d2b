import { codePointLength, sanitizeText } from '../../core/sanitize.ts';

/**
 * The app's half of the shared text rules: NFC first (the handler does `util.str.normalize(text,
 * 'nfc')`; `core/` cannot), then `core/sanitize.ts` decides. Pure.
 */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/** What the server will count for this draft: code points of the NFC, sanitized text. */
export function countCharacters(draft: string): number {
  return codePointLength(sanitizeText(toNfc(draft)));
}
