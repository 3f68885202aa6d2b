/**
 * A mention delivered on the mentioned member's own channel (`userChannel(sub)`), so it reaches
 * them whichever rooms their app has open. `persist-messages` publishes one per mentioned member
 * once the message is stored, and one per member an edit newly mentions; the app checks it with
 * `checkMentionNotice` before counting it, once per message id.
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
