/**
 * The history HTTP API's answers (`GET /rooms`, `GET /rooms/{roomId}`, `POST /rooms`,
 * `GET /rooms/{roomId}/messages`; a room itself is `rooms.ts`):
 * one type each, returned by the `history` and `create-room` Lambdas, and one check each, which
 * the app runs on what it receives instead of trusting a cast. Kept inside the APPSYNC_JS subset
 * like the rest of `core/`.
 */
import { type Checked, isRecord, refuse } from './checked.ts';
import type { DeletedMessage, HistoryItem, RemovedMessage } from './messages.ts';
import { checkRoom, type Room } from './rooms.ts';
import { isChatMessage } from './timeline-events.ts';

export type { Checked, Room };
export { checkRoom };

/** The path of a room (`GET`: the room, archived or not). Room ids need no escaping: `[a-z0-9-]` only. */
export function roomPath(roomId: string): string {
  return `/rooms/${roomId}`;
}

/** The path of a room's messages (`GET …?limit=&before=|after=`). Room ids need no escaping: `[a-z0-9-]` only. */
export function roomMessagesPath(roomId: string): string {
  return `/rooms/${roomId}/messages`;
}

/** The path of a private room's members (`GET`: the list; `POST {handle}`: an invitation). */
export function roomMembersPath(roomId: string): string {
  return `/rooms/${roomId}/members`;
}

/** `POST {handle}`: the DM of the caller and that handle's account. */
export const DMS_PATH = '/dms';

/** `owner`: the creator, or the oldest member once the owner left; may remove members. */
export type MemberRole = 'owner' | 'member';

/** One member of a private room or DM, with the names they had when added. */
export interface RoomMember {
  sub: string;
  handle: string;
  displayName: string;
  role: MemberRole;
}

/** `GET /rooms/{roomId}/members` (members only): every member, oldest first. */
export interface MemberList {
  items: RoomMember[];
}

export function checkMemberList(value: unknown): Checked<MemberList> {
  if (!isRecord(value) || !Array.isArray(value.items)) {
    return refuse('expected { items: RoomMember[] }');
  }
  const bad = value.items.findIndex(
    (item) =>
      !isRecord(item) ||
      typeof item.sub !== 'string' ||
      typeof item.handle !== 'string' ||
      typeof item.displayName !== 'string' ||
      (item.role !== 'owner' && item.role !== 'member'),
  );
  if (bad >= 0) {
    return refuse(`items[${bad}]: a member needs a string sub, handle and displayName and a role of owner or member`);
  }
  const items = value.items.map((item) => {
    const member = item as Record<string, unknown>;
    return { sub: member.sub as string, handle: member.handle as string, displayName: member.displayName as string, role: member.role as MemberRole };
  });
  return { ok: true, value: { items } };
}

/**
 * The most rooms one `GET /rooms` page holds. A public room answers with at most 429 B of JSON:
 * 54 B of field names and quotes (`kind` included), an id of at most 50 characters, a name of at
 * most 50 UTF-16 code units (6 B each at worst, as a `\uXXXX` escape: names stored before
 * sanitizing may hold controls; a sanitized name of 50 code points is at most 200 B), `public`, a
 * 24-character `lastMessageAt`, and a comma; a listed room is never archived, so it has no
 * `archived`. So a page of public rooms stays under 44 KB with its cursor, about 1/140 of the 6 MB
 * a Lambda may answer with, however many rooms there are. A private room adds its 10-character
 * `epoch` (~20 B); a DM also its `peer` (a sub, a handle, a display name: under 400 B), so a page
 * of DMs stays under 90 KB. DynamoDB reads 101 public room items for it: ~220 B each typically
 * with their look-alike keys (3 RCU, eventually consistent), ~800 B at most (10 RCU), plus any
 * archived rooms in the way; the caller's own rooms cost more (amplify/data/README.md, "Members").
 */
export const ROOM_PAGE_SIZE = 100;

/** `GET /rooms[?cursor=]`: rooms in id order, `ROOM_PAGE_SIZE` at most per page. */
export interface RoomList {
  items: Room[];
  /** Present while more rooms follow: pass it as `cursor` for the next page. */
  nextCursor?: string;
}

/** `GET /rooms/{roomId}/messages[?before=<cursor>]`: newest first. */
export interface MessagePage {
  /** Messages, and placeholders for ones a moderator removed. */
  items: HistoryItem[];
  /** Present while older messages exist: pass it as `before` for the next page. */
  nextCursor?: string;
}

/**
 * `GET /rooms/{roomId}/messages?after=<messageId>[&changesFrom=<messageId>]`: oldest first, a gap
 * fill after a reconnect. `changesFrom` (≤ `after`) names the oldest message the caller holds: the
 * first page then also carries the edits, deletes and reactions of the messages from it to `after`.
 */
export interface GapFillPage {
  items: HistoryItem[];
  /** Present while more messages follow: pass it as the next `after`. */
  nextCursor?: string;
  /**
   * The current state of *older* messages that changed after `after` (removed or restored by a
   * moderator, or first broadcast by a late retry; with `changesFrom`, edited, deleted or reacted
   * to from it on): a placeholder, a tombstone, or the message. Absent when none.
   */
  updates?: HistoryItem[];
  /** Too many older messages changed to list: reload the room instead. */
  updatesTruncated?: boolean;
}

/** A placeholder in `roomId` marked by `flag`: where a message was, with nothing of what it said. */
function isPlaceholder(value: unknown, roomId: string, flag: 'removed' | 'deleted'): boolean {
  return isRecord(value) && value[flag] === true && typeof value.id === 'string' && value.roomId === roomId && typeof value.createdAt === 'string';
}

/** A removed message's placeholder in `roomId`. */
export function isRemovedMessage(value: unknown, roomId: string): value is RemovedMessage {
  return isPlaceholder(value, roomId, 'removed');
}

/** A deleted message's tombstone in `roomId`. */
export function isDeletedMessage(value: unknown, roomId: string): value is DeletedMessage {
  return isPlaceholder(value, roomId, 'deleted');
}

/** One item of a page of `roomId`: a stored message, a removed message's placeholder, or a deleted one's tombstone. */
export function isHistoryItem(value: unknown, roomId: string): value is HistoryItem {
  return isRemovedMessage(value, roomId) || isDeletedMessage(value, roomId) || isChatMessage(value, roomId);
}

export function checkRoomList(value: unknown): Checked<RoomList> {
  if (!isRecord(value) || !Array.isArray(value.items)) {
    return refuse('expected { items: Room[], nextCursor? }');
  }
  const checked = value.items.map((item) => checkRoom(item));
  const bad = checked.findIndex((c) => !c.ok);
  if (bad >= 0) {
    const problem = checked[bad] as { ok: false; error: string };
    return refuse(`items[${bad}]: ${problem.error}`);
  }
  const cursor = checkCursor(value);
  if (cursor === null) {
    return refuse('nextCursor must be a non-empty string');
  }
  const items = checked.map((c) => (c as { ok: true; value: Room }).value);
  return { ok: true, value: cursor === undefined ? { items } : { items, nextCursor: cursor } };
}

/** The items of a page of `roomId`, or what is wrong with the first bad one. */
function checkItems(items: unknown, roomId: string, field: string): Checked<HistoryItem[]> {
  if (!Array.isArray(items)) {
    return refuse(`${field} must be an array`);
  }
  const bad = items.findIndex((item) => !isHistoryItem(item, roomId));
  if (bad >= 0) {
    return refuse(`${field}[${bad}] is not a message or removed placeholder of room ${roomId}`);
  }
  return { ok: true, value: items as HistoryItem[] };
}

function checkCursor(value: Record<string, unknown>): string | undefined | null {
  const cursor = value.nextCursor;
  if (cursor === undefined) {
    return undefined;
  }
  return typeof cursor === 'string' && cursor.length > 0 ? cursor : null;
}

export function checkMessagePage(value: unknown, roomId: string): Checked<MessagePage> {
  if (!isRecord(value)) {
    return refuse('expected { items, nextCursor? }');
  }
  const items = checkItems(value.items, roomId, 'items');
  if (!items.ok) {
    return refuse(items.error);
  }
  const cursor = checkCursor(value);
  if (cursor === null) {
    return refuse('nextCursor must be a non-empty string');
  }
  return { ok: true, value: cursor === undefined ? { items: items.value } : { items: items.value, nextCursor: cursor } };
}

export function checkGapFillPage(value: unknown, roomId: string): Checked<GapFillPage> {
  const page = checkMessagePage(value, roomId);
  if (!page.ok) {
    return refuse(page.error);
  }
  const fields = value as Record<string, unknown>;
  const result: GapFillPage = { ...page.value };
  if (fields.updates !== undefined) {
    const updates = checkItems(fields.updates, roomId, 'updates');
    if (!updates.ok) {
      return refuse(updates.error);
    }
    result.updates = updates.value;
  }
  if (fields.updatesTruncated !== undefined) {
    if (typeof fields.updatesTruncated !== 'boolean') {
      return refuse('updatesTruncated must be a boolean');
    }
    result.updatesTruncated = fields.updatesTruncated;
  }
  return { ok: true, value: result };
}
