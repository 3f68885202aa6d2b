import { describe, expect, it } from 'vitest';
import { retryAtFrom } from './retry-after.ts';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');

describe('retryAtFrom', () => {
  it('adds the seconds the API sends to the time of the answer', () => {
    expect(retryAtFrom('840', NOW)).toBe('2026-11-30T12:14:00.000Z');
    expect(retryAtFrom(' 0 ', NOW)).toBe('2026-11-30T12:00:00.000Z');
  });

  it('reads an HTTP date', () => {
    expect(retryAtFrom('Mon, 30 Nov 2026 13:00:00 GMT', NOW)).toBe('2026-11-30T13:00:00.000Z');
  });

  it.each([undefined, '', 'soon', '-5', '1.5'])('knows no time from %j', (header) => {
    expect(retryAtFrom(header, NOW)).toBeUndefined();
  });
});
