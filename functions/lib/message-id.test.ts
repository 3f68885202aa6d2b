import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isMessageId, maxMessageIdAt, messageIdTime, minMessageIdAt } from '../../core/message-id.ts';
import { createMessageIdGenerator } from './message-id.ts';

describe('message ids', () => {
  it('are fixed-width and sort in time order', () => {
    const next = createMessageIdGenerator(randomBytes);

    const early = next(Date.UTC(2020, 0, 1));
    const late = next(Date.UTC(2031, 5, 1));

    expect(early).toHaveLength(26);
    expect(late).toHaveLength(26);
    expect(early < late).toBe(true);
    expect(isMessageId(early) && isMessageId(late)).toBe(true);
  });

  it('keeps generation order within one millisecond', () => {
    const next = createMessageIdGenerator(randomBytes);

    const ids = Array.from({ length: 1000 }, () => next(1_700_000_000_000));

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stays monotonic when the clock steps back', () => {
    const next = createMessageIdGenerator(randomBytes);

    const first = next(1_700_000_000_500);
    const second = next(1_700_000_000_000);

    expect(second > first).toBe(true);
  });

  it('carries into the time part when the random part overflows', () => {
    const next = createMessageIdGenerator((length) => new Uint8Array(length).fill(0xff));

    const first = next(1000);
    const second = next(1000);

    expect(second > first).toBe(true);
    expect(second.slice(0, 10) > first.slice(0, 10)).toBe(true);
  });

  it('brackets every id of a millisecond between its min and max bounds', () => {
    const next = createMessageIdGenerator(randomBytes);
    const ms = 1_700_000_000_123;

    const id = next(ms);

    expect(minMessageIdAt(ms) <= id && id <= maxMessageIdAt(ms)).toBe(true);
    expect(maxMessageIdAt(ms - 1) < id && id < minMessageIdAt(ms + 1)).toBe(true);
  });

  it('tells the millisecond an id was generated at', () => {
    const next = createMessageIdGenerator(randomBytes);
    const ms = 1_700_000_000_123;

    const ids = [next(ms), next(ms), next(ms - 5)];

    expect(ids.map(messageIdTime)).toEqual([ms, ms, ms]);
    expect(messageIdTime(maxMessageIdAt(2 ** 48 - 1))).toBe(2 ** 48 - 1);
    expect(messageIdTime(minMessageIdAt(0))).toBe(0);
  });
});
