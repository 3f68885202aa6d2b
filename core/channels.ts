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

/** `/chat/rooms/<roomId>`: where a room's messages are published and broadcast. */
export function roomChannel(roomId: string): string {
  return `/${CHAT_NAMESPACE}/rooms/${roomId}`;
}

/** `/signals/rooms/<roomId>`: ephemeral typing signals for a room. */
export function roomSignalsChannel(roomId: string): string {
  return `/${SIGNALS_NAMESPACE}/rooms/${roomId}`;
}

/**
 * The room id of a concrete room channel in `namespace` (`['chat','rooms','x']` → `'x'`),
 * or null when the segments do not name exactly one well-formed room.
 */
export function roomIdFromSegments(segments: readonly string[], namespace: string): string | null {
  if (segments.length !== 3 || segments[0] !== namespace || segments[1] !== 'rooms') {
    return null;
  }
  const roomId = segments[2];
  return isValidRoomId(roomId) ? roomId : null;
}
