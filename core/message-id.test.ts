import { describe, expect, it } from 'vitest';
import { isMessageId, maxMessageIdAt, MAX_MESSAGE_ID_TIME, messageIdTime, minMessageIdAt } from './message-id.ts';

describe('message ids', () => {
  it('round-trips a time through an id', () => {
    const ms = Date.UTC(2026, 10, 30, 12, 0, 0, 123);

    expect(messageIdTime(minMessageIdAt(ms))).toBe(ms);
    expect(messageIdTime(maxMessageIdAt(ms))).toBe(ms);
    expect(minMessageIdAt(ms)).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
  });

  it('reads the ends of the time range', () => {
    expect(messageIdTime(minMessageIdAt(0))).toBe(0);
    expect(messageIdTime(maxMessageIdAt(MAX_MESSAGE_ID_TIME))).toBe(MAX_MESSAGE_ID_TIME);
    expect(maxMessageIdAt(MAX_MESSAGE_ID_TIME)).toBe('7ZZZZZZZZZZZZZZZZZZZZZZZZZ');
  });

  it('sorts ids of later times after ids of earlier times, and brackets each millisecond', () => {
    expect(minMessageIdAt(1_000) < minMessageIdAt(1_001)).toBe(true);
    expect(minMessageIdAt(31) < minMessageIdAt(32)).toBe(true);
    expect(maxMessageIdAt(1_000) < minMessageIdAt(1_001)).toBe(true);
  });

  it.each([['01ARZ3NDEKTSV4RRFFQ69G5FA'], ['01ARZ3NDEKTSV4RRFFQ69G5FAVX'], ['01arz3ndektsv4rrffq69g5fav'], ['81ARZ3NDEKTSV4RRFFQ69G5FAV'], ['01ARZ3NDEKTSV4RRFFQ69G5FAU'], [42]])(
    'rejects %s as a message id, and has no time for it',
    (value) => {
      expect(isMessageId(value)).toBe(false);
      if (typeof value === 'string') expect(messageIdTime(value)).toBeNull();
    },
  );
});
