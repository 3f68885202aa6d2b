import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../core/moderation.ts';
import { isRoomAuditEntry, roomAuditSubject } from './room-audit.ts';

const moderator = { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' };
const base = { id: 'a1', at: '2026-12-07T10:00:00.000Z', moderator };

describe('room audit rows', () => {
  it('names a renamed room by its new name, its id and the name it had', () => {
    const entry: AuditEntry = { ...base, action: 'room.renamed', roomId: 'helpdesk', name: 'Help Desk', previousName: 'Helpdesk' };

    expect(isRoomAuditEntry(entry) && roomAuditSubject(entry)).toBe('“Help Desk” (#helpdesk), was “Helpdesk”');
  });

  it('names an archived room by its name and id', () => {
    const entry: AuditEntry = { ...base, action: 'room.archived', roomId: 'lobby', name: 'Lobby', reason: 'event over' };

    expect(isRoomAuditEntry(entry) && roomAuditSubject(entry)).toBe('“Lobby” (#lobby)');
  });

  it('tells message and member rows apart from room rows', () => {
    const author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };
    const entries: AuditEntry[] = [
      { ...base, action: 'message.removed', roomId: 'lobby', messageId: 'm1', messageAuthor: author },
      { ...base, action: 'user.muted', user: author, until: '2026-12-07T11:00:00.000Z' },
    ];

    expect(entries.map(isRoomAuditEntry)).toEqual([false, false]);
  });
});
