/**
 * Reading what arrives on a room channel before it reaches the merge: anything that is not a
 * well-formed chat event for that room is ignored, never thrown. Written inside the APPSYNC_JS
 * subset like the rest of `core/`.
 */
import type { Author, ChatEvent, ChatMessage, MemberChangedEvent, MemberRef, RoomUpdatedEvent } from './messages.ts';
import { checkRoom } from './rooms.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isAuthor(value: unknown): value is Author {
  return (
    isRecord(value) &&
    isString(value.sub) &&
    isString(value.handle) &&
    isString(value.displayName) &&
    typeof value.moderator === 'boolean'
  );
}

function isReplyRef(value: unknown): boolean {
  return isRecord(value) && isString(value.id) && isAuthor(value.author) && isString(value.excerpt);
}

function isMention(value: unknown): boolean {
  return isRecord(value) && isString(value.sub) && isString(value.handle);
}

function isMentionList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => isMention(item));
}

function isReactionSummary(value: unknown): boolean {
  return (
    isRecord(value) &&
    isString(value.emoji) &&
    typeof value.count === 'number' &&
    value.count > 0 &&
    typeof value.mine === 'boolean'
  );
}

function isReactionList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => isReactionSummary(item));
}

/**
 * A stored message of `roomId` with every field the timeline and the views read, and each optional
 * one (`editedAt`, `replyTo`, `mentions`, `reactions`) well formed when present. The author's
 * `handle` may be empty (messages stored before handles existed); `moderator` is a boolean.
 */
export function isChatMessage(value: unknown, roomId: string): value is ChatMessage {
  if (!isRecord(value)) {
    return false;
  }
  return (
    isString(value.id) &&
    value.roomId === roomId &&
    isString(value.text) &&
    isString(value.createdAt) &&
    isString(value.clientMsgId) &&
    isAuthor(value.author) &&
    (value.editedAt === undefined || isString(value.editedAt)) &&
    (value.replyTo === undefined || isReplyRef(value.replyTo)) &&
    (value.mentions === undefined || isMentionList(value.mentions)) &&
    (value.reactions === undefined || isReactionList(value.reactions))
  );
}

/** The chat event in a data frame of `roomId`'s channel, or null. */
export function toChatEvent(value: unknown, roomId: string): ChatEvent | null {
  if (!isRecord(value)) {
    return null;
  }
  if ((value.type === 'message.created' || value.type === 'message.restored') && isChatMessage(value.message, roomId)) {
    return { type: value.type, message: value.message };
  }
  if (value.type === 'message.removed' && value.roomId === roomId && isString(value.id)) {
    return { type: 'message.removed', roomId, id: value.id };
  }
  if (value.type === 'message.edited' && isChatMessage(value.message, roomId) && isString(value.message.editedAt)) {
    return { type: 'message.edited', message: value.message };
  }
  if (value.type === 'message.deleted' && value.roomId === roomId && isString(value.id)) {
    return { type: 'message.deleted', roomId, id: value.id };
  }
  if (
    value.type === 'reaction.changed' &&
    value.roomId === roomId &&
    isString(value.id) &&
    isString(value.emoji) &&
    typeof value.count === 'number' &&
    value.count >= 0 &&
    isAuthor(value.author) &&
    typeof value.add === 'boolean'
  ) {
    return { type: 'reaction.changed', roomId, id: value.id, emoji: value.emoji, count: value.count, author: value.author, add: value.add };
  }
  return null;
}

/** The room update in a data frame of `roomId`'s channel (a room that is not `roomId` is ignored), or null. */
export function toRoomUpdate(value: unknown, roomId: string): RoomUpdatedEvent | null {
  if (!isRecord(value) || value.type !== 'room.updated') {
    return null;
  }
  const room = checkRoom(value.room);
  return room.ok && room.value.id === roomId ? { type: 'room.updated', room: room.value } : null;
}

function toMemberRef(value: unknown): MemberRef | null {
  if (!isRecord(value) || !isString(value.sub) || !isString(value.handle) || !isString(value.displayName)) {
    return null;
  }
  return { sub: value.sub, handle: value.handle, displayName: value.displayName };
}

/** A `member.added` / `member.removed` event in a data frame of `roomId`'s channel, or null. */
export function toMemberChange(value: unknown, roomId: string): MemberChangedEvent | null {
  if (!isRecord(value) || (value.type !== 'member.added' && value.type !== 'member.removed') || value.roomId !== roomId) {
    return null;
  }
  const member = toMemberRef(value.member);
  const by = toMemberRef(value.by);
  return member === null || by === null ? null : { type: value.type, roomId, member, by };
}
