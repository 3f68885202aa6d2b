/**
 * A mention delivered on the mentioned member's own channel (`userChannel(sub)`), so it reaches
 * them whichever rooms their app has open. `persist-messages` publishes one per mentioned member
 * once the message is stored, and one per member an edit newly mentions; the app checks it with
 * `checkMentionNotice` before counting it, once per message id. When the author deletes the
 * message, a withdrawal goes the same way, and the app stops counting it.
 */
import { type Checked, isNonEmptyString, isRecord, refuse } from './checked.ts';
import { isValidRoomId } from './channels.ts';
import type { ChatMessage } from './messages.ts';
import { codePoints } from './names.ts';
import { codePointLength } from './sanitize.ts';

/** Code points of the message text a notice carries. */
export const MENTION_EXCERPT_MAX_LENGTH = 140;

/** Who wrote the mentioning message: enough to say "Ada @ada mentioned you" without a read. */
export interface MentionNoticeAuthor {
  sub: string;
  handle: string;
  displayName: string;
}

/** `{ type: 'mention' }` on `/signals/users/<sub>`: the message `messageId` in `roomId` mentions the channel's member. */
export interface MentionNotice {
  type: 'mention';
  roomId: string;
  messageId: string;
  author: MentionNoticeAuthor;
  /** The message's (already sanitized) text, cut to `MENTION_EXCERPT_MAX_LENGTH` code points. */
  excerpt: string;
}

/** The notice of a stored message. */
export function mentionNoticeOf(message: ChatMessage): MentionNotice {
  const { sub, handle, displayName } = message.author;
  return {
    type: 'mention',
    roomId: message.roomId,
    messageId: message.id,
    author: { sub, handle, displayName },
    excerpt: codePoints(message.text).slice(0, MENTION_EXCERPT_MAX_LENGTH).join(''),
  };
}

/**
 * The subs a stored message notifies: everyone it mentions but its author, each once. A private
 * room's or DM's sender still checks that each is a member.
 */
export function mentionRecipients(message: ChatMessage): string[] {
  const subs = (message.mentions ?? []).map((m) => m.sub).filter((sub) => sub !== message.author.sub);
  return subs.filter((sub, i) => subs.indexOf(sub) === i);
}

/**
 * The subs an edit notifies: those `edited` mentions (its author aside) that `replaced`, the text
 * it replaced, did not, so nobody hears twice of one message. A mention an edit removes is not
 * taken back.
 */
export function newMentionRecipients(edited: ChatMessage, replaced: ChatMessage): string[] {
  const before = (replaced.mentions ?? []).map((m) => m.sub);
  return mentionRecipients(edited).filter((sub) => !before.includes(sub));
}

/**
 * `{ type: 'mention.withdrawn' }` on `/signals/users/<sub>`: the message `messageId` in `roomId`,
 * which mentioned the channel's member, was deleted by its author, so it no longer badges its room:
 * the badge would lead to a tombstone.
 */
export interface MentionWithdrawal {
  type: 'mention.withdrawn';
  roomId: string;
  messageId: string;
}

/** What a member's own channel and stored list of mentions carry. */
export type MentionEvent = MentionNotice | MentionWithdrawal;

export function mentionWithdrawalOf(message: Pick<ChatMessage, 'roomId' | 'id'>): MentionWithdrawal {
  return { type: 'mention.withdrawn', roomId: message.roomId, messageId: message.id };
}

/**
 * Whom a deleted message's withdrawal goes to: the members its first text or its last edit
 * mentioned (its author aside), each once. Someone an edit in between mentioned, and a later edit
 * took out, keeps the mention until they read the room.
 */
export function withdrawalRecipients(original: ChatMessage, last: ChatMessage): string[] {
  const subs = [...mentionRecipients(original), ...mentionRecipients(last)];
  return subs.filter((sub, i) => subs.indexOf(sub) === i);
}

/** A mention notice built from its known fields only, or what is wrong with `value`. */
export function checkMentionNotice(value: unknown): Checked<MentionNotice> {
  if (!isRecord(value) || value.type !== 'mention') return refuse('not a mention notice');
  if (!isValidRoomId(value.roomId)) return refuse('roomId: not a room id');
  if (!isNonEmptyString(value.messageId)) return refuse('messageId: missing');
  const author = value.author;
  if (!isRecord(author) || !isNonEmptyString(author.sub) || !isNonEmptyString(author.handle) || !isNonEmptyString(author.displayName)) {
    return refuse('author: needs sub, handle and displayName');
  }
  if (typeof value.excerpt !== 'string' || codePointLength(value.excerpt) > MENTION_EXCERPT_MAX_LENGTH) {
    return refuse(`excerpt: text of at most ${MENTION_EXCERPT_MAX_LENGTH} code points`);
  }
  return {
    ok: true,
    value: {
      type: 'mention',
      roomId: value.roomId,
      messageId: value.messageId,
      author: { sub: author.sub, handle: author.handle, displayName: author.displayName },
      excerpt: value.excerpt,
    },
  };
}

/** A withdrawal built from its known fields only, or what is wrong with `value`. */
export function checkMentionWithdrawal(value: unknown): Checked<MentionWithdrawal> {
  if (!isRecord(value) || value.type !== 'mention.withdrawn') return refuse('not a mention withdrawal');
  if (!isValidRoomId(value.roomId)) return refuse('roomId: not a room id');
  if (!isNonEmptyString(value.messageId)) return refuse('messageId: missing');
  return { ok: true, value: { type: 'mention.withdrawn', roomId: value.roomId, messageId: value.messageId } };
}

/** A notice or a withdrawal, by its `type`, or what is wrong with `value`. */
export function checkMentionEvent(value: unknown): Checked<MentionEvent> {
  return isRecord(value) && value.type === 'mention.withdrawn' ? checkMentionWithdrawal(value) : checkMentionNotice(value);
}
