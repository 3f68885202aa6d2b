import { messageIdTime } from '../../core/message-id.ts';

/**
 * For a room that is not subscribed (no timeline to count): whether the room list's
 * `lastMessageAt` is newer than the newest message read there. A read marker is a message id,
 * whose first characters encode its time; no marker at all means never read.
 */
export function hasUnreadSince(lastMessageAt: string | null, readMarker: string | undefined): boolean {
  if (!lastMessageAt) return false;
  if (readMarker === undefined) return true;
  const readAt = messageIdTime(readMarker);
  return readAt === null || Date.parse(lastMessageAt) > readAt;
}
