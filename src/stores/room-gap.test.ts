import { describe, expect, it, vi } from 'vitest';
import type { GapFillPage } from '../../core/history-api.ts';
import { minMessageIdAt } from '../../core/message-id.ts';
import { storedMessage } from '../test-support/fake-services.ts';
import { createGapFiller, earliestGap, fillGapFrom, gapAfterNewest, gapAfterPage, MAX_GAP_PAGES, ROOM_START } from './room-gap.ts';

const ids = new Map<number, string>();
/** The id of message n, the same each time it is asked for. */
const id = (n: number) => ids.get(n) ?? ids.set(n, storedMessage('lobby', n).id).get(n)!;

function deps(pages: (after: string) => GapFillPage, oldest?: string) {
  return {
    messagesAfter: vi.fn(async (after: string, _changesFrom?: string) => pages(after)),
    oldestId: () => oldest,
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

  it('asks for the changes of every message held, from the oldest, on its first page only', async () => {
    const d = deps((after) => (after === 'next' ? { items: [] } : { items: [], nextCursor: 'next' }), id(1));

    await fillGapFrom(id(5), d);

    expect(d.messagesAfter.mock.calls).toEqual([
      [id(5), id(1)],
      ['next', undefined],
    ]);
  });

  it('asks for no changes when it holds nothing before the gap', async () => {
    const empty = deps(() => ({ items: [] }));
    const later = deps(() => ({ items: [] }), id(7));

    await fillGapFrom(ROOM_START, empty);
    await fillGapFrom(id(5), later);

    expect(empty.messagesAfter.mock.calls).toEqual([[ROOM_START, undefined]]);
    expect(later.messagesAfter.mock.calls).toEqual([[id(5), undefined]]);
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

describe("a room's gap filler", () => {
  /** A filler over a room whose newest message held is `newest`, with history answering `pages`. */
  function filler(newest: string | undefined, pages: (after: string) => Promise<GapFillPage>) {
    let opening = 0;
    const d = { ...deps(() => ({ items: [] })), messagesAfter: vi.fn(pages), newestId: () => newest, opening: () => opening, fail: vi.fn() };
    return { d, gaps: createGapFiller(d), reopen: () => (opening += 1) };
  }

  it('with no gap open, fills from a margin before the newest message held', async () => {
    const { d, gaps } = filler(id(5), async () => ({ items: [] }));

    await gaps.fill(0);

    expect(d.messagesAfter.mock.calls.map(([after]) => after)).toEqual([gapAfterNewest(id(5))]);
  });

  it('keeps the earliest gap opened until a fill of it succeeds', async () => {
    let down = true;
    const { d, gaps } = filler(id(9), async () => {
      if (down) throw new Error('offline');
      return { items: [] };
    });
    gaps.widen(id(3));
    gaps.widen(id(7));

    await gaps.fill(0);
    down = false;
    await gaps.fill(0);
    await gaps.fill(0);

    expect(d.fail).toHaveBeenCalledOnce();
    expect(d.messagesAfter.mock.calls.map(([after]) => after)).toEqual([id(3), id(3), gapAfterNewest(id(9))]);
  });

  it('opens a gap after the newest message held when given no start, and forgets it on reset', async () => {
    const { d, gaps } = filler(id(4), async () => ({ items: [] }));
    gaps.widen();
    gaps.widen(id(6));

    await gaps.fill(0);
    gaps.widen(id(1));
    gaps.reset();
    await gaps.fill(0);

    expect(d.messagesAfter.mock.calls.map(([after]) => after)).toEqual([gapAfterNewest(id(4)), gapAfterNewest(id(4))]);
  });

  it('neither fails nor closes the gap for a room that closed meanwhile', async () => {
    const { d, gaps, reopen } = filler(id(9), async () => {
      if (d.messagesAfter.mock.calls.length === 1) reopen();
      throw new Error('offline');
    });
    gaps.widen(id(2));

    await gaps.fill(0);
    await gaps.fill(1);

    expect(d.fail).toHaveBeenCalledOnce();
    expect(d.messagesAfter.mock.calls.map(([after]) => after)).toEqual([id(2), id(2)]);
  });
});
