import { describe, expect, it } from 'vitest';
import { minMessageIdAt } from '../../core/message-id.ts';
import { hasUnreadSince } from './unread.ts';

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
