import { describe, expect, it } from 'vitest';
import { gapFillAfterId, messageIdTime, minMessageIdAt } from './timeline-cursor.ts';

describe('gap fill cursor', () => {
  it('round-trips a time through a message id', () => {
    const ms = Date.UTC(2026, 10, 30, 12, 0, 0, 123);

    expect(messageIdTime(minMessageIdAt(ms))).toBe(ms);
    expect(minMessageIdAt(ms)).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
  });

  it('starts a gap fill a margin before the newest stored id', () => {
    const ms = Date.UTC(2026, 10, 30, 12, 0, 0);
    const newest = minMessageIdAt(ms).slice(0, 10) + '7ZZZZZZZZZZZZZZZ';

    const after = gapFillAfterId(newest, 10_000);

    expect(messageIdTime(after)).toBe(ms - 10_000);
    expect(after < newest).toBe(true);
  });

  it('sorts ids of later times after ids of earlier times', () => {
    expect(minMessageIdAt(1_000) < minMessageIdAt(1_001)).toBe(true);
    expect(minMessageIdAt(31) < minMessageIdAt(32)).toBe(true);
  });

  it('leaves a value that is not a message id as it is', () => {
    expect(gapFillAfterId('not-an-id')).toBe('not-an-id');
  });
});
