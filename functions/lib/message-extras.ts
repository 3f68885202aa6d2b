import type { Author, ChatMessage, Mention, ReplyRef } from '../../core/messages.ts';

/**
 * The attributes a message item gains after it is stored, or that only some messages carry
 * (amplify/data/README.md, "Message items"). One-letter names like the rest of the item: a history
 * page reads 51 items and DynamoDB bills attribute names as bytes.
 * - `e`, `x`, `pv`: editedAt, deletedAt and previous versions (`[{t, at}]`), only on messages
 *   edited or deleted before those moved to the message's overlay item (overlay-item.ts), where
 *   `t` is the text as last edited. Read as they are; nothing writes them now.
 * - `r`: the reply's reference, `{i, s, h, d, m?, q}` (id, author, excerpt).
 * - `n`: mentions, `[{s, h}]` (sub, handle).
 */
export interface MessageExtras {
  e?: string;
  x?: string;
  pv?: PreviousVersion[];
  r?: { i: string; s: string; h: string; d: string; m?: true; q: string };
  n?: { s: string; h: string }[];
}

/** A text an edit replaced, and the time of that edit. */
export interface PreviousVersion {
  t: string;
  at: string;
}

export function toExtras(message: ChatMessage): MessageExtras {
  const { replyTo, mentions } = message;
  return {
    ...(message.editedAt === undefined ? {} : { e: message.editedAt }),
    ...(replyTo === undefined ? {} : { r: toReplyItem(replyTo) }),
    ...(mentions === undefined || mentions.length === 0 ? {} : { n: toMentionItems(mentions) }),
  };
}

export function toMentionItems(mentions: Mention[]): { s: string; h: string }[] {
  return mentions.map((m) => ({ s: m.sub, h: m.handle }));
}

function toReplyItem(ref: ReplyRef): NonNullable<MessageExtras['r']> {
  const { author } = ref;
  return { i: ref.id, s: author.sub, h: author.handle, d: author.displayName, ...(author.moderator ? { m: true as const } : {}), q: ref.excerpt };
}

/** The optional ChatMessage fields an item carries. */
export function fromExtras(item: Record<string, unknown>): Pick<ChatMessage, 'editedAt' | 'replyTo' | 'mentions'> {
  const r = item.r as MessageExtras['r'];
  const n = item.n as MessageExtras['n'];
  return {
    ...(typeof item.e === 'string' ? { editedAt: item.e } : {}),
    ...(r ? { replyTo: { id: r.i, author: { sub: r.s, handle: r.h, displayName: r.d, moderator: r.m === true } satisfies Author, excerpt: r.q } } : {}),
    ...(n && n.length > 0 ? { mentions: n.map((m) => ({ sub: m.s, handle: m.h })) } : {}),
  };
}

export function isDeletedItem(item: Record<string, unknown>): boolean {
  return typeof item.x === 'string';
}

/** The texts an edit replaced, oldest first (moderators only). */
export function previousVersionsOf(item: Record<string, unknown>): PreviousVersion[] {
  return Array.isArray(item.pv) ? (item.pv as PreviousVersion[]) : [];
}
