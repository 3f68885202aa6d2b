/**
 * The per-room partitions a gap fill reads besides the messages (amplify/data/README.md,
 * pattern 5a). Both are sorted by ids from the message id generator, which sort in time order
 * and compare with message ids, so "changes after message X" is a key condition.
 * - `AUDIT#<roomId>`: moderation's audit entries (written by moderation).
 * - `LATE#<roomId>`: late announcements (written by persist-messages, see message-writer.ts).
 */
export function auditRoomPk(roomId: string): string {
  return `AUDIT#${roomId}`;
}

/** Audit actions that change what members see of a message. */
export const MESSAGE_STATE_ACTIONS = ['message.removed', 'message.restored'] as const;

export function lateAnnouncementPk(roomId: string): string {
  return `LATE#${roomId}`;
}

/** Late announcements are kept this long (TTL): a client away longer reloads the room anyway. */
export const LATE_ANNOUNCEMENT_TTL_S = 30 * 24 * 3600;
