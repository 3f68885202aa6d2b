/**
 * Channel names every runtime agrees on. Kept inside the APPSYNC_JS subset: the `chat` and
 * `signals` handlers import this file.
 */

export const CHAT_NAMESPACE = 'chat';
export const SIGNALS_NAMESPACE = 'signals';

export const ROOM_ID_MAX_LENGTH = 50;
const ROOM_ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-';

/** Room ids: 1–50 characters of `[a-z0-9-]` (checked without a regex: APPSYNC_JS has none). */
export function isValidRoomId(roomId: unknown): roomId is string {
  return (
    typeof roomId === 'string' &&
    roomId.length >= 1 &&
    roomId.length <= ROOM_ID_MAX_LENGTH &&
    roomId.split('').every((c) => ROOM_ID_CHARS.includes(c))
  );
}

/** What a room is, known from its id alone (see `roomKindOfId`). */
export type RoomKind = 'public' | 'private' | 'dm';

/** Lower-case Crockford base32: the characters of private and DM room ids and of epochs. */
export const ROOM_CODE_CHARS = '0123456789abcdefghjkmnpqrstvwxyz';
/** Characters after the `p-`/`d-` prefix of a private room or DM id. */
export const ROOM_CODE_LENGTH = 26;
export const PRIVATE_ROOM_PREFIX = 'p-';
export const DM_ROOM_PREFIX = 'd-';
/** Characters of a private room's or DM's epoch (the last segment of its channels). */
export const ROOM_EPOCH_LENGTH = 10;

function isRoomCode(value: string, length: number): boolean {
  return value.length === length && value.split('').every((c) => ROOM_CODE_CHARS.includes(c));
}

/**
 * `private` for `p-` + 26 code characters, `dm` for `d-` + 26, `public` for any other id. A public
 * room whose slug would have that shape gets `-room` appended when it is created, so the kind is
 * always known without a read: public rooms skip the membership check.
 */
export function roomKindOfId(roomId: string): RoomKind {
  const code = roomId.slice(2);
  if (roomId.startsWith(PRIVATE_ROOM_PREFIX) && isRoomCode(code, ROOM_CODE_LENGTH)) {
    return 'private';
  }
  if (roomId.startsWith(DM_ROOM_PREFIX) && isRoomCode(code, ROOM_CODE_LENGTH)) {
    return 'dm';
  }
  return 'public';
}

/** True for a private room's or DM's id (its channels carry an epoch and it has members). */
export function isMembersOnlyRoomId(roomId: string): boolean {
  return roomKindOfId(roomId) !== 'public';
}

/** An epoch: 10 code characters, random, rotated when a member is removed or leaves. */
export function isValidEpoch(epoch: unknown): epoch is string {
  return typeof epoch === 'string' && isRoomCode(epoch, ROOM_EPOCH_LENGTH);
}

function roomPath(namespace: string, roomId: string, epoch: string | undefined): string {
  const path = `/${namespace}/rooms/${roomId}`;
  return epoch === undefined ? path : `${path}/${epoch}`;
}

/**
 * Where a room's messages are published and broadcast: `/chat/rooms/<roomId>` for a public room,
 * `/chat/rooms/<roomId>/<epoch>` for a private room or DM (its current epoch).
 */
export function roomChannel(roomId: string, epoch?: string): string {
  return roomPath(CHAT_NAMESPACE, roomId, epoch);
}

/** Ephemeral typing signals for a room: `/signals/rooms/<roomId>[/<epoch>]`, as `roomChannel`. */
export function roomSignalsChannel(roomId: string, epoch?: string): string {
  return roomPath(SIGNALS_NAMESPACE, roomId, epoch);
}

/** Longest sub a user channel's last segment may hold (a Cognito sub is a 36-character UUID). */
export const USER_SUB_MAX_LENGTH = 50;
const SUB_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-';

/**
 * A member's own stream of notices (mentions in any room): `/signals/users/<sub>`. Only the server
 * publishes there, and only the member it names may subscribe.
 */
export function userChannel(sub: string): string {
  return `/${SIGNALS_NAMESPACE}/users/${sub}`;
}

/**
 * The sub a user channel names, or null when the segments are not exactly
 * `['signals','users',<sub>]` with a sub of letters, digits and dashes (no wildcard).
 */
export function userChannelSubFromSegments(segments: readonly string[]): string | null {
  if (segments.length !== 3 || segments[0] !== SIGNALS_NAMESPACE || segments[1] !== 'users') {
    return null;
  }
  const sub = segments[2] ?? '';
  const valid = sub.length >= 1 && sub.length <= USER_SUB_MAX_LENGTH && sub.split('').every((c) => SUB_CHARS.includes(c));
  return valid ? sub : null;
}

/** A concrete room channel: the room, and for a private room or DM the epoch it names. */
export interface RoomChannelRef {
  roomId: string;
  /** Present exactly for private and DM rooms. */
  epoch?: string;
}

/**
 * The room of a concrete room channel in `namespace`, or null when the segments do not name
 * exactly one well-formed room: 3 segments (`['chat','rooms','lobby']`) for a public id only,
 * 4 (`['chat','rooms','p-…','<epoch>']`) for a private or DM id only.
 */
export function roomChannelFromSegments(segments: readonly string[], namespace: string): RoomChannelRef | null {
  if (segments.length < 3 || segments.length > 4 || segments[0] !== namespace || segments[1] !== 'rooms') {
    return null;
  }
  const roomId = segments[2];
  if (!isValidRoomId(roomId)) {
    return null;
  }
  const membersOnly = isMembersOnlyRoomId(roomId);
  if (segments.length === 3) {
    return membersOnly ? null : { roomId };
  }
  const epoch = segments[3];
  return membersOnly && isValidEpoch(epoch) ? { roomId, epoch } : null;
}
