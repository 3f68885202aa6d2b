import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { rateLimitSetting, readEnv } from './env.ts';
import { ConfigurationError } from './errors.ts';
import { formatRateLimit, parseRateLimit, rateWindowKey, secondsUntilWindowEnd, windowEndMs } from './rate-limiter.ts';

const LimitEnvSchema = z.object({ LIMIT: z.optional(rateLimitSetting('20/10')) });

describe('a limit setting (RATE_LIMIT, ROOM_LIMIT)', () => {
  it.each([
    ['off', 'off'],
    ['20/10', { count: 20, seconds: 10 }],
    ['3/60', { count: 3, seconds: 60 }],
  ])('reads %s, and writes it back the same', (text, limit) => {
    expect(parseRateLimit(text)).toEqual(limit);
    expect(formatRateLimit(parseRateLimit(text))).toBe(text);
  });

  it.each([['0/10'], ['20/0'], ['20'], ['fast'], ['20/10/5'], ['-1/10'], ['OFF']])('refuses %s at cold start', (value) => {
    expect(() => readEnv(LimitEnvSchema, { LIMIT: value })).toThrow(ConfigurationError);
  });

  it('leaves an unset variable unset, meaning the default', () => {
    expect(readEnv(LimitEnvSchema, {}).LIMIT).toBeUndefined();
  });
});

describe('the fixed window', () => {
  it.each([
    ['2026-11-30T12:00:00.000Z', '2026-11-30T12:00:10.000Z'],
    ['2026-11-30T12:00:03.250Z', '2026-11-30T12:00:10.000Z'],
    ['2026-11-30T12:00:09.999Z', '2026-11-30T12:00:10.000Z'],
  ])('that %s falls in ends at %s, when the counter starts again', (now, end) => {
    expect(new Date(windowEndMs({ seconds: 10 }, Date.parse(now))).toISOString()).toBe(end);
  });

  it.each([
    ['2026-11-30T12:00:00.000Z', 10],
    ['2026-11-30T12:00:03.250Z', 7],
    ['2026-11-30T12:00:09.999Z', 1],
  ])('tells a caller at %s to retry after %i s (Retry-After)', (now, seconds) => {
    expect(secondsUntilWindowEnd({ seconds: 10 }, Date.parse(now))).toBe(seconds);
  });
});

describe('counter items', () => {
  it('keeps the message and the new-room counts of one window length apart', () => {
    expect(rateWindowKey('sub-a', 3600, 7)).toEqual({ pk: 'RATE#sub-a', sk: 'WINDOW#3600#7' });
    expect(rateWindowKey('sub-a', 3600, 7, 'ROOMS')).toEqual({ pk: 'RATE#sub-a', sk: 'ROOMS#3600#7' });
  });
});
