import type { AuditEntry, ModeratedMessage } from '../../core/moderation.ts';

/**
 * RFC 4180 CSV, safe to open in a spreadsheet: a cell that a spreadsheet would read as a formula
 * (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`; a cell with a
 * comma, quote or line break is quoted, its quotes doubled. Lines end with CRLF.
 */
export function csvCell(value: string | undefined): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: (string | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const MESSAGE_CSV_HEADER = [
  'id', 'roomId', 'createdAt', 'status', 'authorSub', 'authorHandle', 'authorDisplayName', 'authorModerator', 'text',
  'removedAt', 'removedBySub', 'removedByHandle', 'removalReason',
];

export function messageCsvRow(item: ModeratedMessage): (string | undefined)[] {
  const { message, status, removal } = item;
  return [
    message.id, message.roomId, message.createdAt, status, message.author.sub, message.author.handle,
    message.author.displayName, String(message.author.moderator), message.text, removal?.at, removal?.by.sub, removal?.by.handle, removal?.reason,
  ];
}

/**
 * Message actions fill the room and message columns, member actions (mutes) the user columns,
 * room actions the room and room-name columns; a private room's member changes the room and user
 * columns (the member added or removed).
 */
export const AUDIT_CSV_HEADER = [
  'id', 'at', 'action', 'roomId', 'messageId', 'messageAuthorSub', 'messageAuthorHandle', 'messageAuthorDisplayName',
  'moderatorSub', 'moderatorHandle', 'moderatorDisplayName', 'reason', 'userSub', 'userHandle', 'userDisplayName', 'mutedUntil',
  'roomName', 'previousRoomName',
];

export function auditCsvRow(entry: AuditEntry): (string | undefined)[] {
  const room = entry.action === 'room.renamed' || entry.action === 'room.archived' || entry.action === 'room.unarchived' ? entry : undefined;
  const user = entry.action === 'member.added' || entry.action === 'member.removed' ? entry.member : entry.user;
  return [
    entry.id, entry.at, entry.action, entry.roomId, entry.messageId, entry.messageAuthor?.sub, entry.messageAuthor?.handle,
    entry.messageAuthor?.displayName, entry.moderator.sub, entry.moderator.handle, entry.moderator.displayName, entry.reason,
    user?.sub, user?.handle, user?.displayName, entry.until, room?.name, room?.previousName,
  ];
}
