import { describe, expect, it, vi } from 'vitest';
import type { GapFillPage } from '../../core/history-api.ts';
import { minMessageIdAt } from '../../core/message-id.ts';
import { storedMessage } from '../test-support/fake-services.ts';
import { earliestGap, fillGapFrom, gapAfterNewest, gapAfterPage, MAX_GAP_PAGES, ROOM_START } from './room-gap.ts';

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
  it('keeps the earlier start when a second gap opens', () => {
    expect(earliestGap(null, id(5))).toBe(id(5));
    expect(earliestGap(id(3), id(5))).toBe(id(3));
    expect(earliestGap(id(7), id(5))).toBe(id(5));
  });

  it('after a dropped connection starts a margin before the newest message held, or at the start of an empty room', () => {
    const newest = minMessageIdAt(Date.UTC(2026, 0, 1, 12));

    expect(gapAfterNewest(newest)).toBe(minMessageIdAt(Date.UTC(2026, 0, 1, 12) - 10_000));
    expect(gapAfterNewest(undefined)).toBe(ROOM_START);
  });

  it('after an opening starts a margin before the page’s newest message, but not before its oldest when older pages exist', () => {
    const t = Date.UTC(2026, 0, 1, 12);
    const at = (ms: number) => ({ ...storedMessage('lobby', 1), id: `${minMessageIdAt(ms).slice(0, 10)}0000000000000001` });
    // A busy room: the whole page is within the margin; what is older comes by scrolling up.
    const busy = { items: [at(t), at(t - 2_000)], nextCursor: 'c' };
    // A quiet one: the page reaches back past the margin.
    const quiet = { items: [at(t), at(t - 60_000)], nextCursor: 'c' };

    expect(gapAfterPage(busy)).toBe(busy.items[1]!.id);
    expect(gapAfterPage(quiet)).toBe(minMessageIdAt(t - 10_000));
    expect(gapAfterPage({ items: busy.items })).toBe(minMessageIdAt(t - 10_000));
    expect(gapAfterPage({ items: [] })).toBe(ROOM_START);
  });

  it('is filled page by page from its start, updates first', async () => {
    const start = minMessageIdAt(Date.UTC(2026, 0, 1));
    const d = deps((after) => (after === 'next' ? { items: [storedMessage('lobby', 2)] } : { items: [storedMessage('lobby', 1)], nextCursor: 'next', updates: [] }));

    await fillGapFrom(start, d);

    expect(d.messagesAfter.mock.calls.map(([after]) => after)).toEqual([start, 'next']);
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
