import { describe, expect, it } from 'vitest';
import { minMessageIdAt } from '../../core/message-id.ts';
import { countMentionsAfter, hasUnreadSince, roomActivity, withMentions } from './unread.ts';

const at = (iso: string) => `${minMessageIdAt(Date.parse(iso)).slice(0, 10)}${'7'.repeat(16)}`;

describe('hasUnreadSince', () => {
  it.each([
    ['a room without messages', null, undefined, false],
    ['a room with messages, never read', '2026-11-30T12:00:00.000Z', undefined, true],
    ['a newer message than the one read', '2026-11-30T12:00:01.000Z', at('2026-11-30T12:00:00.000Z'), true],
    ['the message read is the newest', '2026-11-30T12:00:00.000Z', at('2026-11-30T12:00:00.000Z'), false],
    ['a marker newer than a stale list', '2026-11-30T11:00:00.000Z', at('2026-11-30T12:00:00.000Z'), false],
  ])('%s', (_name, lastMessageAt, marker, expected) => {
    expect(hasUnreadSince(lastMessageAt, marker)).toBe(expected);
  });
});

describe('roomActivity', () => {
  const list = '2026-11-30T12:00:00.000Z';
  const later = '2026-11-30T12:05:00.000Z';

  it('counts an open room and flags it when the count is above zero', () => {
    expect(roomActivity(list, undefined, 2, null)).toEqual({ unread: 2, hasUnread: true, lastActivity: list });
    expect(roomActivity(list, undefined, 0, null)).toEqual({ unread: 0, hasUnread: false, lastActivity: list });
  });

  it('flags a room that is not open from its last activity against the read marker', () => {
    expect(roomActivity(later, at(list))).toEqual({ unread: 0, hasUnread: true, lastActivity: later });
    expect(roomActivity(list, at(list))).toEqual({ unread: 0, hasUnread: false, lastActivity: list });
  });

  it('shows the newer of the list’s last activity and the newest message seen live', () => {
    expect(roomActivity(list, undefined, 0, later).lastActivity).toBe(later);
    expect(roomActivity(later, undefined, 0, list).lastActivity).toBe(later);
    expect(roomActivity(null, undefined, 0, list).lastActivity).toBe(list);
    expect(roomActivity(null, undefined).lastActivity).toBeNull();
  });
});

describe('mentions heard of on the reader\'s channel', () => {
  it('counts the mentions after the read marker, all of them with none', () => {
    expect(countMentionsAfter(['01A', '01C'], '01B')).toBe(1);
    expect(countMentionsAfter(['01A', '01C'], undefined)).toBe(2);
    expect(countMentionsAfter(['01A', '01C'], '01C')).toBe(0);
  });

  it('marks a room with a mention unread, even when its last activity says nothing new', () => {
    const quiet = roomActivity(null, undefined);

    expect(withMentions(quiet, 2)).toEqual({ ...quiet, mentions: 2, hasUnread: true });
    expect(withMentions(quiet, 0)).toEqual({ ...quiet, mentions: 0, hasUnread: false });
  });
});
