import type { AuditEntry, MemberAuditEntry, RoomAuditEntry } from '../../core/moderation.ts';

/** An audit row about a room (renamed, archived, unarchived) rather than a message or a member. */
export function isRoomAuditEntry(entry: AuditEntry): entry is RoomAuditEntry {
  return entry.action === 'room.renamed' || entry.action === 'room.archived' || entry.action === 'room.unarchived';
}

/** What the row is about, in words: `“Help Desk” (#helpdesk), was “Helpdesk”`. */
export function roomAuditSubject(entry: RoomAuditEntry): string {
  const room = `“${entry.name}” (#${entry.roomId})`;
  return entry.previousName === undefined ? room : `${room}, was “${entry.previousName}”`;
}

/** An audit row about a private room's members: someone added or removed (or who left). */
export function isMemberAuditEntry(entry: AuditEntry): entry is MemberAuditEntry {
  return entry.action === 'member.added' || entry.action === 'member.removed';
}
