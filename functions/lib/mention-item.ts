import type { MentionNotice } from '../../core/mention-notice.ts';
import { MENTION_LIST_DAYS } from '../../core/mention-list.ts';

/**
 * A member's stored mention: `MENTION#<sub>` / `<messageId>` (message ids sort in time order
 * across rooms, so the partition is the member's mentions oldest first). The notice's fields
 * beside the keys, `expiresAt` (the table's TTL) `MENTION_LIST_DAYS` after it was stored. ~300 B.
 */
export interface MentionItem {
  pk: string;
  sk: string;
  roomId: string;
  author: MentionNotice['author'];
  excerpt: string;
  expiresAt: number;
}

export function mentionListPk(sub: string): string {
  return `MENTION#${sub}`;
}

export function toMentionItem(sub: string, notice: MentionNotice, nowMs: number): MentionItem {
  return {
    pk: mentionListPk(sub),
    sk: notice.messageId,
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
    messageId: item.sk as string,
    author: item.author as MentionNotice['author'],
    excerpt: item.excerpt as string,
  };
}
