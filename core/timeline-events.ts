/**
 * Reading what arrives on a room channel before it reaches the merge: anything that is not a
 * well-formed chat event for that room is ignored, never thrown. Written inside the APPSYNC_JS
 * subset like the rest of `core/`.
 */
import type { ChatEvent, ChatMessage, MemberChangedEvent, MemberRef, RoomUpdatedEvent } from './messages.ts';
import { checkRoom } from './rooms.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * A stored message of `roomId` with every field the timeline and the views read. The author's
 * `handle` may be empty (messages stored before handles existed); `moderator` is a boolean.
 */
export function isChatMessage(value: unknown, roomId: string): value is ChatMessage {
  if (!isRecord(value) || !isRecord(value.author)) {
    return false;
  }
  const author = value.author;
  return (
    isString(value.id) &&
    value.roomId === roomId &&
    isString(value.text) &&
    isString(value.createdAt) &&
    isString(value.clientMsgId) &&
    isString(author.sub) &&
    isString(author.handle) &&
    isString(author.displayName) &&
    typeof author.moderator === 'boolean'
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
