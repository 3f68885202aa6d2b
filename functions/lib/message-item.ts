import type { Author, ChatMessage, HistoryItem } from '../../core/messages.ts';

/**
 * How a ChatMessage is stored in the `parley` table (see amplify/data/README.md).
 *
 * The primary key is derived from (author, room, clientMsgId), so "store once" is one conditional
 * put on one item; the room's order lives in gsi1 (`ROOM#<roomId>` / `MSG#<id>`). The author's
 * partition doubles as the moderation view of everything one user wrote.
 */
export interface MessageItem {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  type: 'message';
  id: string;
  roomId: string;
  text: string;
  author: Author;
  createdAt: string;
  clientMsgId: string;
}

export const MESSAGE_ORDER_INDEX = 'gsi1';

export function messageKey(roomId: string, authorSub: string, clientMsgId: string): { pk: string; sk: string } {
  return { pk: `AUTHOR#${authorSub}`, sk: `MSG#${roomId}#${clientMsgId}` };
}

/** gsi1 partition holding one room's messages in id order. */
export function roomTimelinePk(roomId: string): string {
  return `ROOM#${roomId}`;
}

/** gsi1 sort key of a message; also usable as an exclusive bound for `<` / `>` queries. */
export function timelineSk(messageId: string): string {
  return `MSG#${messageId}`;
}

export function toMessageItem(message: ChatMessage): MessageItem {
  return {
    ...messageKey(message.roomId, message.author.sub, message.clientMsgId),
    gsi1pk: roomTimelinePk(message.roomId),
    gsi1sk: timelineSk(message.id),
    type: 'message',
    id: message.id,
    roomId: message.roomId,
    text: message.text,
    author: message.author,
    createdAt: message.createdAt,
    clientMsgId: message.clientMsgId,
  };
}

/** The wire shape: copies the known fields only, so key attributes never leak to clients. */
export function fromMessageItem(item: Record<string, unknown>): ChatMessage {
  const author = item.author as Author;
  return {
    id: item.id as string,
    roomId: item.roomId as string,
    text: item.text as string,
    author: { sub: author.sub, username: author.username, displayName: author.displayName },
    createdAt: item.createdAt as string,
    clientMsgId: item.clientMsgId as string,
  };
}

/**
 * Moderation state on a message item (amplify/data/README.md): `status = 'removed'` plus the sparse
 * gsi2 keys `STATUS#removed` / `<id>` while removed; a visible message has neither.
 */
export const REMOVED_STATUS = 'removed';

export function isRemovedItem(item: Record<string, unknown>): boolean {
  return item.status === REMOVED_STATUS;
}

/** gsi2 partition of the messages with a moderation status. */
export function statusIndexPk(status: string): string {
  return `STATUS#${status}`;
}

/** What history shows members: the message, or only its place when a moderator removed it. */
export function toHistoryItem(item: Record<string, unknown>): HistoryItem {
  if (!isRemovedItem(item)) return fromMessageItem(item);
  return { id: item.id as string, roomId: item.roomId as string, createdAt: item.createdAt as string, removed: true };
}
