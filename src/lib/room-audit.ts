import type { AuditEntry, RoomAuditEntry } from '../../core/moderation.ts';

/** An audit row about a room (renamed, archived, unarchived) rather than a message or a member. */
export function isRoomAuditEntry(entry: AuditEntry): entry is RoomAuditEntry {
  return entry.action === 'room.renamed' || entry.action === 'room.archived' || entry.action === 'room.unarchived';
}

/** What the row is about, in words: `“Help Desk” (#helpdesk), was “Helpdesk”`. */
export function roomAuditSubject(entry: RoomAuditEntry): string {
  const room = `“${entry.name}” (#${entry.roomId})`;
  return entry.previousName === undefined ? room : `${room}, was “${entry.previousName}”`;
}
