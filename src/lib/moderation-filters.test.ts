import { describe, expect, it } from 'vitest';
import {
  auditFilters,
  filtersFromQuery,
  isoToLocalInput,
  localInputToIso,
  messageFilters,
  queryFromFilters,
  tabFromQuery,
} from './moderation-filters.ts';

describe('moderation filters in the URL', () => {
  it('reads every filter from a query, normalising times and dropping what is malformed', () => {
    const filters = filtersFromQuery({
      roomId: ' lobby ',
      author: ['alice', 'bob'],
      from: '2026-11-30T12:00:00+01:00',
      to: 'not a time',
      status: 'deleted',
      q: '',
      tab: 'audit',
    });

    expect(filters).toEqual({ roomId: 'lobby', author: 'alice', from: '2026-11-30T11:00:00.000Z' });
  });

  it('writes only the filters that are set, and the tab when it is not the default', () => {
    expect(queryFromFilters({ roomId: 'lobby', q: ' ', status: 'removed' }, 'messages')).toEqual({ roomId: 'lobby', status: 'removed' });
    expect(queryFromFilters({}, 'audit')).toEqual({ tab: 'audit' });
    expect(tabFromQuery({ tab: 'audit' })).toBe('audit');
    expect(queryFromFilters({ roomId: 'lobby' }, 'mutes')).toEqual({ roomId: 'lobby', tab: 'mutes' });
    expect(tabFromQuery({ tab: 'mutes' })).toBe('mutes');
    expect(tabFromQuery({ tab: 'nonsense' })).toBe('messages');
  });

  it('round-trips through the URL', () => {
    const filters = { roomId: 'r', author: 'a', moderator: 'm', from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z', status: 'visible' as const, q: 'x' };

    expect(filtersFromQuery(queryFromFilters(filters, 'messages'))).toEqual(filters);
  });

  it('sends each API only the filters it takes', () => {
    const filters = { roomId: 'r', author: 'a', moderator: 'm', from: 'f', to: 't', status: 'removed' as const, q: 'x' };

    expect(messageFilters(filters)).toEqual({ roomId: 'r', author: 'a', from: 'f', to: 't', status: 'removed', q: 'x' });
    expect(auditFilters(filters)).toEqual({ roomId: 'r', moderator: 'm', from: 'f', to: 't' });
  });

  it('converts between datetime-local values and ISO times, the end of a range covering its whole minute', () => {
    const start = localInputToIso('2026-11-30T12:05');
    const end = localInputToIso('2026-11-30T12:05', 'end');

    expect(Date.parse(end!) - Date.parse(start!)).toBe(59_999);
    expect(isoToLocalInput(start)).toBe('2026-11-30T12:05');
    expect(isoToLocalInput(end)).toBe('2026-11-30T12:05');
    expect(localInputToIso('')).toBeUndefined();
    expect(isoToLocalInput(undefined)).toBe('');
  });
});
