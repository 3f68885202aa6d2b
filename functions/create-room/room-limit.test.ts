import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../lib/errors.ts';
import { roomLimitError, spanText, waitText } from './room-limit.ts';

describe('the new-room limit’s answer', () => {
  it('says how many rooms, per what, and when to try again, with the window end and Retry-After', () => {
    const error = roomLimitError({ count: 10, seconds: 3600 }, Date.parse('2026-11-30T12:46:00.500Z'));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.message).toBe('You can create at most 10 new rooms per hour; try again in 14 min');
    expect(error.retryAt).toBe('2026-11-30T13:00:00.000Z');
    expect(error.retryAfterSeconds).toBe(840);
  });

  it.each([
    [3600, 'hour'],
    [7200, '2 hours'],
    [60, 'minute'],
    [600, '10 minutes'],
    [1, 'second'],
    [45, '45 seconds'],
  ])('spells a window of %i s as %j', (seconds, text) => {
    expect(spanText(seconds)).toBe(text);
  });

  it.each([
    [1, '1 s'],
    [59, '59 s'],
    [60, '1 min'],
    [61, '2 min'],
    [3600, '60 min'],
  ])('spells a wait of %i s as %j', (seconds, text) => {
    expect(waitText(seconds)).toBe(text);
  });
});
