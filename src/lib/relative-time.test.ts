import { describe, expect, it } from 'vitest';
import { formatRelative } from './relative-time.ts';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

describe('formatRelative', () => {
  it.each([
    [NOW - 10_000, 'just now'],
    [NOW - 5 * 60_000, '5 minutes ago'],
    [NOW - 2 * 3600_000, '2 hours ago'],
    [NOW - 24 * 3600_000, 'yesterday'],
  ])('formats %d', (time, expected) => {
    expect(formatRelative(new Date(time).toISOString(), NOW, 'en')).toBe(expected);
  });
});
