import { describe, expect, it } from 'vitest';
import { checkApiKey } from './api-key-mode.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const KEYS = [
  { key: 'da2-current', expires: NOW.getTime() / 1000 + 86_400 },
  { key: 'da2-expired', expires: NOW.getTime() / 1000 - 1 },
  { key: 'da2-forever' },
];

describe('checkApiKey', () => {
  it('admits a key of the API before its Expires, with a null identity', () => {
    expect(checkApiKey('da2-current', KEYS, NOW)).toEqual({ ok: true, identity: null });
    expect(checkApiKey('da2-forever', KEYS, NOW)).toEqual({ ok: true, identity: null });
  });

  it('refuses a key past its Expires', () => {
    expect(checkApiKey('da2-expired', KEYS, NOW)).toEqual({ ok: false, message: 'The API key has expired' });
  });

  it('refuses a key that expires at this very second, and one the API does not have', () => {
    expect(checkApiKey('da2-edge', [{ key: 'da2-edge', expires: NOW.getTime() / 1000 }], NOW).ok).toBe(false);
    expect(checkApiKey('da2-other', KEYS, NOW)).toEqual({ ok: false, message: 'The API key is not valid for this API' });
  });
});
