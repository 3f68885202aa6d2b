import type { Author, ChatMessage, HistoryItem } from '../../core/messages.ts';
import { messageIdTime } from '../../core/message-id.ts';
import { fromExtras, isDeletedItem, type MessageExtras, toExtras } from './message-extras.ts';

/**
 * How a ChatMessage is stored in the `parley` table (see amplify/data/README.md).
 *
 * The primary key is derived from (author, room, clientMsgId), so "store once" is one conditional
 * put on one item; the room's order lives in gsi1 (`ROOM#<roomId>` / `MSG#<id>`). The author's
 * partition doubles as the moderation view of everything one user wrote.
 *
 * The item stores nothing its keys already hold (id, roomId, author sub, clientMsgId), and uses
 * one-letter attribute names: a history page reads 51 of these from gsi1, and DynamoDB bills the
 * summed bytes (names included) per 4 KB, so every byte per item counts 51 times.
 */
export interface MessageItem extends MessageExtras {
  /** `AUTHOR#<sub>` */
  pk: string;
  /** `MSG#<roomId>#<clientMsgId>` */
  sk: string;
  /** `ROOM#<roomId>` */
  gsi1pk: string;
  /** `MSG#<id>` */
  gsi1sk: string;
  /** text */
  t: string;
  /** author.handle */
  h: string;
  /** author.displayName */
  d: string;
  /** author.moderator, present only when true. */
  m?: true;
  /** createdAt; absent when it is the id's millisecond time, as it is unless the clock stepped back. */
  c?: string;
}

export const MESSAGE_ORDER_INDEX = 'gsi1';

const AUTHOR_PREFIX = 'AUTHOR#';
const MESSAGE_PREFIX = 'MSG#';
const ROOM_PREFIX = 'ROOM#';

export function messageKey(roomId: string, authorSub: string, clientMsgId: string): { pk: string; sk: string } {
  return { pk: authorPk(authorSub), sk: authorMessagesSkPrefix(roomId) + clientMsgId };
}

/** Table partition of everything one author wrote (and what the author directory points at). */
export function authorPk(authorSub: string): string {
  return `${AUTHOR_PREFIX}${authorSub}`;
}

/** Sort-key prefix of an author's messages: in one room, or in every room when `roomId` is absent. */
export function authorMessagesSkPrefix(roomId?: string): string {
  return roomId === undefined ? MESSAGE_PREFIX : `${MESSAGE_PREFIX}${roomId}#`;
}

/** gsi1 partition holding one room's messages in id order. */
export function roomTimelinePk(roomId: string): string {
  return `${ROOM_PREFIX}${roomId}`;
}

/** gsi1 sort key of a message; also usable as an exclusive bound for `<` / `>` queries. */
export function timelineSk(messageId: string): string {
  return `${MESSAGE_PREFIX}${messageId}`;
}

/** What ends an overlay's gsi1 sort key: `~` sorts after every character of an id. */
export const OVERLAY_SK_SUFFIX = '~';

/**
 * gsi1 sort key of a message's overlay (lib/overlay-item.ts): right after its message's and
 * before the next message's (ids have a fixed width), so the Query that reads a page of messages
 * reads their edits, deletes and reactions with them, at no extra request.
 */
export function overlayTimelineSk(messageId: string): string {
  return `${timelineSk(messageId)}${OVERLAY_SK_SUFFIX}`;
}

/** An overlay read from a room's gsi1 partition, which holds messages and their overlays. */
export function isTimelineOverlay(item: Record<string, unknown>): boolean {
  return typeof item.gsi1sk === 'string' && item.gsi1sk.endsWith(OVERLAY_SK_SUFFIX);
}

export function toMessageItem(message: ChatMessage): MessageItem {
  const { author } = message;
  return {
    ...messageKey(message.roomId, author.sub, message.clientMsgId),
    gsi1pk: roomTimelinePk(message.roomId),
    gsi1sk: timelineSk(message.id),
    t: message.text,
    h: author.handle,
    d: author.displayName,
    ...(author.moderator ? { m: true as const } : {}),
    ...(message.createdAt === idTimeIso(message.id) ? {} : { c: message.createdAt }),
    ...toExtras(message),
  };
}

/** The wire shape: copies the known fields only, so key attributes never leak to clients. */
export function fromMessageItem(item: Record<string, unknown>): ChatMessage {
  if (isLegacyItem(item)) return fromLegacyItem(item);
  const { id, roomId } = placeOf(item);
  const sub = (item.pk as string).slice(AUTHOR_PREFIX.length);
  return {
    id,
    roomId,
    text: item.t as string,
    author: authorOf(item, sub),
    createdAt: createdAtOf(item, id),
    clientMsgId: (item.sk as string).slice(messageKey(roomId, sub, '').sk.length),
    ...fromExtras(item),
  };
}

/**
 * The author as the item was stored. Items from before handles (no `h`) carried `u` (the Cognito
 * username, absent when it was the sub) and `d` (absent when it was the username): they read with
 * no handle, as no moderator, under the display name they were sent with.
 */
export function authorOf(item: Record<string, unknown>, sub: string): Author {
  if (typeof item.h === 'string') {
    return { sub, handle: item.h, displayName: item.d as string, moderator: item.m === true };
  }
  const displayName = (item.d as string | undefined) ?? (item.u as string | undefined) ?? sub;
  return { sub, handle: '', displayName, moderator: false };
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

/** The gsi2 keys a removed message carries: in the removed partition, in id order. */
export function removedIndexKeys(messageId: string): { gsi2pk: string; gsi2sk: string } {
  return { gsi2pk: statusIndexPk(REMOVED_STATUS), gsi2sk: messageId };
}

/**
 * What history shows members: the message, or only its place when a moderator removed it or its
 * author deleted it (a removal wins: it says more about why the text is gone).
 */
export function toHistoryItem(item: Record<string, unknown>): HistoryItem {
  if (!isRemovedItem(item) && !isDeletedItem(item)) return fromMessageItem(item);
  const { id, roomId } = isLegacyItem(item) ? { id: item.id as string, roomId: item.roomId as string } : placeOf(item);
  const createdAt = createdAtOf(item, id);
  return isRemovedItem(item) ? { id, roomId, createdAt, removed: true } : { id, roomId, createdAt, deleted: true };
}

/**
 * Items written before the compact layout (local data, deployed tables) carry every field under
 * its wire name, the author as a map (`{sub, username, displayName}`, from before handles):
 * `type`, `id`, `roomId`, `text`, `author`, `createdAt`, `clientMsgId`. Read as they are, the
 * author with no handle and as no moderator; nothing rewrites them.
 */
function isLegacyItem(item: Record<string, unknown>): boolean {
  return typeof item.author === 'object' && item.author !== null;
}

function fromLegacyItem(item: Record<string, unknown>): ChatMessage {
  const author = item.author as { sub: string; displayName: string };
  return {
    id: item.id as string,
    roomId: item.roomId as string,
    // An edit from before overlays wrote `t` on any item, this layout included.
    text: (item.t as string | undefined) ?? (item.text as string),
    author: { sub: author.sub, handle: '', displayName: author.displayName, moderator: false },
    createdAt: item.createdAt as string,
    clientMsgId: item.clientMsgId as string,
    ...fromExtras(item),
  };
}

/** id and roomId from the gsi1 keys, which every message item carries. */
function placeOf(item: Record<string, unknown>): { id: string; roomId: string } {
  return {
    id: (item.gsi1sk as string).slice(MESSAGE_PREFIX.length),
    roomId: (item.gsi1pk as string).slice(ROOM_PREFIX.length),
  };
}

function createdAtOf(item: Record<string, unknown>, id: string): string {
  return (item.c as string | undefined) ?? (item.createdAt as string | undefined) ?? idTimeIso(id);
}

/** Stored ids are always well-formed; the epoch stands in should one not be. */
function idTimeIso(id: string): string {
  return new Date(messageIdTime(id) ?? 0).toISOString();
}
