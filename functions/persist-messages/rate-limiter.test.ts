import { describe, expect, it } from 'vitest';
import { readEnv } from '../lib/env.ts';
import { ConfigurationError } from '../lib/errors.ts';
import { PersistMessagesEnvSchema } from './env.ts';
import { formatRateLimit, parseRateLimit, windowEndMs } from './rate-limiter.ts';

describe('RATE_LIMIT', () => {
  it.each([
    ['off', 'off'],
    ['20/10', { count: 20, seconds: 10 }],
    ['3/60', { count: 3, seconds: 60 }],
  ])('reads %s, and writes it back the same', (text, limit) => {
    expect(parseRateLimit(text)).toEqual(limit);
    expect(formatRateLimit(parseRateLimit(text))).toBe(text);
  });

  it.each([['0/10'], ['20/0'], ['20'], ['fast'], ['20/10/5'], ['-1/10'], ['OFF']])('refuses %s at cold start', (value) => {
    expect(() => readEnv(PersistMessagesEnvSchema, { TABLE_NAME: 't', RATE_LIMIT: value })).toThrow(ConfigurationError);
  });

  it('leaves an unset variable unset, meaning the default', () => {
    expect(readEnv(PersistMessagesEnvSchema, { TABLE_NAME: 't' }).RATE_LIMIT).toBeUndefined();
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
});
