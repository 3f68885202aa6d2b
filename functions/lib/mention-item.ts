import type { MentionNotice } from '../../core/mention-notice.ts';
import { MENTION_LIST_DAYS } from '../../core/mention-list.ts';
import { encodeIdTime, messageIdTime } from '../../core/message-id.ts';

/**
 * A member's stored mention: `MENTION#<sub>` / `<position>`, the position being when it was stored
 * in message-id form, so the partition is the member's mentions in the order they were stored,
 * across rooms, and "stored after" is a key condition that compares with message ids. For a new
 * message the position is its id. For an edit's mention of an older message it is the store time
 * with the id's random part, and `messageId` names the message: listed under the message's own id,
 * it would sort before mentions the member already heard, and an app reading "after the newest
 * one I heard" after a reconnect would miss it. The notice's fields beside the keys, `expiresAt`
 * (the table's TTL) `MENTION_LIST_DAYS` after it was stored. ~300 B.
 */
export interface MentionItem {
  pk: string;
  sk: string;
  /** Only when the position is not the message's id. */
  messageId?: string;
  roomId: string;
  author: MentionNotice['author'];
  excerpt: string;
  expiresAt: number;
}

/** A message this much older than its mention's store is an edited one, listed at the store time. */
const OLDER_MESSAGE_MS = 5_000;

/** Where a mention of `messageId` stored at `nowMs` sorts in the member's list. */
export function mentionPosition(messageId: string, nowMs: number): string {
  const sent = messageIdTime(messageId) ?? 0;
  if (sent >= nowMs - OLDER_MESSAGE_MS) return messageId;
  const time = encodeIdTime(nowMs);
  return `${time}${messageId.slice(time.length)}`;
}

export function mentionListPk(sub: string): string {
  return `MENTION#${sub}`;
}

export function toMentionItem(sub: string, notice: MentionNotice, nowMs: number): MentionItem {
  const sk = mentionPosition(notice.messageId, nowMs);
  return {
    pk: mentionListPk(sub),
    sk,
    ...(sk === notice.messageId ? {} : { messageId: notice.messageId }),
    roomId: notice.roomId,
    author: notice.author,
    excerpt: notice.excerpt,
    expiresAt: Math.floor(nowMs / 1000) + MENTION_LIST_DAYS * 24 * 60 * 60,
  };
}

/** The notice an item stores; its fields are checked by the app (`checkMentionList`). */
export function fromMentionItem(item: Record<string, unknown>): MentionNotice {
  return {
    type: 'mention',
    roomId: item.roomId as string,
    messageId: (item.messageId as string | undefined) ?? (item.sk as string),
    author: item.author as MentionNotice['author'],
    excerpt: item.excerpt as string,
  };
}
