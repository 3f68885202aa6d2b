/**
 * Validation of what a client publishes on a room channel. Shared by the `chat` handler (the
 * authority) and the app (to fail fast before sending). Kept inside the APPSYNC_JS subset.
 *
 * The text is sanitized here too (`core/sanitize.ts`), so what it returns is what gets stored.
 * It must already be NFC: APPSYNC_JS cannot normalize in core code, so the handler calls
 * `util.str.normalize(text, 'nfc')` first and the app `text.normalize('NFC')`.
 */
import type { PublishedMessage } from './messages.ts';
import { checkMessageText } from './sanitize.ts';

export { MESSAGE_TEXT_MAX_LENGTH } from './sanitize.ts';

const HEX_DIGITS = '0123456789abcdefABCDEF';
const UUID_DASH_POSITIONS = [8, 13, 18, 23];

export type MessageValidation = { ok: true; message: PublishedMessage } | { ok: false; error: string };

/** `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex, either case (checked without a regex). */
export function isUuid(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length === 36 &&
    value
      .split('')
      .every((c, i) => (UUID_DASH_POSITIONS.includes(i) ? c === '-' : HEX_DIGITS.includes(c)))
  );
}

/**
 * Checks one published payload (with NFC text). On success returns only the known fields
 * (`type`, `clientMsgId`, `text`), with the text sanitized: anything else the client sent, such
 * as a forged `author`, is dropped.
 */
export function validateMessage(payload: unknown): MessageValidation {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, error: 'Event payload must be an object' };
  }
  const fields = payload as Record<string, unknown>;
  if (fields.type !== 'message') {
    return { ok: false, error: 'Event payload type must be "message"' };
  }
  const clientMsgId = fields.clientMsgId;
  if (!isUuid(clientMsgId)) {
    return { ok: false, error: 'clientMsgId must be a UUID' };
  }
  const text = fields.text;
  if (typeof text !== 'string') {
    return { ok: false, error: 'text must be a string' };
  }
  const checked = checkMessageText(text);
  if (!checked.ok) {
    return { ok: false, error: checked.error };
  }
  return { ok: true, message: { type: 'message', clientMsgId, text: checked.text } };
}
