import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../core/moderation.ts';
import { renameSummary } from './moderation-format.ts';

const member = (handle: string, displayName: string) => ({ sub: 's', handle, displayName, moderator: false });

function renamed(previous: { handle: string; displayName: string }, now: { handle: string; displayName: string }): AuditEntry {
  return { id: 'a', at: '2026-11-30T12:00:00.000Z', action: 'user.renamed', user: member(now.handle, now.displayName), previous, moderator: { sub: 's', ...now } };
}

describe('renameSummary', () => {
  it.each([
    [{ handle: 'bob', displayName: 'Bob' }, { handle: 'rob', displayName: 'Bob' }, '@bob → @rob'],
    [{ handle: 'bob', displayName: 'Bob' }, { handle: 'bob', displayName: 'Robert' }, '“Bob” → “Robert”'],
    [{ handle: 'bob', displayName: 'Bob' }, { handle: 'rob', displayName: 'Rob' }, '@bob → @rob, “Bob” → “Rob”'],
  ])('%j then %j reads %s', (previous, now, text) => {
    expect(renameSummary(renamed(previous, now))).toBe(text);
  });

  it('says nothing about other entries', () => {
    const muted: AuditEntry = { id: 'b', at: '2026-11-30T12:00:00.000Z', action: 'user.muted', user: member('bob', 'Bob'), until: '2026-11-30T13:00:00.000Z', moderator: { sub: 'm', handle: 'mod2', displayName: 'Morgan' } };

    expect(renameSummary(muted)).toBeUndefined();
  });
});
