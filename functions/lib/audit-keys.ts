import type { AuditEntry } from '../../core/moderation.ts';

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

/** Audit items: `AUDIT#<roomId>` / `<auditId>`, gsi1 `AUDIT` / id (all rooms), gsi2 `ACTOR#<sub>` / id. */
export const AUDIT_ALL_PK = 'AUDIT';

export function auditActorPk(sub: string): string {
  return `ACTOR#${sub}`;
}

/** The partition of a member's audit entries (mutes, renames): room ids have no `#`, so it meets no room's. */
export function auditUserPk(sub: string): string {
  return `AUDIT#USER#${sub}`;
}

/**
 * An audit entry as its item: in its room's or its member's partition, on gsi1 (every entry) and
 * gsi2 (by actor). Written by moderation, and by `profile` for a member's own rename.
 */
export function toAuditItem(entry: AuditEntry): Record<string, unknown> {
  return {
    pk: entry.user === undefined ? auditRoomPk(entry.roomId) : auditUserPk(entry.user.sub),
    sk: entry.id,
    gsi1pk: AUDIT_ALL_PK,
    gsi1sk: entry.id,
    gsi2pk: auditActorPk(entry.moderator.sub),
    gsi2sk: entry.id,
    type: 'audit',
    ...entry,
  };
}
