import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_HEADER, auditCsvRow, csvCell, csvLine } from './csv.ts';

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    [undefined, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a=b', 'a=b'],
    ['ünïcödé 🙂', 'ünïcödé 🙂'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('joins a line with commas and ends it with CRLF', () => {
    expect(csvLine(['a', 'b,c', undefined])).toBe('a,"b,c",\r\n');
  });
});

describe('audit CSV rows', () => {
  const moderator = { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' };

  it('puts a room action’s names in the room-name columns', () => {
    const row = auditCsvRow({ id: 'a1', at: '2026-12-07T10:00:00.000Z', action: 'room.renamed', roomId: 'helpdesk', name: 'Help Desk', previousName: 'Helpdesk', moderator });

    expect(Object.fromEntries(AUDIT_CSV_HEADER.map((column, i) => [column, row[i]]))).toMatchObject({
      action: 'room.renamed',
      roomId: 'helpdesk',
      messageId: undefined,
      roomName: 'Help Desk',
      previousRoomName: 'Helpdesk',
    });
    expect(row).toHaveLength(AUDIT_CSV_HEADER.length);
  });

  it('puts the member a private room gained or lost in the user columns, and who acted in the moderator columns', () => {
    const member = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob' };
    const row = auditCsvRow({ id: 'a2', at: '2026-12-07T10:00:00.000Z', action: 'member.removed', roomId: 'p-0123456789abcdefghjkmnpqrs', member, moderator });

    expect(Object.fromEntries(AUDIT_CSV_HEADER.map((column, i) => [column, row[i]]))).toMatchObject({
      action: 'member.removed',
      roomId: 'p-0123456789abcdefghjkmnpqrs',
      moderatorHandle: 'morgan',
      userSub: 'sub-bob',
      userHandle: 'bob',
      userDisplayName: 'Bob',
      messageId: undefined,
    });
  });
});

