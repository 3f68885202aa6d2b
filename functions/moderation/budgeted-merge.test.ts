import { describe, expect, it } from 'vitest';
import { budgetedMerge, type Source } from './budgeted-merge.ts';

interface Row {
  id: string;
  text: string;
}

/** An in-memory newest-first source that counts what it hands out as read. */
function source(ids: number[], text = (id: number) => `row ${id}`): Source<Row> & { reads: number } {
  const rows = [...ids].sort((a, b) => b - a).map((id) => ({ id: String(id).padStart(6, '0'), text: text(id) }));
  let at = 0;
  const s = {
    reads: 0,
    async read(max: number) {
      const items = rows.slice(at, at + max);
      at += items.length;
      s.reads += items.length;
      return { items, done: at >= rows.length, read: items.length };
    },
  };
  return s;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const ids = (rows: Row[]) => rows.map((r) => Number(r.id));

/** A source that says how new its newest row is, as a room's last message time lets it. */
function bounded(ids: number[], bound = Math.max(...ids)): Source<Row> & { reads: number } {
  return Object.assign(source(ids), { newest: String(bound).padStart(6, '0') });
}

describe('budgeted merge', () => {
  it('reads no quiet source a page does not reach: 5,000 rooms with one old message each cost nothing beside the busy one', async () => {
    const busy = bounded(range(900, 1000));
    const quiet = range(0, 5000).map((n) => bounded([n % 800]));

    const result = await budgetedMerge({ sources: [...quiet, busy], id: (r) => r.id, matches: () => true, limit: 50, budget: 1000 });

    expect(ids(result.items)).toEqual(range(950, 1000).reverse());
    expect(quiet.reduce((sum, s) => sum + s.reads, 0)).toBe(0);
    expect(result.itemsRead).toBeLessThanOrEqual(51 + 50);
    expect(result.continueBelow).toBe('000950');
  });

  it('opens bounded sources as the merge reaches them and keeps one order across them, page after page', async () => {
    const all = range(0, 600);
    const lanes = range(0, 12).map((lane) => all.filter((n) => n % 12 === lane && n < 50 * (lane + 1)));
    const expected = lanes.flat().sort((a, b) => b - a);
    const seen: number[] = [];
    let below: string | undefined;
    do {
      const cut = below;
      const result = await budgetedMerge({
        sources: lanes.map((lane) => bounded(lane.filter((n) => cut === undefined || n < Number(cut)), Math.max(...lane))),
        id: (r) => r.id,
        matches: () => true,
        limit: 25,
        budget: 1000,
      });
      seen.push(...ids(result.items));
      below = result.continueBelow;
    } while (below !== undefined);

    expect(seen).toEqual(expected);
  });

  it('merges several sources newest first and pages below the last id without gaps or duplicates', async () => {
    const all = range(0, 300);
    const lanes = [all.filter((n) => n % 3 === 0), all.filter((n) => n % 3 === 1), all.filter((n) => n % 3 === 2)];
    const seen: number[] = [];
    let below: string | undefined;
    let pages = 0;

    do {
      const cut = below;
      const result = await budgetedMerge({
        sources: lanes.map((lane) => source(lane.filter((n) => cut === undefined || n < Number(cut)))),
        id: (r) => r.id,
        matches: () => true,
        limit: 40,
        budget: 1000,
      });
      seen.push(...ids(result.items));
      below = result.continueBelow;
      pages += 1;
    } while (below !== undefined);

    expect(seen).toEqual([...all].reverse());
    expect(pages).toBe(8);
  });

  it('answers the last page without a cursor when nothing older matches', async () => {
    const result = await budgetedMerge({ sources: [source(range(0, 10))], id: (r) => r.id, matches: () => true, limit: 10, budget: 100 });

    expect(ids(result.items)).toEqual(range(0, 10).reverse());
    expect(result.continueBelow).toBeUndefined();
    expect(result.truncated).toBe(false);
  });

  it('stops a selective match at the read budget, says so, and continues from where it stopped', async () => {
    const lane = range(0, 10_000);
    const matchesEvery1000th = (r: Row) => Number(r.id) % 1000 === 0;

    const first = await budgetedMerge({ sources: [source(lane)], id: (r) => r.id, matches: matchesEvery1000th, limit: 50, budget: 2500 });

    expect(first.truncated).toBe(true);
    expect(first.itemsRead).toBeLessThanOrEqual(2500);
    expect(ids(first.items)).toEqual([9000, 8000]);
    const below = Number(first.continueBelow);
    expect(below).toBeGreaterThan(7000);
    const second = await budgetedMerge({
      sources: [source(lane.filter((n) => n < below))],
      id: (r) => r.id,
      matches: matchesEvery1000th,
      limit: 50,
      budget: 2500,
    });
    expect(ids(second.items)[0]).toBe(7000);
  });

  it('never reads more than the budget after the first chunks, however many sources there are', async () => {
    const lanes = range(0, 20).map((room) => source(range(0, 500).map((n) => n * 20 + room)));

    const result = await budgetedMerge({ sources: lanes, id: (r) => r.id, matches: () => false, limit: 50, budget: 300 });

    expect(result.truncated).toBe(true);
    expect(result.items).toEqual([]);
    expect(result.itemsRead).toBeLessThanOrEqual(300 + 20);
    expect(lanes.reduce((sum, lane) => sum + lane.reads, 0)).toBe(result.itemsRead);
  });

  it('finds a page that fills without reading every source to the end', async () => {
    const lanes = range(0, 20).map((room) => source(range(0, 500).map((n) => n * 20 + room)));

    const result = await budgetedMerge({ sources: lanes, id: (r) => r.id, matches: () => true, limit: 50, budget: 1000 });

    expect(ids(result.items)).toEqual(range(9950, 10_000).reverse());
    expect(result.itemsRead).toBeLessThan(200);
    expect(result.continueBelow).toBe('009950');
  });

  it('reports no more when the sources are exhausted and the buffered rest does not match', async () => {
    const result = await budgetedMerge({
      sources: [source([5, 4, 1])],
      id: (r) => r.id,
      matches: (r) => Number(r.id) >= 4,
      limit: 2,
      budget: 100,
    });

    expect(ids(result.items)).toEqual([5, 4]);
    expect(result.continueBelow).toBeUndefined();
  });
});
