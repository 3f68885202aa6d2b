import { describe, expect, it } from 'vitest';
import { messageIdTime, minMessageIdAt } from './message-id.ts';
import { gapFillAfterId } from './timeline-cursor.ts';

describe('gap fill cursor', () => {
  it('starts a gap fill a margin before the newest stored id', () => {
    const ms = Date.UTC(2026, 10, 30, 12, 0, 0);
    const newest = minMessageIdAt(ms).slice(0, 10) + '7ZZZZZZZZZZZZZZZ';

    const after = gapFillAfterId(newest, 10_000);

    expect(messageIdTime(after)).toBe(ms - 10_000);
    expect(after < newest).toBe(true);
  });

  it('starts at the beginning of time when the margin reaches past it', () => {
    expect(gapFillAfterId(minMessageIdAt(5_000), 10_000)).toBe(minMessageIdAt(0));
  });

  it('leaves a value that is not a message id as it is', () => {
    expect(gapFillAfterId('not-an-id')).toBe('not-an-id');
  });
});
