import { describe, expect, it } from 'vitest';
import { maxMessageIdAt } from '../../core/message-id.ts';
import type { Source } from './budgeted-merge.ts';
import { boundedRoomSource } from './room-bound.ts';

const empty: Source<string> = { read: async () => ({ items: [], done: true, read: 0 }) };
const at = '2026-12-06T12:00:00.000Z';

describe('boundedRoomSource', () => {
  it('opens nothing for a room without messages', () => {
    let opened = 0;
    expect(boundedRoomSource({ lastMessageAt: null }, {}, () => ((opened += 1), empty))).toBeNull();
    expect(opened).toBe(0);
  });

  it('skips a room whose last message is older than the range, with a minute for ids ahead of the clock', () => {
    const lastMs = Date.parse(at);
    expect(boundedRoomSource({ lastMessageAt: at }, { lower: maxMessageIdAt(lastMs + 61_000) }, () => empty)).toBeNull();
    expect(boundedRoomSource({ lastMessageAt: at }, { lower: maxMessageIdAt(lastMs + 30_000) }, () => empty)).not.toBeNull();
  });

  it('bounds the room by its last message, or by the range end when that is lower', () => {
    const lastMs = Date.parse(at);
    expect(boundedRoomSource({ lastMessageAt: at }, {}, () => empty)?.newest).toBe(maxMessageIdAt(lastMs + 60_000));
    const upper = maxMessageIdAt(lastMs - 3_600_000);
    expect(boundedRoomSource({ lastMessageAt: at }, { upper }, () => empty)?.newest).toBe(upper);
  });
});
