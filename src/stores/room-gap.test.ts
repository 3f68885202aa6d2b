import { describe, expect, it, vi } from 'vitest';
import type { GapFillPage } from '../../core/history-api.ts';
import { minMessageIdAt } from '../../core/message-id.ts';
import { storedMessage } from '../test-support/fake-services.ts';
import { earliestGap, fillGapFrom, MAX_GAP_PAGES, ROOM_START } from './room-gap.ts';

const ids = new Map<number, string>();
/** The id of message n, the same each time it is asked for. */
const id = (n: number) => ids.get(n) ?? ids.set(n, storedMessage('lobby', n).id).get(n)!;

function deps(pages: (after: string) => GapFillPage) {
  return {
    messagesAfter: vi.fn(async (after: string) => pages(after)),
    newestPage: vi.fn(async () => ({ items: [storedMessage('lobby', 999)] })),
    record: vi.fn(),
    restart: vi.fn(),
    stillOpen: () => true,
  };
}

describe('a gap', () => {
  it('starts at the earlier of the open gap and the newest message, or the start of an empty room', () => {
    expect(earliestGap(null, id(5))).toBe(id(5));
    expect(earliestGap(id(3), id(5))).toBe(id(3));
    expect(earliestGap(id(7), id(5))).toBe(id(5));
    expect(earliestGap(null, undefined)).toBe(ROOM_START);
    expect(earliestGap(id(3), undefined)).toBe(ROOM_START);
  });

  it('is filled page by page from a little before its start, updates first', async () => {
    const start = minMessageIdAt(Date.UTC(2026, 0, 1));
    const d = deps((after) => (after === 'next' ? { items: [storedMessage('lobby', 2)] } : { items: [storedMessage('lobby', 1)], nextCursor: 'next', updates: [] }));

    await fillGapFrom(start, d);

    expect(d.messagesAfter.mock.calls.map(([after]) => after)).toEqual([minMessageIdAt(Date.UTC(2026, 0, 1) - 10_000), 'next']);
    expect(d.record.mock.calls.map(([input]) => input.kind)).toEqual(['updates', 'history', 'updates', 'history']);
    expect(d.restart).not.toHaveBeenCalled();
  });

  it(`reloads from the newest page instead of reading more than ${MAX_GAP_PAGES} pages`, async () => {
    const d = deps(() => ({ items: [storedMessage('lobby', 1)], nextCursor: 'more' }));

    await fillGapFrom(ROOM_START, d);

    expect(d.messagesAfter).toHaveBeenCalledTimes(MAX_GAP_PAGES);
    expect(d.restart).toHaveBeenCalledWith({ items: [expect.objectContaining({ text: 'message 999' })] });
  });

  it('drops what arrives after the room closed', async () => {
    const d = { ...deps(() => ({ items: [storedMessage('lobby', 1)] })), stillOpen: () => false };

    await fillGapFrom(ROOM_START, d);

    expect(d.record).not.toHaveBeenCalled();
  });
});
