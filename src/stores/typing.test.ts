import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { roomSignalsChannel } from '../../core/channels.ts';
import { ALICE, BOB, createTestContext, type TestContext } from '../test-support/fake-services.ts';
import { useSessionStore } from './session.ts';
import { TYPING_TTL_MS, useTypingStore } from './typing.ts';

const signal = (author: typeof BOB) => ({ type: 'typing', roomId: 'lobby', author, at: new Date().toISOString() });

describe('the typing store', () => {
  let ctx: TestContext;

  beforeEach(async () => {
    vi.useFakeTimers();
    ctx = createTestContext();
    await useSessionStore().ready();
  });
  afterEach(() => vi.useRealTimers());

  it('shows who is typing in the room on screen, not the reader, and drops them after a few seconds', async () => {
    const typing = useTypingStore();
    typing.watchRoom('lobby');
    await vi.runOnlyPendingTimersAsync();

    ctx.events.emit(roomSignalsChannel('lobby'), signal(BOB));
    ctx.events.emit(roomSignalsChannel('lobby'), signal(ALICE));
    expect(typing.typists).toEqual([{ sub: BOB.sub, handle: 'bob', displayName: 'Bob' }]);

    vi.advanceTimersByTime(TYPING_TTL_MS + 1);
    expect(typing.typists).toEqual([]);
  });

  it('ignores a signal whose author lacks a handle or a name, which no handler stamps', async () => {
    const typing = useTypingStore();
    typing.watchRoom('lobby');
    await vi.runOnlyPendingTimersAsync();

    ctx.events.emit(roomSignalsChannel('lobby'), signal({ sub: 'sub-x', displayName: 'X' } as typeof BOB));
    ctx.events.emit(roomSignalsChannel('lobby'), signal({ sub: 'sub-y', handle: 'y' } as typeof BOB));
    ctx.events.emit(roomSignalsChannel('lobby'), signal(BOB));

    expect(typing.typists).toEqual([{ sub: BOB.sub, handle: 'bob', displayName: 'Bob' }]);
  });

  it('publishes at most one typing signal per two seconds', () => {
    const typing = useTypingStore();

    typing.notifyTyping('lobby', 10_000);
    typing.notifyTyping('lobby', 11_000);
    typing.notifyTyping('lobby', 12_000);

    expect(ctx.events.posts).toEqual([
      { channel: roomSignalsChannel('lobby'), event: { type: 'typing' } },
      { channel: roomSignalsChannel('lobby'), event: { type: 'typing' } },
    ]);
  });
});
