/**
 * Validation of what a client publishes on a room channel. Shared by the `chat` handler (the
 * authority) and the app (to fail fast before sending). Kept inside the APPSYNC_JS subset.
 *
 * The text is sanitized here too (`core/sanitize.ts`), so what it returns is what gets stored.
 * It must already be NFC: APPSYNC_JS cannot normalize in core code, so the handler calls
 * `util.str.normalize(text, 'nfc')` first and the app `text.normalize('NFC')`.
 */
import { EMOJI_MAX_UNITS } from './limits.ts';
import { isMessageId } from './message-id.ts';
import type { PublishedChatEvent, PublishedMessage } from './messages.ts';
import { checkMessageText } from './sanitize.ts';

export { MESSAGE_TEXT_MAX_LENGTH } from './sanitize.ts';

const HEX_DIGITS = '0123456789abcdefABCDEF';
const UUID_DASH_POSITIONS = [8, 13, 18, 23];

export type MessageValidation = { ok: true; message: PublishedMessage } | { ok: false; error: string };

export type ChatEventValidation = { ok: true; event: PublishedChatEvent } | { ok: false; error: string };

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
  const replyTo = fields.replyTo;
  if (replyTo === undefined || replyTo === null) {
    return { ok: true, message: { type: 'message', clientMsgId, text: checked.text } };
  }
  if (!isMessageId(replyTo)) {
    return { ok: false, error: 'replyTo must be a message id' };
  }
  return { ok: true, message: { type: 'message', clientMsgId, text: checked.text, replyTo } };
}

/**
 * The shape of an `emoji` field, which APPSYNC_JS can check: a non-empty string of at most
 * `EMOJI_MAX_UNITS` UTF-16 units with no ASCII character (so no text, space or markup). Whether it
 * is exactly one RGI emoji is decided where Unicode's emoji properties are at hand
 * (`core/emoji.ts`: the Lambda before it stores a reaction, and the app before it sends one).
 */
export function hasEmojiShape(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= EMOJI_MAX_UNITS &&
    value.split('').every((c) => c > '\u007f')
  );
}

/**
 * Checks one published chat payload (with NFC text) of any type: a message, an edit, a delete or a
 * reaction. Returns only the known fields, the text sanitized. An unknown `type` is refused, as
 * are fields of the wrong type.
 */
export function validateChatEvent(payload: unknown): ChatEventValidation {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, error: 'Event payload must be an object' };
  }
  const fields = payload as Record<string, unknown>;
  if (fields.type === 'message') {
    const message = validateMessage(payload);
    return message.ok ? { ok: true, event: message.message } : message;
  }
  if (fields.type !== 'edit' && fields.type !== 'delete' && fields.type !== 'reaction') {
    return { ok: false, error: 'Event payload type must be "message", "edit", "delete" or "reaction"' };
  }
  const messageId = fields.messageId;
  if (!isMessageId(messageId)) {
    return { ok: false, error: 'messageId must be a message id' };
  }
  if (fields.type === 'delete') {
    return { ok: true, event: { type: 'delete', messageId } };
  }
  if (fields.type === 'edit') {
    if (typeof fields.text !== 'string') {
      return { ok: false, error: 'text must be a string' };
    }
    const checked = checkMessageText(fields.text);
    return checked.ok ? { ok: true, event: { type: 'edit', messageId, text: checked.text } } : { ok: false, error: checked.error };
  }
  if (!hasEmojiShape(fields.emoji)) {
    return { ok: false, error: 'emoji must be one emoji' };
  }
  if (typeof fields.add !== 'boolean') {
    return { ok: false, error: 'add must be a boolean' };
  }
  return { ok: true, event: { type: 'reaction', messageId, emoji: fields.emoji, add: fields.add } };
}
