import { describe, expect, it } from 'vitest';
import { MUTED_ERROR_TYPE, mutedError, mutedErrorDetail, mutedUntil } from './muted-error.ts';

describe('the Muted per-event error', () => {
  it('says when the mute ends, after the error type', () => {
    const text = mutedError('2026-11-30T14:35:00.000Z');

    expect(text).toBe('Muted: you are muted until 2026-11-30T14:35:00.000Z');
    expect(text.split(':')[0]).toBe(MUTED_ERROR_TYPE);
    expect(`${MUTED_ERROR_TYPE}: ${mutedErrorDetail('2026-11-30T14:35:00.000Z')}`).toBe(text);
  });

  it('reads the end time back', () => {
    expect(mutedUntil(mutedError('2026-11-30T14:35:00.000Z'))).toBe('2026-11-30T14:35:00.000Z');
  });

  it.each([
    [undefined],
    [''],
    ['RateLimited: more than 20 messages in 10 s; retry later'],
    ['Message not stored; please retry'],
    ['Muted: you are muted until tomorrow'],
    ['Muted: you are muted until 2026-13-45T99:00:00.000Z'],
    ['muted: you are muted until 2026-11-30T14:35:00.000Z'],
  ])('reads no end time from %j', (text) => {
    expect(mutedUntil(text)).toBeNull();
  });
});
