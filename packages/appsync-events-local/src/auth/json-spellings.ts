/**
 * The spellings a client may have signed for a JSON body the service only sees re-serialized.
 * AppSync Events re-serializes WebSocket frames before checking SigV4, so clients whose
 * serializer escapes differently (Swift escapes `/`, others `<`, `>`, `&` or non-ASCII) would
 * otherwise fail with a signature mismatch. Pure.
 */

/** `body` first, then its compact `JSON.stringify` form and that form's escaped variants, without duplicates. */
export function jsonSpellings(body: string): string[] {
  let compact: string;
  try {
    compact = JSON.stringify(JSON.parse(body));
  } catch {
    return [body];
  }
  // Outside strings, JSON has no `/`, `<`, `>`, `&` or non-ASCII, so plain replacement is exact.
  const variants = [
    body,
    compact,
    compact.replaceAll('/', '\\/'),
    compact.replace(/[<>&]/g, unicodeEscape),
    compact.replace(/[\u0080-\uffff]/g, unicodeEscape),
  ];
  return [...new Set(variants)];
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
