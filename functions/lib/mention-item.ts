import type { MentionEvent, MentionNotice, MentionWithdrawal } from '../../core/mention-notice.ts';
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
 *
 * A withdrawal (the author deleted the message) is an item of the same list, `withdrawn` and
 * without author or excerpt (~100 B), at the position of its own store: a reader past the mention
 * meets it later in the list. Stored within the mention's first seconds it has the mention's own
 * key, and replaces it.
 */
export interface MentionItem {
  pk: string;
  sk: string;
  /** Only when the position is not the message's id. */
  messageId?: string;
  roomId: string;
  /** Set on a withdrawal, which has no author or excerpt. */
  withdrawn?: true;
  author?: MentionNotice['author'];
  excerpt?: string;
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

export function toMentionItem(sub: string, event: MentionEvent, nowMs: number): MentionItem {
  const sk = mentionPosition(event.messageId, nowMs);
  return {
    pk: mentionListPk(sub),
    sk,
    ...(sk === event.messageId ? {} : { messageId: event.messageId }),
    roomId: event.roomId,
    ...(event.type === 'mention.withdrawn' ? { withdrawn: true as const } : { author: event.author, excerpt: event.excerpt }),
    expiresAt: Math.floor(nowMs / 1000) + MENTION_LIST_DAYS * 24 * 60 * 60,
  };
}

/** The notice or withdrawal an item stores; its fields are checked by the app (`checkMentionList`). */
export function fromMentionItem(item: Record<string, unknown>): MentionEvent {
  const roomId = item.roomId as string;
  const messageId = (item.messageId as string | undefined) ?? (item.sk as string);
  if (item.withdrawn === true) return { type: 'mention.withdrawn', roomId, messageId } satisfies MentionWithdrawal;
  return { type: 'mention', roomId, messageId, author: item.author as MentionNotice['author'], excerpt: item.excerpt as string };
}
